import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as jobsRoute from "@/app/api/jobs/route";
import * as filesRoute from "@/app/api/jobs/[jobId]/files/route";
import * as fileRoute from "@/app/api/jobs/[jobId]/files/[fileId]/route";
import * as workflowsRoute from "@/app/api/ci/workflows/route";
import type { BatchFileDetail, BatchFilesPage } from "@/lib/jobs/batch-files";
import { configureCounting, COUNT_SETTINGS } from "@/lib/server/jobs/file-counts";
import { get, OTHER_BUCKET, params, post } from "../support/route-harness";
import { startFilesHarness, type FilesHarness } from "../support/files-harness";

const STEP = 60_000;
let h: FilesHarness;
let workflowId: string;
const defaults = { ...COUNT_SETTINGS };

beforeAll(async () => {
  h = await startFilesHarness({ stepMs: STEP });
  const wf = (await (await workflowsRoute.GET(get("/api/ci/workflows"))).json()) as {
    items: { id: string; state?: string }[];
  };
  workflowId = wf.items.find((w) => w.state === "Active")!.id;
});
afterAll(async () => {
  configureCounting(defaults);
  await h.close();
});
beforeEach(() => {
  // Every poll may count (the pacing has its own test); small pages make the incremental reading visible.
  configureCounting({
    ...defaults,
    minGapMs: 0,
    callsPerSecond: 1e9,
    finishedCallsPerSecond: 1e9,
    pageSize: 10,
    passPages: 100,
    batchTtlMs: 0,
  });
});

async function trigger(body: unknown): Promise<string> {
  const res = await jobsRoute.POST(post("/api/jobs", body));
  expect(res.status).toBe(201);
  return ((await res.json()) as { job: { JobId: string } }).job.JobId;
}

const workflowBatch = (prefix: string, name = "files-test") => ({
  Name: name,
  Type: "Workflow",
  Input: { Prefix: prefix },
  Operation: { WorkflowIds: workflowId },
});

async function files(
  jobId: string,
  query = "",
): Promise<{ status: number; body: BatchFilesPage & { error?: { code: string; message: string } } }> {
  const res = await filesRoute.GET(get(`/api/jobs/${jobId}/files${query ? `?${query}` : ""}`), params({ jobId }));
  return { status: res.status, body: (await res.json()) as never };
}

const listCalls = async () => (await h.stats())["GET /workflowexecution"] ?? 0;
const total = (counts: Record<string, number | undefined>) =>
  Object.values(counts).reduce<number>((n, v) => n + (v ?? 0), 0);

describe("GET /api/jobs/{jobId}/files", () => {
  let batch: string;
  beforeAll(async () => {
    batch = await trigger(workflowBatch("media/batch-250/"));
  });

  it("counts a running batch incrementally, never re-reading files that ended, then stores final counts", async () => {
    h.advance(STEP * 1.5); // mid-run: some files exist, some ended
    await h.admin("stats/reset", { method: "POST" });
    const first = await files(batch, "size=5");
    expect(first.status).toBe(200);
    expect(first.body.countsComplete).toBe(false);
    const seenFirst = total(first.body.counts);
    expect(seenFirst).toBeGreaterThan(0);
    expect(seenFirst).toBeLessThan(250);
    const firstSweepCalls = await listCalls();

    h.advance(STEP * 2); // the batch and every file have ended
    await h.admin("stats/reset", { method: "POST" });
    let page = await files(batch, "size=5");
    for (let i = 0; i < 5 && !page.body.countsComplete; i++) page = await files(batch, "size=5");
    expect(page.body.countsComplete).toBe(true);
    expect(total(page.body.counts)).toBe(250);
    expect(page.body.counts.Failed).toBeGreaterThan(0);
    expect(page.body.counts.Success).toBeGreaterThan(page.body.counts.Failed!);
    expect(page.body.countsAt).toBeTruthy();
    // The later sweeps started at the oldest file still open: files that had ended were behind them, not read again.
    // A full read of 250 files in pages of 10 is 25 pages (plus one per sweep for its empty end).
    const laterCalls = (await listCalls()) - 1; // one call is the page of items
    // A full read of 250 files in pages of 10 is 25 pages: the later sweeps read fewer.
    expect(firstSweepCalls).toBeGreaterThan(1);
    expect(laterCalls).toBeLessThan(25);

    await h.admin("stats/reset", { method: "POST" });
    const again = await files(batch, "size=5");
    expect(again.body.countsComplete).toBe(true);
    expect(again.body.counts).toEqual(page.body.counts);
    expect(await listCalls()).toBe(0); // stored counts, cached page: CI is not asked again
  });

  it("pages through every file without overlap, with cursors bound to this batch and filter", async () => {
    const seen = new Set<string>();
    let token: string | undefined;
    let pages = 0;
    do {
      const { status, body } = await files(batch, `size=40${token ? `&nextToken=${encodeURIComponent(token)}` : ""}`);
      expect(status).toBe(200);
      for (const item of body.items) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
        expect(item.kind).toBe("workflowInstance");
        expect(item.object.startsWith("media/batch-250/")).toBe(true);
      }
      token = body.nextToken;
      pages++;
    } while (token && pages < 20);
    expect(seen.size).toBe(250);
  });

  it("filters by state and gives each failed file CI's error code and message", async () => {
    const { body } = await files(batch, "states=Failed&size=100");
    expect(body.items.length).toBe(body.counts.Failed);
    for (const item of body.items) {
      expect(item.state).toBe("Failed");
      expect(item.code).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(item.message).toBeTruthy();
    }
  });

  it("opens one file: the workflow instance with its steps and the failed step's error", async () => {
    const failed = (await files(batch, "states=Failed&size=1")).body.items[0]!;
    const res = await fileRoute.GET(
      get(`/api/jobs/${batch}/files/${failed.id}`),
      params({ jobId: batch, fileId: failed.id }),
    );
    expect(res.status).toBe(200);
    const detail = (await res.json()) as BatchFileDetail;
    expect(detail.id).toBe(failed.id);
    expect(detail.object).toBe(failed.object);
    expect(detail.workflowId).toBe(workflowId);
    expect(detail.steps.length).toBeGreaterThan(0);
    expect(detail.steps.some((s) => s.state === "Failed" && s.code === detail.code)).toBe(true);
    const missing = await fileRoute.GET(
      get(`/api/jobs/${batch}/files/i00000000000000000000000000000000`),
      params({ jobId: batch, fileId: "i00000000000000000000000000000000" }),
    );
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("NoSuchFile");
    const bad = await fileRoute.GET(get(`/api/jobs/${batch}/files/a%2Fb`), params({ jobId: batch, fileId: "a/b" }));
    expect(bad.status).toBe(400);
  });

  it("refuses a foreign, forged or re-filtered nextToken with 400 before calling CI", async () => {
    const other = await trigger(workflowBatch("media/small/", "files-other"));
    const token = (await files(batch, "size=5")).body.nextToken!;
    expect(token).toBeTruthy();
    await h.admin("stats/reset", { method: "POST" });
    for (const [job, q] of [
      [other, `size=5&nextToken=${encodeURIComponent(token)}`],
      [batch, `size=6&nextToken=${encodeURIComponent(token)}`],
      [batch, `size=5&states=Failed&nextToken=${encodeURIComponent(token)}`],
      [batch, `size=5&nextToken=${encodeURIComponent(token.replace(/^./, (c) => (c === "A" ? "B" : "A")))}`],
      [batch, "size=5&nextToken=abc"],
    ] as const) {
      const { status, body } = await files(job, q);
      expect(status, q).toBe(400);
      expect(body.error!.message, q).toContain("nextToken");
    }
    expect(await listCalls()).toBe(0);
  });

  it("answers 404 for an unknown JobId and for a JobId of another bucket, 400 for bad queries", async () => {
    const unknown = await files("b00000000000000000000000000000000");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error!.message).toContain("b00000000000000000000000000000000");
    const foreign = await filesRoute.GET(
      get(`/api/jobs/${batch}/files?bucket=${OTHER_BUCKET}`),
      params({ jobId: batch }),
    );
    expect(foreign.status).toBe(404);
    await h.admin("stats/reset", { method: "POST" });
    for (const q of ["states=Done", "size=0", "size=101", "object=a%01b", "bogus=1", "bucket=evil-1250000000"]) {
      const { status } = await files(batch, q);
      expect(status, q).toBe(400);
    }
    expect((await h.stats())["GET /inventorytriggerjob/:jobId"] ?? 0).toBe(0);
    expect(await listCalls()).toBe(0);
  });
});

describe("file names that are hard to encode", () => {
  it("lists and finds by exact name keys with spaces, +, & and Chinese characters", async () => {
    const batch = await trigger(workflowBatch("media/tricky/", "files-tricky"));
    h.advance(STEP * 3);
    const all = (await files(batch, "size=100")).body;
    const names = all.items.map((i) => i.object);
    for (const key of [
      "media/tricky/holiday clip 01.mp4",
      "media/tricky/a+b=c.mp4",
      "media/tricky/rock & roll.mp4",
      "media/tricky/春节联欢晚会.mp4",
    ]) {
      expect(names).toContain(key);
      const one = (await files(batch, `object=${encodeURIComponent(key)}`)).body;
      expect(one.items.map((i) => i.object)).toEqual([key]);
    }
  });
});

describe("a Job batch's files are its media jobs", () => {
  it("lists media jobs with times, duration, outputs and errors, and opens one", async () => {
    const batch = await trigger({
      Name: "files-media",
      Type: "Job",
      Input: { Prefix: "media/mixed/" },
      Operation: {
        Tag: "Transcode",
        JobParam: { TemplateId: "t1460606b9752148c4ab182f55163ba7cd" },
        Output: { Region: "ap-beijing", Bucket: "examplebucket-1250000000", Object: "out/${InputName}.mp4" },
      },
    });
    h.advance(STEP * 3);
    const { status, body } = await files(batch, "size=100");
    expect(status).toBe(200);
    expect(body.items).toHaveLength(20);
    const failed = body.items.filter((i) => i.state === "Failed");
    expect(failed.length).toBeGreaterThanOrEqual(4); // every key with "fail" fails
    for (const f of failed) expect(f.code).toBeTruthy();
    const ok = body.items.find((i) => i.state === "Success")!;
    expect(ok.kind).toBe("mediaJob");
    expect(ok.durationMs).toBeGreaterThanOrEqual(0);
    const res = await fileRoute.GET(
      get(`/api/jobs/${batch}/files/${failed[0]!.id}`),
      params({ jobId: batch, fileId: failed[0]!.id }),
    );
    const detail = (await res.json()) as BatchFileDetail;
    expect(res.status).toBe(200);
    expect(detail.steps).toHaveLength(1);
    expect(detail.steps[0]!.code).toBe(failed[0]!.code);
  });
});

describe("pacing", () => {
  it("a second viewer inside the pause gets the stored counts without a CI call for counting", async () => {
    configureCounting({ ...defaults, pageTtlMs: 60_000, batchTtlMs: 60_000 });
    const batch = await trigger(workflowBatch("media/batch-250/", "files-pacing"));
    h.advance(STEP * 1.3);
    const first = await files(batch, "size=5");
    expect(first.body.countsComplete).toBe(false);
    await h.admin("stats/reset", { method: "POST" });
    const viewers = await Promise.all(Array.from({ length: 20 }, () => files(batch, "size=5")));
    for (const v of viewers) expect(v.body.counts).toEqual(first.body.counts);
    expect(await listCalls()).toBe(0);
  });
});
