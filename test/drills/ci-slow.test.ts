/**
 * Drill: CI answers in 2–5 s while CI_TIMEOUT_MS is 700 ms. Reads must give up within the budget with 504 Timeout
 * (retryable), share one CI call among identical requests, and recover as soon as CI is quick again. A trigger
 * that times out may still have created its job: the answer says so and a resubmit never creates a second one.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as jobsRoute from "@/app/api/jobs/route";
import * as jobRoute from "@/app/api/jobs/[jobId]/route";
import { callsTo, warmUp, startDrillHarness, type ApiErrorBody, type DrillHarness } from "../support/drills-harness";
import { get, params, post } from "../support/route-harness";
import { activeWorkflowId, workflowRequest } from "../support/drills-requests";

const TIMEOUT_MS = 700;
const LIST = "GET /inventorytriggerjob";
let h: DrillHarness;

beforeAll(async () => {
  h = await startDrillHarness({ CI_TIMEOUT_MS: String(TIMEOUT_MS) });
  await warmUp();
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.clearFaults();
  h.mark();
});

const slowCi = () => h.fault({ latencyMs: 2_000, latencyJitterMs: 3_000 });

describe("CI slow (2–5 s per call, budget 700 ms)", () => {
  it("answers 504 Timeout, retryable, within the budget and without retrying past it", async () => {
    await slowCi();
    const t0 = performance.now();
    const res = await jobsRoute.GET(get("/api/jobs?size=20"));
    const elapsed = performance.now() - t0;
    expect(res.status).toBe(504);
    const { error } = (await res.json()) as ApiErrorBody;
    expect(error.code).toBe("Timeout");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(String(TIMEOUT_MS));
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    // Gave up long before CI's 2 s minimum answer (slack for a busy machine).
    expect(elapsed).toBeLessThan(2_000);
    // The budget covers retries: once it is spent nothing more is sent.
    expect(callsTo(h.arrivals(), LIST)).toHaveLength(1);
  });

  it("lets 25 identical requests wait on one slow CI call", async () => {
    await slowCi();
    const answers = await Promise.all(
      Array.from({ length: 25 }, () => jobsRoute.GET(get("/api/jobs?size=20&states=Running"))),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(25).fill(504));
    expect(callsTo(h.arrivals(), LIST)).toHaveLength(1);
  });

  it("times out the job detail the same way", async () => {
    const id = (await listIds())[0]!;
    h.mark();
    await slowCi();
    const res = await jobRoute.GET(get(`/api/jobs/${id}`), params({ jobId: id }));
    expect(res.status).toBe(504);
    expect(((await res.json()) as ApiErrorBody).error.code).toBe("Timeout");
    expect(callsTo(h.arrivals(), "GET /inventorytriggerjob/:jobId")).toHaveLength(1);
  });

  it("serves a slow but in-budget CI normally", async () => {
    await h.fault({ latencyMs: 250 });
    const res = await jobsRoute.GET(get("/api/jobs?size=5"));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { jobs: unknown[] }).jobs).toHaveLength(5);
  });

  it("recovers on the next request once CI is quick again (nothing stuck behind the slow calls)", async () => {
    await slowCi();
    expect((await jobsRoute.GET(get("/api/jobs?size=20"))).status).toBe(504);
    await h.clearFaults();
    const t0 = performance.now();
    const res = await jobsRoute.GET(get("/api/jobs?size=20"));
    expect(res.status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(1_500); // not queued behind the 2–5 s calls still pending at CI
  });

  it("reports a timed-out trigger as outcome unknown; the job appears and a resubmit creates no second one", async () => {
    const before = h.triggerCount();
    await h.fault({ latencyMs: 1_500, routes: ["POST /inventorytriggerjob"] });
    const key = "slow-trigger-key-0001";
    const body = workflowRequest(activeWorkflowId(h), "slow-trigger");
    const first = await jobsRoute.POST(post("/api/jobs", body, { "idempotency-key": key }));
    expect(first.status).toBe(502);
    const { error } = (await first.json()) as ApiErrorBody;
    expect(error).toMatchObject({ code: "Timeout", outcomeUnknown: true });
    // CI carries on after we stopped waiting: the job is created once the latency has passed.
    await vi.waitFor(() => expect(h.triggerCount()).toBe(before + 1), { timeout: 3_000, interval: 50 });
    await h.clearFaults();
    const again = await jobsRoute.POST(post("/api/jobs", body, { "idempotency-key": key }));
    expect(again.status).toBe(502);
    expect(((await again.json()) as ApiErrorBody).error.outcomeUnknown).toBe(true);
    expect(h.triggerCount()).toBe(before + 1);
    expect(callsTo(h.arrivals(), "POST /inventorytriggerjob")).toHaveLength(1);
  });
});

async function listIds(): Promise<string[]> {
  const body = (await (await jobsRoute.GET(get("/api/jobs?size=3"))).json()) as { jobs: { JobId: string }[] };
  return body.jobs.map((j) => j.JobId);
}
