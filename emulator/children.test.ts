/**
 * Files inside a batch: GET /workflowexecution (+ /<runId>) and GET /jobs (+ /<jobId>) for triggered batches over
 * the seeded prefixes: lazy progress over the clock, deterministic failures, paging over 10,000 files, filters, errors.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { XmlObject } from "@/lib/ci/xml";
import { formatCiTime, parseCiTime } from "./model/ci-formats";
import { fileFailure } from "./batch/file-outcome";
import { MIXED_KEYS, SAMPLE_URL_FILE, TRICKY_KEYS } from "./cos/seed-objects";
import { DOC_SAMPLE_IDS } from "./seed/catalog";
import { errorOf, jobsOf, responseOf, startHarness, type Harness, type Reply } from "./test-support/harness";

const WF = DOC_SAMPLE_IDS.workflowId;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const arr = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const executions = (r: Reply) => arr(responseOf(r).WorkflowExecutionList as XmlObject | XmlObject[]);

async function trigger(input: string, type: "Workflow" | "Job" = "Workflow"): Promise<string> {
  const op =
    type === "Workflow"
      ? `<WorkflowIds>${WF}</WorkflowIds>`
      : `<Tag>Transcode</Tag><JobParam><TemplateId>${DOC_SAMPLE_IDS.templateId}</TemplateId></JobParam><Output><Region>ap-beijing</Region><Bucket>examplebucket-1250000000</Bucket><Object>out/\${InputName}.mp4</Object></Output>`;
  const r = await h.send({
    method: "POST",
    path: "/inventorytriggerjob",
    body: `<Request><Name>files-test</Name><Type>${type}</Type><Input>${input}</Input><Operation>${op}</Operation></Request>`,
  });
  expect(r.status).toBe(200);
  return String(jobsOf(r)[0]!.JobId);
}

const listExec = (query: Record<string, string>) => h.send({ path: "/workflowexecution", query });
const listJobs = (query: Record<string, string>) => h.send({ path: "/jobs", query });
/** Moves the emulator's clock past the batch's end (the harness's step is 1 s: Submitted 1 s, Running 1 s). */
const finish = () => (h.clock.now += 2_500);

describe("workflow instances", () => {
  it("none while the batch is Submitted; they appear while it runs; all end by the batch's end", async () => {
    const jobId = await trigger("<Prefix>media/small/</Prefix>");
    expect(executions(await listExec({ workflowId: WF, jobId, size: "100" }))).toHaveLength(0);
    h.clock.now += 1_300; // Running, 30 % into the window: some files created
    const running = executions(await listExec({ workflowId: WF, jobId, size: "100" }));
    expect(running.length).toBeGreaterThan(0);
    expect(running.length).toBeLessThan(12);
    finish();
    const done = executions(await listExec({ workflowId: WF, jobId, size: "100" }));
    expect(done).toHaveLength(12);
    expect(new Set(done.map((e) => e.State)).size).toBeGreaterThan(0);
    expect(done.every((e) => e.State === "Success" || e.State === "Failed")).toBe(true);
    const failed = done.filter((e) => e.State === "Failed").map((e) => String(e.Object));
    expect(failed).toEqual(done.map((e) => String(e.Object)).filter((k) => fileFailure(k) !== null));
    expect(String(done[0]!.CreateTime)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(String(done[0]!.RunId)).toMatch(/^i[0-9a-f]{32}$/);
    // The batch itself ends Success although some files failed (the emulator's choice, README).
    const batch = await h.send({ path: `/inventorytriggerjob/${jobId}` });
    expect(jobsOf(batch)[0]!.State).toBe("Success");
  });

  it("keys containing fail always fail, with a CI error code; the detail has the failing task", async () => {
    const jobId = await trigger("<Prefix>media/mixed/</Prefix>");
    finish();
    const failed = executions(await listExec({ workflowId: WF, jobId, states: "Failed", size: "100" }));
    const failedKeys = failed.map((e) => String(e.Object));
    for (const k of MIXED_KEYS.filter((k) => k.includes("fail"))) expect(failedKeys).toContain(k);
    const detail = await h.send({ path: `/workflowexecution/${String(failed[0]!.RunId)}` });
    const wf = responseOf(detail).WorkflowExecution as XmlObject;
    expect(wf.State).toBe("Failed");
    expect(wf.Object).toBe(failedKeys[0]);
    const tasks = arr(wf.Tasks as XmlObject | XmlObject[]);
    expect(tasks.length).toBeGreaterThan(0);
    expect(tasks[0]!.State).toBe("Failed");
    expect([
      "ResourceNotSupported",
      "ResourceNotFound",
      "ResourceDownloadFailed",
      "WriteTargetBucketDenied",
      "InternalError",
    ]).toContain(tasks[0]!.Code);
    expect(String(tasks[0]!.Message).length).toBeGreaterThan(0);
    expect(Object.keys(tasks[0]!)).toEqual(
      expect.arrayContaining([
        "Type",
        "CreateTime",
        "EndTime",
        "State",
        "JobId",
        "Name",
        "TemplateId",
        "TemplateName",
        "Code",
        "Message",
      ]),
    );
  });

  it("pages through 10,000 instances with nextToken: stable, no duplicates, none missing; Asc is the reverse", async () => {
    const jobId = await trigger("<Prefix>media/batch-10k/</Prefix>");
    finish();
    const seen: string[] = [];
    let token = "";
    for (let i = 0; i < 200 && seen.length <= 10_000; i++) {
      const r = await listExec({ workflowId: WF, jobId, size: "100", ...(token ? { nextToken: token } : {}) });
      seen.push(...executions(r).map((e) => String(e.Object)));
      token = String(responseOf(r).NextToken ?? "");
      if (!token) break;
    }
    expect(seen).toHaveLength(10_000);
    expect(new Set(seen).size).toBe(10_000);
    expect(seen[0]).toBe("media/batch-10k/clip-10000.mp4"); // newest first: the last file was created last
    const asc = executions(await listExec({ workflowId: WF, jobId, size: "3", orderByTime: "Asc" })).map((e) =>
      String(e.Object),
    );
    expect(asc).toEqual([
      "media/batch-10k/clip-00001.mp4",
      "media/batch-10k/clip-00002.mov",
      "media/batch-10k/clip-00003.mkv",
    ]);
    const failedCount = seen.filter((k) => fileFailure(k) !== null).length;
    expect(failedCount / 10_000).toBeGreaterThan(0.05);
    expect(failedCount / 10_000).toBeLessThan(0.1);
  });

  it("name finds one file exactly (a tricky key); a URL list batch covers its lines", async () => {
    const jobId = await trigger(`<UrlFile>${SAMPLE_URL_FILE}</UrlFile>`);
    finish();
    const all = executions(await listExec({ workflowId: WF, jobId, size: "100" }));
    expect(all).toHaveLength(12 + TRICKY_KEYS.length);
    const one = executions(await listExec({ workflowId: WF, jobId, name: "media/tricky/rock & roll.mp4" }));
    expect(one.map((e) => e.Object)).toEqual(["media/tricky/rock & roll.mp4"]);
    const chinese = executions(await listExec({ workflowId: WF, jobId, name: "media/tricky/春节联欢晚会.mp4" }));
    expect(chinese).toHaveLength(1);
    expect(
      executions(
        await listExec({ workflowId: WF, jobId, name: "media/tricky/fail-corrupt-upload.mp4", states: "Failed" }),
      ),
    ).toHaveLength(1);
  });

  it("errors: workflowId missing or unknown, bad size / states / times / nextToken, unknown runId", async () => {
    const cases: Record<string, string>[] = [
      {},
      { workflowId: "w0000" },
      { workflowId: WF, size: "101" },
      { workflowId: WF, states: "Submitted" },
      { workflowId: WF, startCreationTime: "yesterday" },
      { workflowId: WF, nextToken: "forged.token" },
    ];
    for (const query of cases) {
      const r = await listExec(query);
      expect([r.status, errorOf(r).Code], JSON.stringify(query)).toEqual([400, "InvalidArgument"]);
    }
    const r = await h.send({ path: "/workflowexecution/i00000000000000000000000000000000" });
    expect([r.status, errorOf(r).Code]).toEqual([400, "InvalidArgument"]);
  });

  it("a token is bound to its query", async () => {
    const jobId = await trigger("<Prefix>media/batch-250/</Prefix>");
    finish();
    const first = await listExec({ workflowId: WF, jobId, size: "10" });
    const token = String(responseOf(first).NextToken);
    const other = await listExec({ workflowId: WF, jobId, states: "Failed", nextToken: token });
    expect([other.status, errorOf(other).Code]).toEqual([400, "InvalidArgument"]);
  });
});

describe("stats", () => {
  it("counts each new route key, as the counting benchmark reads them", async () => {
    await h.admin("POST", "stats/reset");
    await listExec({ workflowId: WF });
    await listExec({ workflowId: WF });
    await h.send({ path: "/workflowexecution/i00000000000000000000000000000000" });
    await listJobs({ tag: "Transcode" });
    await h.send({ path: "/jobs/j00000000000000000000000000000000" });
    const routes = (await h.admin("GET", "stats")).json.routes;
    expect(routes).toMatchObject({
      "GET /workflowexecution": 2,
      "GET /workflowexecution/:runId": 1,
      "GET /jobs": 1,
      "GET /jobs/:jobId": 1,
    });
  });
});

describe("media jobs", () => {
  it("a Job batch makes one media job per file, with CI's JobsDetail; filters by batch, state and inputObject", async () => {
    const jobId = await trigger("<Prefix>media/mixed/</Prefix>", "Job");
    finish();
    const r = await listJobs({ tag: "Transcode", inventoryTriggerJobId: jobId, size: "100" });
    const jobs = jobsOf(r);
    expect(jobs).toHaveLength(20);
    const j = jobs[0]!;
    expect(String(j.JobId)).toMatch(/^j[0-9a-f]{32}$/);
    expect(j.Tag).toBe("Transcode");
    expect(String(j.CreationTime)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0800$/);
    expect((j.Input as XmlObject).Object).toBe("media/mixed/clip-20-fail.mp4");
    expect(j.State).toBe("Failed");
    expect(j.QueueId).toBeTruthy();
    const okJob = jobs.find((x) => x.State === "Success")!;
    expect(((okJob.Operation as XmlObject).Output as XmlObject).Object).toBe(
      `out/${String((okJob.Input as XmlObject).Object)
        .replace(/^media\/mixed\//, "")
        .replace(/\.mp4$/, "")}.mp4`,
    );
    const failed = jobsOf(
      await listJobs({ tag: "Transcode", inventoryTriggerJobId: jobId, states: "Failed", size: "100" }),
    );
    expect(failed.map((x) => String((x.Input as XmlObject).Object)).sort()).toEqual(
      MIXED_KEYS.filter((k) => fileFailure(k) !== null).sort(),
    );
    expect(failed.every((x) => x.Code !== "Success" && String(x.Message).length > 0)).toBe(true);
    const one = jobsOf(
      await listJobs({ tag: "Transcode", inventoryTriggerJobId: jobId, inputObject: "media/mixed/clip-03.mp4" }),
    );
    expect(one).toHaveLength(1);
    const detail = await h.send({ path: `/jobs/${String(one[0]!.JobId)}` });
    expect((jobsOf(detail)[0]!.Input as XmlObject).Object).toBe("media/mixed/clip-03.mp4");
    expect(jobsOf(await listJobs({ tag: "Snapshot", inventoryTriggerJobId: jobId }))).toHaveLength(0);
  });

  it("Submitted then Running then final, lazily", async () => {
    const jobId = await trigger("<Object>media/one/keynote-1.mp4</Object>", "Job");
    h.clock.now += 1_000; // the batch starts; its only file is created at once
    const states = new Set<string>();
    for (let i = 0; i < 12; i++) {
      for (const j of jobsOf(await listJobs({ tag: "Transcode", inventoryTriggerJobId: jobId })))
        states.add(String(j.State));
      h.clock.now += 100;
    }
    expect(states.has("Running")).toBe(true);
    expect([...states].some((s) => s === "Success" || s === "Failed")).toBe(true);
  });

  it("a missing object named by an Object batch fails ResourceNotFound; unknown job IDs answer NonExistJobIds", async () => {
    const jobId = await trigger("<Object>media/none/missing.mp4</Object>", "Job");
    finish();
    const jobs = jobsOf(await listJobs({ tag: "Transcode", inventoryTriggerJobId: jobId }));
    expect(jobs.map((j) => [j.State, j.Code])).toEqual([["Failed", "ResourceNotFound"]]);
    const r = await h.send({ path: "/jobs/j00000000000000000000000000000000" });
    expect(r.status).toBe(200);
    expect(responseOf(r).NonExistJobIds).toEqual(["j00000000000000000000000000000000"]);
  });

  it("creation-time bounds (either offset form) and queueId / queueType narrow the list", async () => {
    const jobId = await trigger("<Prefix>media/batch-250/</Prefix>", "Job");
    finish();
    const all = jobsOf(
      await listJobs({ tag: "Transcode", inventoryTriggerJobId: jobId, size: "100", orderByTime: "Asc" }),
    );
    expect(all).toHaveLength(100);
    const fmt = (ms: number, colon: boolean) => {
      const t = formatCiTime(new Date(ms), 480);
      return colon ? `${t.slice(0, -2)}:${t.slice(-2)}` : t;
    };
    const times = all.map((j) => parseCiTime(String(j.CreationTime))!.getTime());
    const [first, last] = [Math.min(...times), Math.max(...times)];
    const count = async (q: Record<string, string>) =>
      jobsOf(await listJobs({ tag: "Transcode", inventoryTriggerJobId: jobId, size: "100", ...q })).length;
    expect(await count({ startCreationTime: fmt(first, false) })).toBe(100);
    expect(await count({ startCreationTime: fmt(last + 1000, false) })).toBe(0);
    expect(await count({ endCreationTime: fmt(last, true) })).toBe(100);
    expect(await count({ endCreationTime: fmt(first - 1000, true) })).toBe(0);
    const queueId = String(all[0]!.QueueId);
    expect(jobsOf(await listJobs({ tag: "Transcode", inventoryTriggerJobId: jobId, queueId, size: "5" }))).toHaveLength(
      5,
    );
    expect(
      jobsOf(await listJobs({ tag: "Transcode", inventoryTriggerJobId: jobId, queueId: "p0", size: "5" })),
    ).toHaveLength(0);
    expect(
      jobsOf(await listJobs({ tag: "Transcode", inventoryTriggerJobId: jobId, queueType: "Transcoding", size: "5" })),
    ).toHaveLength(5);
    expect(
      jobsOf(
        await listJobs({ tag: "Transcode", inventoryTriggerJobId: jobId, queueType: "SpeedTranscoding", size: "5" }),
      ),
    ).toHaveLength(0);
  });

  it("errors: tag missing, bad queueType, bad states", async () => {
    const cases: Record<string, string>[] = [
      {},
      { tag: "Transcode", queueType: "Fast" },
      { tag: "Transcode", states: "Done" },
    ];
    for (const query of cases) {
      const r = await listJobs(query);
      expect([r.status, errorOf(r).Code], JSON.stringify(query)).toEqual([400, "InvalidArgument"]);
    }
  });

  it("a cancel stops the batch: unfinished files end Cancel, no new ones appear", async () => {
    const jobId = await trigger("<Prefix>media/batch-250/</Prefix>", "Job");
    h.clock.now += 1_300;
    const cancel = await h.send({ method: "PUT", path: `/inventorytriggerjob/${jobId}`, query: { cancel: null } });
    expect(cancel.status).toBe(200);
    const atCancel = jobsOf(await listJobs({ tag: "Transcode", inventoryTriggerJobId: jobId, size: "100" })).length;
    finish();
    const after = jobsOf(await listJobs({ tag: "Transcode", inventoryTriggerJobId: jobId, size: "100" }));
    expect(after).toHaveLength(atCancel);
    expect(after.every((j) => ["Cancel", "Success", "Failed"].includes(String(j.State)))).toBe(true);
    expect(after.some((j) => j.State === "Cancel")).toBe(true);
  });
});
