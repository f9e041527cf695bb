/**
 * The security review's cases against the real route handlers and the emulator: a viewer trying to exhaust CI,
 * "My jobs" without one CI call per job, reconcile passes on a schedule, callback credentials in answers.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as jobsRoute from "@/app/api/jobs/route";
import * as jobRoute from "@/app/api/jobs/[jobId]/route";
import * as healthRoute from "@/app/api/health/route";
import { getDb } from "@/lib/server/db";
import { resetReconcileScheduleForTests } from "@/lib/server/reconcile-schedule";
import { APP, BUCKET, OPERATOR, VIEWER, get, params, post, startHarness, type Harness } from "../support/route-harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    CI_CACHE_MS: "60000", // a repeated query is a cache hit for the whole file
    CI_BUDGET_QPS: "1000",
    CI_BUDGET_BURST: "1000",
    CI_BUDGET_USER_PER_MIN: "6",
    CI_BUDGET_USER_BURST: "4",
  });
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.admin("stats/reset", { method: "POST" });
  resetReconcileScheduleForTests();
});

const listCalls = async () => (await h.stats())["GET /inventorytriggerjob"] ?? 0;
const jobCalls = async () => (await h.stats())["GET /inventorytriggerjob/:jobId"] ?? 0;
const who = (email: string) => ({ "x-forwarded-email": email, "x-forwarded-groups": "readers" });

describe("a viewer hammering distinct queries", () => {
  it("gets 429 with Retry-After and a message past their allowance; nothing more reaches CI", async () => {
    const mallory = who("mallory@example.com");
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 10; i++) {
      const res = await jobsRoute.GET(get(`/api/jobs?size=1&name=probe-${i}`, mallory));
      statuses.push(res.status);
      if (res.status === 429) refused ??= res;
    }
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    expect(statuses.slice(4).every((s) => s === 429)).toBe(true);
    expect(await listCalls()).toBe(4);
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const body = (await refused!.json()) as { error: { code: string; message: string; retryable: boolean } };
    expect(body.error).toMatchObject({ code: "TooManyRequests", retryable: true });
    expect(body.error.message).toMatch(/Try again in \d+ s/);
  });

  it("is not charged for answers from the shared cache, and does not hold back others", async () => {
    const viewer = who("patient@example.com");
    for (let i = 0; i < 10; i++) expect((await jobsRoute.GET(get("/api/jobs?size=2", viewer))).status).toBe(200);
    expect(await listCalls()).toBe(1);
    // Mallory (previous case) is still limited; Victor is not.
    expect((await jobsRoute.GET(get("/api/jobs?size=3&name=other", VIEWER))).status).toBe(200);
  });

  it("shows the budget's state on /api/health", async () => {
    const body = (await (await healthRoute.GET(new Request(`${APP}/api/health`))).json()) as {
      ciBudget: {
        settings: { userPerMinute: number };
        buckets: { bucket: string; granted: number }[];
        people: { denied: number };
      };
    };
    expect(body.ciBudget.settings.userPerMinute).toBe(6);
    expect(body.ciBudget.buckets.find((b) => b.bucket === BUCKET)!.granted).toBeGreaterThan(0);
    expect(body.ciBudget.people.denied).toBeGreaterThan(0);
  });
});

describe("My jobs", () => {
  it("is served from CI's job list, not one CI call per job", async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await jobsRoute.POST(
        post("/api/jobs", { Name: `mine-${i}`, Type: "Job", Input: { Prefix: "a/" }, Operation: { Tag: "MediaInfo" } }),
      );
      expect(res.status).toBe(201);
      made.push(((await res.json()) as { job: { JobId: string } }).job.JobId);
    }
    await h.admin("stats/reset", { method: "POST" });
    const res = await jobsRoute.GET(get("/api/jobs?mine=1&size=100", OPERATOR));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { jobs: { JobId: string }[]; triggeredBy: Record<string, { actor: string }> };
    expect(body.jobs.map((j) => j.JobId).sort()).toEqual([...made].sort());
    expect(Object.keys(body.triggeredBy).sort()).toEqual([...made].sort());
    expect(await jobCalls()).toBe(0);
    expect(await listCalls()).toBe(1);
  });
});

describe("reconciliation on a schedule", () => {
  it("runs one pass per bucket however many job pages poll a job with an unsettled row", async () => {
    const jobs = (
      (await (await jobsRoute.GET(get("/api/jobs?size=1&orderByTime=Asc", VIEWER))).json()) as {
        jobs: { JobId: string }[];
      }
    ).jobs;
    const jobId = jobs[0]!.JobId;
    // A trigger row CI cannot settle (no Type: never decidable), already old enough to be looked at.
    await getDb().query(
      `INSERT INTO audit_log (at, actor, action, bucket, job_id, request, outcome, finished_at)
       VALUES (now() - interval '5 minutes', 'olivia@example.com', 'trigger', $1, $2, $3::jsonb, 'unknown', now())`,
      [BUCKET, jobId, JSON.stringify({ Name: "never-decidable" })],
    );
    // The list read above may have used the bucket's pass (it had nothing to do then): start the schedule afresh.
    resetReconcileScheduleForTests();
    await h.admin("stats/reset", { method: "POST" });
    const readers = ["a", "b", "c"].map((n) => who(`reader-${n}@example.com`));
    for (let i = 0; i < 9; i++) {
      const res = await jobRoute.GET(get(`/api/jobs/${jobId}`, readers[i % 3]!), params({ jobId }));
      expect([200, 429]).toContain(res.status);
    }
    // One reconcile pass (one list call for the one open row), not one per read.
    expect(await listCalls()).toBe(1);
  });
});

describe("callback credentials", () => {
  it("are redacted in the job list, the job detail and CI's raw XML", async () => {
    const callBack = "https://hook-user:hook-pass@hooks.example.com/cb?token=s3cr3t-token-value&job=7";
    const res = await jobsRoute.POST(
      post("/api/jobs", {
        Name: "with-callback",
        Type: "Job",
        Input: { Prefix: "a/" },
        Operation: { Tag: "MediaInfo", CallBack: callBack },
      }),
    );
    expect(res.status).toBe(201);
    const created = (await res.json()) as { job: { JobId: string } };
    expect(JSON.stringify(created)).not.toMatch(/hook-pass|hook-user|s3cr3t/);
    const jobId = created.job.JobId;
    const detail = await (
      await jobRoute.GET(get(`/api/jobs/${jobId}`, who("detail-reader@example.com")), params({ jobId }))
    ).text();
    expect(detail).toContain("hooks.example.com/cb");
    expect(detail).not.toMatch(/hook-pass|hook-user|s3cr3t/);
    const parsed = JSON.parse(detail) as { rawXml: string };
    expect(parsed.rawXml).toContain("hooks.example.com/cb");
    expect(parsed.rawXml).toContain("job=7");
    const list = await (
      await jobsRoute.GET(get("/api/jobs?size=5&name=with-callback", who("list-reader@example.com")))
    ).text();
    expect(list).toContain(jobId);
    expect(list).not.toMatch(/hook-pass|hook-user|s3cr3t/);
  });
});
