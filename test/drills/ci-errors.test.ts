/**
 * Drill: CI misbehaves on reads — 500s for a period, SlowDown bursts, half-written XML, dropped connections.
 * Reads surface CI's code and RequestId (502/503), are retried a bounded number of times with backoff (counted at
 * the emulator), never crash the route, and recover by themselves once the fault clears.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as jobsRoute from "@/app/api/jobs/route";
import * as jobRoute from "@/app/api/jobs/[jobId]/route";
import * as queuesRoute from "@/app/api/ci/queues/route";
import {
  callsTo,
  warmUp,
  gaps,
  startDrillHarness,
  type ApiErrorBody,
  type DrillHarness,
} from "../support/drills-harness";
import { get, params } from "../support/route-harness";

const LIST = "GET /inventorytriggerjob";
/** lib/ci/signed-call: maxRetries 3, so one read costs CI at most 4 calls. */
const MAX_CALLS_PER_READ = 4;
/** lib/ci/retry DEFAULT_BACKOFF: full jitter below min(2000, 100·2^n) ms. */
const backoffCeiling = (n: number) => Math.min(2_000, 100 * 2 ** n);
const SLACK_MS = 1_000;

let h: DrillHarness;

beforeAll(async () => {
  h = await startDrillHarness({ CI_TIMEOUT_MS: "4000" });
  await warmUp();
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.clearFaults();
  h.mark();
});

async function listStatus(q = "size=10"): Promise<{ status: number; body: unknown }> {
  const res = await jobsRoute.GET(get(`/api/jobs?${q}`));
  return { status: res.status, body: await res.json() };
}

describe("CI answering 500 for a period", () => {
  it("surfaces 502 with CI's code and RequestId after a bounded, backed-off series of retries", async () => {
    await h.fault({ errorRate: 1, durationMs: 60_000 });
    const res = await jobsRoute.GET(get("/api/jobs?size=10"));
    expect(res.status).toBe(502);
    const { error } = (await res.json()) as ApiErrorBody;
    expect(error.code).toBe("InternalError");
    expect(error.retryable).toBe(true);
    // The RequestId is the one the emulator issued (base64 of `<hex time>_…`), not one we made up.
    expect(Buffer.from(error.requestId ?? "", "base64").toString()).toMatch(
      /^[0-9a-f]{8}_[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]+$/,
    );
    const calls = callsTo(h.arrivals(), LIST);
    expect(calls).toHaveLength(MAX_CALLS_PER_READ);
    expect(h.stats().statuses["500"]).toBe(MAX_CALLS_PER_READ);
    // The series is paced by the policy: its pauses add up to less than the sum of their ceilings (plus the
    // time the calls themselves take on a busy 2-core machine), so a failing CI is not held up for long either.
    const span = gaps(calls).reduce((a, b) => a + b, 0);
    expect(span).toBeLessThan([0, 1, 2].reduce((sum, n) => sum + backoffCeiling(n), 0) + SLACK_MS);
  });

  it("shares one retry series among 50 identical concurrent requests (50 polls cost CI ≤ 4 calls)", async () => {
    await h.fault({ errorRate: 1, durationMs: 60_000 });
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => jobsRoute.GET(get("/api/jobs?size=10&states=Running"))),
    );
    expect(new Set(answers.map((r) => r.status))).toEqual(new Set([502]));
    const ids = new Set(
      await Promise.all(answers.map(async (r) => ((await r.json()) as ApiErrorBody).error.requestId)),
    );
    expect(ids.size).toBe(1);
    expect(callsTo(h.arrivals(), LIST).length).toBeLessThanOrEqual(MAX_CALLS_PER_READ);
  });

  it("recovers by itself once durationMs has passed (no one clears the fault)", async () => {
    const durationMs = 1_500;
    await h.fault({ errorRate: 1, durationMs });
    const setAt = performance.now();
    expect((await listStatus()).status).toBe(502);
    // Poll as a dashboard would until the route answers 200.
    let polls = 1;
    await vi.waitFor(
      async () => {
        polls++;
        expect((await listStatus()).status).toBe(200);
      },
      { timeout: durationMs + 3_000, interval: 200 },
    );
    expect(performance.now() - setAt).toBeGreaterThanOrEqual(durationMs - 50);
    expect(h.emulator.faults.current()).toBeNull();
    // Every poll during the outage cost CI at most one retry series.
    expect(callsTo(h.arrivals(), LIST).length).toBeLessThanOrEqual(polls * MAX_CALLS_PER_READ);
  });

  it("keeps an outage of the detail and picker routes in the same error shape", async () => {
    await h.fault({ errorRate: 1 });
    const id = "b" + "0".repeat(32);
    const detail = await jobRoute.GET(get(`/api/jobs/${id}`), params({ jobId: id }));
    expect(detail.status).toBe(502);
    expect(((await detail.json()) as ApiErrorBody).error).toMatchObject({ code: "InternalError", retryable: true });
    const queues = await queuesRoute.GET(get("/api/ci/queues"));
    expect(queues.status).toBe(502);
    expect(((await queues.json()) as ApiErrorBody).error.code).toBe("InternalError");
  });
});

describe("SlowDown bursts", () => {
  it("retries a GET through a burst of two SlowDowns and succeeds on the third call", async () => {
    await h.fault({ slowDownRate: 1 }, 2);
    const { status, body } = await listStatus();
    expect(status).toBe(200);
    expect((body as { jobs: unknown[] }).jobs).toHaveLength(10);
    expect(callsTo(h.arrivals(), LIST)).toHaveLength(3);
    expect(h.stats().faults.slowDown).toBe(2);
  });

  it("answers 503 SlowDown (retryable) when CI keeps throttling, after 4 calls", async () => {
    await h.fault({ slowDownRate: 1 });
    const { status, body } = await listStatus();
    expect(status).toBe(503);
    expect((body as ApiErrorBody).error).toMatchObject({ code: "SlowDown", retryable: true });
    expect((body as ApiErrorBody).error.requestId).toBeTruthy();
    expect(callsTo(h.arrivals(), LIST)).toHaveLength(MAX_CALLS_PER_READ);
  });
});

describe("malformed XML", () => {
  it("answers 502 BadResponse without retrying (the same bytes would come back) and keeps serving", async () => {
    await h.fault({ malformedRate: 1 });
    const { status, body } = await listStatus();
    expect(status).toBe(502);
    const { error } = body as ApiErrorBody;
    expect(error.code).toBe("BadResponse");
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/could not be read/);
    expect(error.requestId).toBeTruthy(); // from the x-ci-request-id header, since the body is unreadable
    expect(callsTo(h.arrivals(), LIST)).toHaveLength(1);

    const id = "b" + "1".repeat(32);
    const detail = await jobRoute.GET(get(`/api/jobs/${id}`), params({ jobId: id }));
    expect(detail.status).toBe(502);
    expect(((await detail.json()) as ApiErrorBody).error.code).toBe("BadResponse");

    await h.clearFaults();
    expect((await listStatus()).status).toBe(200);
  });
});

describe("dropped connections", () => {
  it("retries a GET whose connection was dropped twice, then succeeds", async () => {
    await h.fault({ dropRate: 1 }, 2);
    const { status } = await listStatus();
    expect(status).toBe(200);
    expect(callsTo(h.arrivals(), LIST)).toHaveLength(3);
    expect(h.stats().faults.drop).toBe(2);
  });

  it("answers 502 NetworkError (retryable) when every connection drops, after 4 calls", async () => {
    await h.fault({ dropRate: 1 });
    const { status, body } = await listStatus();
    expect(status).toBe(502);
    expect((body as ApiErrorBody).error).toMatchObject({ code: "NetworkError", retryable: true });
    expect(callsTo(h.arrivals(), LIST)).toHaveLength(MAX_CALLS_PER_READ);
    await h.clearFaults();
    expect((await listStatus()).status).toBe(200);
  });
});
