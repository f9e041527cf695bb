/** GET /template, /queue, /workflow: shapes of docs/ci-api.md §6, filters and paging. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { XmlObject } from "@/lib/ci/xml";
import { DOC_SAMPLE_IDS } from "./seed/catalog";
import { TEMPLATE_ELEMENT } from "./seed/tag-params";
import { errorOf, responseOf, startHarness, type Harness } from "./test-support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const get = (path: string, query: Record<string, string> = {}) => h.send({ path, query });
const items = (r: Awaited<ReturnType<typeof get>>, key: string) =>
  (responseOf(r)[key] as XmlObject[] | undefined) ?? [];

const REQUIRED_TAGS = [
  "Transcode",
  "Snapshot",
  "Animation",
  "SmartCover",
  "Concat",
  "VoiceSeparate",
  "VideoMontage",
  "VideoProcess",
  "SuperResolution",
  "PicProcess",
  "Tts",
  "SpeechRecognition",
  "NoiseReduction",
] as const;

describe("GET /template", () => {
  it.each(REQUIRED_TAGS)("serves Official and Custom %s templates with their payload element", async (tag) => {
    for (const category of ["Official", "Custom"]) {
      const r = await get("/template", { tag, category, pageSize: "100" });
      const list = items(r, "TemplateList");
      expect(list.length, `${tag} ${category}`).toBeGreaterThan(0);
      expect(Number(responseOf(r).TotalCount)).toBe(list.length);
      for (const t of list) {
        expect(t).toMatchObject({ Tag: tag, Category: category });
        expect(String(t.TemplateId)).toMatch(/^t[0-9a-f]{32,33}$/);
        expect(t[TEMPLATE_ELEMENT[tag]]).toBeTypeOf("object");
        expect(String(t.CreateTime)).toMatch(/\+0800$/);
      }
    }
  });

  it("defaults to Custom, PageNumber 1, PageSize 10", async () => {
    const r = await get("/template", { tag: "Transcode" });
    expect(responseOf(r)).toMatchObject({ PageNumber: "1", PageSize: "10" });
    expect(items(r, "TemplateList").every((t) => t.Category === "Custom")).toBe(true);
  });

  it("honours pageNumber and pageSize", async () => {
    const all = items(
      await get("/template", { tag: "Transcode", category: "Official", pageSize: "100" }),
      "TemplateList",
    );
    const r = await get("/template", { tag: "Transcode", category: "Official", pageNumber: "2", pageSize: "3" });
    expect(responseOf(r)).toMatchObject({ PageNumber: "2", PageSize: "3", TotalCount: String(all.length) });
    expect(items(r, "TemplateList").map((t) => t.TemplateId)).toEqual(all.slice(3, 6).map((t) => t.TemplateId));
  });

  it("looks templates up by ids and names the missing ones in NonExistTIDs", async () => {
    const missing = "t" + "9".repeat(32);
    const r = await get("/template", { tag: "Transcode", ids: `${DOC_SAMPLE_IDS.templateId},${missing}` });
    expect(items(r, "TemplateList").map((t) => t.TemplateId)).toEqual([DOC_SAMPLE_IDS.templateId]);
    expect(responseOf(r).NonExistTIDs).toEqual([{ TemplateId: missing }]);
  });

  it("filters by name prefix", async () => {
    const r = await get("/template", { tag: "Transcode", category: "Official", name: "MP4-" });
    const names = items(r, "TemplateList").map((t) => String(t.Name));
    expect(names.length).toBeGreaterThan(1);
    expect(names.every((n) => n.startsWith("MP4-"))).toBe(true);
  });

  it.each([
    [{}, "tag"],
    [{ tag: "Nope" }, "tag"],
    [{ tag: "Transcode", category: "Mine" }, "category"],
    [{ tag: "Transcode", pageSize: "0" }, "pageSize"],
    [{ tag: "Transcode", pageSize: "101" }, "pageSize"],
    [{ tag: "Transcode", pageNumber: "x" }, "pageNumber"],
  ])("400 InvalidArgument for %j", async (query, field) => {
    const r = await get("/template", query as Record<string, string>);
    expect([r.status, errorOf(r).Code]).toEqual([400, "InvalidArgument"]);
    expect(errorOf(r).Message).toContain(field);
  });
});

describe("queue families: GET /picqueue, /asrqueue, /ai_queue", () => {
  it.each([
    ["/picqueue", "PicProcessing"],
    ["/asrqueue", "ASR"],
    ["/ai_queue", "AIProcess"],
  ])("%s lists only its own family, in /queue's answer shape", async (path, category) => {
    const list = items(await get(path), "QueueList");
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((q) => q.Category === category)).toBe(true);
    for (const q of list) expect(String(q.QueueId)).toMatch(/^p[0-9a-f]{32}$/);
    // The SDKs send state=All by default: no filter.
    expect(items(await get(path, { state: "All" }), "QueueList")).toHaveLength(list.length);
  });

  it("media lists never show the other families, and a picture queue is unknown to /queue", async () => {
    const pic = items(await get("/picqueue"), "QueueList")[0]!;
    expect(
      items(await get("/queue", { category: "CateAll" }), "QueueList").some((q) => q.QueueId === pic.QueueId),
    ).toBe(false);
    expect(responseOf(await get("/queue", { queueIds: String(pic.QueueId) })).NonExistPIDs).toEqual([pic.QueueId]);
  });
});

describe("GET /queue", () => {
  it("lists Active and Paused queues (CateAll) with the documented fields", async () => {
    const r = await get("/queue", { category: "CateAll" });
    const list = items(r, "QueueList");
    expect(new Set(list.map((q) => q.State))).toEqual(new Set(["Active", "Paused"]));
    for (const q of list) {
      expect(String(q.QueueId)).toMatch(/^p[0-9a-f]{32}$/);
      expect(q).toMatchObject({ MaxSize: "10000", MaxConcurrent: "10" });
      expect((q.NotifyConfig as XmlObject).Url).toMatch(/^https:\/\//);
    }
  });

  it("defaults to the Transcoding category and filters by state", async () => {
    expect(items(await get("/queue"), "QueueList").every((q) => q.Category === "Transcoding")).toBe(true);
    const paused = items(await get("/queue", { state: "Paused", category: "CateAll" }), "QueueList");
    expect(paused.length).toBeGreaterThan(0);
    expect(paused.every((q) => q.State === "Paused")).toBe(true);
  });

  it("looks queues up by queueIds and names unknown ones in NonExistPIDs", async () => {
    const unknown = "p" + "0".repeat(32);
    const r = await get("/queue", { queueIds: `${DOC_SAMPLE_IDS.queueId},${unknown}` });
    expect(items(r, "QueueList").map((q) => q.QueueId)).toEqual([DOC_SAMPLE_IDS.queueId]);
    expect(responseOf(r).NonExistPIDs).toEqual([unknown]);
  });

  it("honours pageSize", async () => {
    const r = await get("/queue", { category: "CateAll", pageSize: "2" });
    expect(items(r, "QueueList")).toHaveLength(2);
    expect(Number(responseOf(r).TotalCount)).toBeGreaterThan(2);
  });
});

describe("GET /workflow", () => {
  it("lists Active and Paused workflows with a topology", async () => {
    const r = await get("/workflow", { pageSize: "100" });
    const list = items(r, "MediaWorkflowList");
    expect(new Set(list.map((w) => w.State))).toEqual(new Set(["Active", "Paused"]));
    for (const w of list) {
      expect(String(w.WorkflowId)).toMatch(/^w[0-9a-f]{32}$/);
      const topo = w.Topology as XmlObject;
      expect((topo.Dependencies as XmlObject).Start).toBeTruthy();
      expect(((topo.Nodes as XmlObject).Start as XmlObject).Type).toBe("Start");
    }
  });

  it("filters by ids and name; pages", async () => {
    const byId = await get("/workflow", { ids: DOC_SAMPLE_IDS.workflowId });
    expect(items(byId, "MediaWorkflowList").map((w) => w.WorkflowId)).toEqual([DOC_SAMPLE_IDS.workflowId]);
    const name = String(items(byId, "MediaWorkflowList")[0]!.Name);
    expect(items(await get("/workflow", { name }), "MediaWorkflowList").map((w) => w.Name)).toEqual([name]);
    const p = await get("/workflow", { pageSize: "2", pageNumber: "2" });
    expect(items(p, "MediaWorkflowList")).toHaveLength(2);
    expect(responseOf(p)).toMatchObject({ PageNumber: "2", PageSize: "2" });
  });
});
