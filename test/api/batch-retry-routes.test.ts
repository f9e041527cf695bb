import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as jobsRoute from "@/app/api/jobs/route";
import * as jobRoute from "@/app/api/jobs/[jobId]/route";
import * as retryRoute from "@/app/api/jobs/[jobId]/retry/route";
import * as filesRoute from "@/app/api/jobs/[jobId]/files/route";
import * as workflowsRoute from "@/app/api/ci/workflows/route";
import * as auditRoute from "@/app/api/audit/route";
import type { BatchFilesPage, RetryLinks, RetryPlan, RetryResult } from "@/lib/jobs/batch-files";
import { cosObjectUrl } from "@/lib/ci/cos-client";
import { resetConfigForTests } from "@/lib/server/config";
import { cosClient } from "@/lib/server/jobs/cos-runtime";
import { RETRY_SETTINGS } from "@/lib/server/jobs/retry";
import { BUCKET, VIEWER, get, params, post } from "../support/route-harness";
import { startFilesHarness, type FilesHarness } from "../support/files-harness";

const STEP = 60_000;
const PREFIX = "retry-lists/";
let h: FilesHarness;
let workflowId: string;

beforeAll(async () => {
  h = await startFilesHarness({ stepMs: STEP, env: { RETRY_LIST_PREFIX: PREFIX } });
  const wf = (await (await workflowsRoute.GET(get("/api/ci/workflows"))).json()) as {
    items: { id: string; state?: string }[];
  };
  workflowId = wf.items.find((w) => w.state === "Active")!.id;
});
afterAll(async () => h.close());

async function trigger(body: unknown): Promise<string> {
  const res = await jobsRoute.POST(post("/api/jobs", body));
  expect(res.status).toBe(201);
  return ((await res.json()) as { job: { JobId: string } }).job.JobId;
}
const workflowBatch = (prefix: string, name: string) => ({
  Name: name,
  Type: "Workflow",
  Input: { Prefix: prefix },
  Operation: { WorkflowIds: workflowId },
});

async function plan(jobId: string) {
  const res = await retryRoute.GET(get(`/api/jobs/${jobId}/retry`), params({ jobId }));
  return { status: res.status, body: (await res.json()) as RetryPlan & { error?: { code: string; message: string } } };
}
async function retry(jobId: string, key?: string, identity?: Record<string, string>) {
  const res = await retryRoute.POST(
    post(`/api/jobs/${jobId}/retry`, {}, key ? { "idempotency-key": key } : {}, identity),
    params({ jobId }),
  );
  return {
    status: res.status,
    body: (await res.json()) as RetryResult & { error?: { code: string; message: string } },
  };
}
async function failedObjects(jobId: string): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const res = await filesRoute.GET(
      get(`/api/jobs/${jobId}/files?states=Failed&size=100${token ? `&nextToken=${encodeURIComponent(token)}` : ""}`),
      params({ jobId }),
    );
    const body = (await res.json()) as BatchFilesPage;
    out.push(...body.items.map((i) => i.object));
    token = body.nextToken;
  } while (token);
  return out;
}
const written = async (prefix = PREFIX) =>
  (
    await h.admin<{ objects: { key: string; body: string }[] }>(
      `cos/objects?bucket=${BUCKET}&prefix=${encodeURIComponent(prefix)}`,
    )
  ).objects;
const triggers = async () => (await h.stats())["POST /inventorytriggerjob"] ?? 0;
const cosPuts = async () => (await h.stats())["COS PUT /:key"] ?? 0;

describe("retry of failed files", () => {
  it("refuses, with nothing written or sent: running batch, no failures, not configured, viewer", async () => {
    const running = await trigger(workflowBatch("media/batch-250/", "retry-running"));
    const clean = await trigger(workflowBatch("media/one/", "retry-clean"));
    await h.admin("stats/reset", { method: "POST" });
    const before = (await written()).length;

    const notFinished = await retry(running, "key-running-1");
    expect(notFinished.status).toBe(409);
    expect(notFinished.body.error!.code).toBe("RetryBatchNotFinished");
    expect(notFinished.body.error!.message).toContain(running);

    h.advance(STEP * 3);
    const cleanPlan = await plan(clean);
    if (cleanPlan.status === 200) throw new Error("media/one/ was expected to succeed (deterministic per key)");
    expect(cleanPlan.status).toBe(409);
    expect(cleanPlan.body.error!.code).toBe("RetryNothingToRetry");
    expect((await retry(clean, "key-clean-1")).body.error!.code).toBe("RetryNothingToRetry");

    const viewer = await retry(running, "key-viewer-1", VIEWER);
    expect(viewer.status).toBe(403);

    process.env.RETRY_LIST_PREFIX = "";
    resetConfigForTests();
    try {
      const off = await retry(running, "key-off-1");
      expect(off.status).toBe(409);
      expect(off.body.error!.code).toBe("RetryNotConfigured");
      expect(off.body.error!.message).toContain("RETRY_LIST_PREFIX");
      expect((await plan(running)).body.error!.code).toBe("RetryNotConfigured");
    } finally {
      process.env.RETRY_LIST_PREFIX = PREFIX;
      resetConfigForTests();
    }
    expect(await triggers()).toBe(0);
    expect(await cosPuts()).toBe(0);
    expect((await written()).length).toBe(before);
  });

  it("refuses more failed files than one list may hold with 413, nothing written or sent", async () => {
    const source = await trigger(workflowBatch("media/mixed/", "retry-too-many"));
    h.advance(STEP * 3);
    await h.admin("stats/reset", { method: "POST" });
    RETRY_SETTINGS.maxFiles = 2;
    try {
      const res = await retry(source, "key-too-many-1");
      expect(res.status).toBe(413);
      expect(res.body.error!.code).toBe("RetryTooManyFiles");
      expect(res.body.error!.message).toContain("more than 2 failed files");
    } finally {
      RETRY_SETTINGS.maxFiles = 10_000;
    }
    expect(await triggers()).toBe(0);
    expect(await cosPuts()).toBe(0);
  });

  it("plans, writes exactly the failed files' URLs, triggers the same workflow, audits and links both ways", async () => {
    const source = await trigger(workflowBatch("media/batch-250/", "retry-source"));
    h.advance(STEP * 3);
    const failed = await failedObjects(source);
    expect(failed.length).toBeGreaterThan(0);
    await h.admin("stats/reset", { method: "POST" });

    const p = await plan(source);
    expect(p.status).toBe(200);
    expect(p.body.fileCount).toBe(failed.length);
    expect(p.body.listKey.startsWith(`${PREFIX}${source}/`)).toBe(true);
    expect(p.body.xml).toContain(`<UrlFile>${p.body.listKey}</UrlFile>`);
    expect(p.body.xml).toContain(`<WorkflowIds>${workflowId}</WorkflowIds>`);
    expect(await triggers()).toBe(0);
    expect(await cosPuts()).toBe(0);

    const first = await retry(source, "retry-key-0001");
    expect(first.status).toBe(201);
    expect(first.body.sourceJobId).toBe(source);
    expect(first.body.fileCount).toBe(failed.length);
    expect(first.body.listKey).toBe(p.body.listKey);
    const again = await retry(source, "retry-key-0001");
    expect(again.body.jobId).toBe(first.body.jobId);
    expect(await triggers()).toBe(1);
    expect(await cosPuts()).toBe(1);

    const list = (await written(p.body.listKey))[0]!;
    const lines = list.body.split("\n").filter(Boolean);
    const target = { bucket: BUCKET, region: "ap-beijing" };
    expect(lines.sort()).toEqual(failed.map((o) => cosObjectUrl(target, o)).sort());
    const sent = (await h.admin<{ requestXml?: string }>(`jobs/${first.body.jobId}`)).requestXml ?? "";
    expect(sent).toContain(`<UrlFile>${p.body.listKey}</UrlFile>`);

    const links = async (jobId: string) =>
      ((await (await jobRoute.GET(get(`/api/jobs/${jobId}`), params({ jobId }))).json()) as { retryLinks?: RetryLinks })
        .retryLinks;
    expect((await links(first.body.jobId))?.retryOf).toBe(source);
    expect((await links(source))?.retriedBy).toEqual([first.body.jobId]);
    const audit = (await (await auditRoute.GET(get(`/api/audit?jobId=${first.body.jobId}`))).json()) as {
      entries: { jobId: string; retryOf?: string }[];
    };
    expect(audit.entries.find((e) => e.jobId === first.body.jobId)?.retryOf).toBe(source);
  });

  it("retries a Job batch of 5,000 failed files whose names have spaces, +, & and Chinese characters", async () => {
    const target = { bucket: BUCKET, region: "ap-beijing" };
    const keys = Array.from({ length: 5_000 }, (_, i) => `gone/片段 ${i} a+b & c.mp4`);
    await cosClient().putObject(
      target,
      "lists/gone-5000.txt",
      keys.map((k) => cosObjectUrl(target, k)).join("\n") + "\n",
    );
    const source = await trigger({
      Name: "retry-5000",
      Type: "Job",
      Input: { UrlFile: "lists/gone-5000.txt" },
      Operation: {
        Tag: "Transcode",
        JobParam: { TemplateId: "t1460606b9752148c4ab182f55163ba7cd" },
        Output: { Region: "ap-beijing", Bucket: BUCKET, Object: "out/${InputName}.mp4" },
      },
    });
    h.advance(STEP * 3);
    await h.admin("stats/reset", { method: "POST" });
    const res = await retry(source, "retry-key-5000");
    expect(res.status).toBe(201);
    expect(res.body.fileCount).toBe(5_000);
    const list = (await written(res.body.listKey))[0]!;
    const lines = list.body.split("\n").filter(Boolean);
    expect(lines).toHaveLength(5_000);
    expect(new Set(lines)).toEqual(new Set(keys.map((k) => cosObjectUrl(target, k))));
    const sent = (await h.admin<{ requestXml?: string }>(`jobs/${res.body.jobId}`)).requestXml ?? "";
    expect(sent).toContain("<Tag>Transcode</Tag>");
    expect(sent).toContain(`<UrlFile>${res.body.listKey}</UrlFile>`);
    expect(await triggers()).toBe(1);
  });
});
