/**
 * Issue 12 item 3: a job whose details CI sends in an odd shape is shown marked, and counted and logged once — not
 * once per poll. Through the real list, detail and health routes against an in-process emulator whose admin API
 * makes one job misfit (emulator/admin.ts).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as healthRoute from "@/app/api/health/route";
import * as jobRoute from "@/app/api/jobs/[jobId]/route";
import * as jobsRoute from "@/app/api/jobs/route";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { createLogger, setLoggerForTests } from "@/lib/server/logger";
import { metrics } from "@/lib/server/metrics";
import { noteUnreadableJobs, unreadableJobCount } from "@/lib/server/unreadable-jobs";
import { APP, get, params, startHarness, type Harness } from "../support/route-harness";

let h: Harness;
let lines: string[] = [];
const capture = { write: (chunk: string) => void lines.push(...chunk.split("\n").filter(Boolean)) };

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  setLoggerForTests(undefined);
  await h.close();
});
beforeEach(() => {
  lines = [];
  setLoggerForTests(createLogger(capture, { ...process.env, LOG_LEVEL: "trace" }));
});

const oddLines = () =>
  lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === "ci-job-details-not-understood");
const counted = async () => (await metrics().unreadableJobs.get()).values[0]?.value ?? 0;

async function listJobs(): Promise<JobDetail[]> {
  const res = await jobsRoute.GET(get("/api/jobs?size=5"));
  expect(res.status).toBe(200);
  return ((await res.json()) as { jobs: JobDetail[] }).jobs;
}

describe("an odd job in the list", () => {
  it("is marked among unmarked rows, and counted and logged once however often it is polled", async () => {
    const before = await listJobs();
    expect(before.every((j) => !j.detailsProblem)).toBe(true);
    const odd = before[2]!.JobId;
    await h.admin(`jobs/${odd}/misfit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ shape: "job-param-text" }),
    });
    const [count0, metric0] = [unreadableJobCount(), await counted()];

    const first = await listJobs();
    expect(first.map((j) => j.JobId)).toEqual(before.map((j) => j.JobId));
    expect(first.map((j) => Boolean(j.detailsProblem))).toEqual([false, false, true, false, false]);
    expect(first[2]).toMatchObject({ JobId: odd, Name: before[2]!.Name, State: before[2]!.State });
    expect(first[2]!.detailsProblem).toMatch(/^Operation\.JobParam: /);

    // Polled again (no cache in the harness: CI_CACHE_MS=0), and opened: still one count, one line.
    await listJobs();
    await listJobs();
    const detail = await jobRoute.GET(get(`/api/jobs/${odd}`), params({ jobId: odd }));
    expect(detail.status).toBe(200);
    const body = (await detail.json()) as { job: JobDetail; rawXml: string };
    expect(body.job.detailsProblem).toMatch(/^Operation\.JobParam: /);
    expect(body.rawXml).toContain("<JobParam>not-a-block</JobParam>");

    expect(unreadableJobCount()).toBe(count0 + 1);
    expect(await counted()).toBe(metric0 + 1);
    expect(oddLines()).toHaveLength(1);
    expect(oddLines()[0]).toMatchObject({
      level: "warn",
      jobId: odd,
      problem: expect.stringMatching(/^Operation\.JobParam/),
    });

    // Operators see it where they look: /api/health and /api/metrics.
    const health = (await (await healthRoute.GET(new Request(`${APP}/api/health`))).json()) as Record<string, unknown>;
    expect(health.unreadableJobs).toBe(count0 + 1);
    expect(await metrics().registry.metrics()).toMatch(
      new RegExp(`^ci_console_unreadable_jobs_total ${metric0 + 1}$`, "m"),
    );
    await h.admin(`jobs/${odd}/misfit`, { method: "DELETE" });
  });
});

describe("noteUnreadableJobs", () => {
  const odd = (JobId: string, Name: string, detailsProblem = "Input: expected record"): JobDetail =>
    ({ JobId, Name, State: "Unknown", detailsProblem }) as JobDetail;

  it("counts each odd job once, per bucket, and skips jobs that read fine", () => {
    const start = unreadableJobCount();
    const fine = { JobId: "jfine", State: "Success" } as JobDetail;
    noteUnreadableJobs("bucket-a", [odd("j1", "a"), fine, odd("j2", "b")]);
    noteUnreadableJobs("bucket-a", [odd("j1", "a"), odd("j2", "b", "Operation: expected record")]);
    expect(unreadableJobCount()).toBe(start + 2);
    noteUnreadableJobs("bucket-b", [odd("j1", "a")]);
    expect(unreadableJobCount()).toBe(start + 3);
    expect(oddLines().map((l) => `${String(l.bucket)}:${String(l.jobId)}`)).toEqual([
      "bucket-a:j1",
      "bucket-a:j2",
      "bucket-b:j1",
    ]);
  });

  it("jobs without a readable JobId are told apart by what else they show", () => {
    const start = unreadableJobCount();
    noteUnreadableJobs("bucket-c", [odd("", "first"), odd("", "second")]);
    noteUnreadableJobs("bucket-c", [odd("", "first"), odd("", "second")]);
    expect(unreadableJobCount()).toBe(start + 2);
    expect(oddLines()).toHaveLength(2);
  });
});
