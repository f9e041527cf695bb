/**
 * Drill: changes whose answer is lost. A trigger is never resent by the client (a second POST could start a
 * second batch job); its answer says "outcome unknown", and a resubmit with the same Idempotency-Key replays that
 * answer instead of reaching CI again. Counted at the emulator: triggers received, jobs created.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as jobsRoute from "@/app/api/jobs/route";
import * as cancelRoute from "@/app/api/jobs/[jobId]/cancel/route";
import { callsTo, warmUp, startDrillHarness, type ApiErrorBody, type DrillHarness } from "../support/drills-harness";
import { activeWorkflowId, workflowRequest } from "../support/drills-requests";
import { get, params, post } from "../support/route-harness";

const TRIGGER = "POST /inventorytriggerjob";
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

const submit = (name: string, key?: string) =>
  jobsRoute.POST(post("/api/jobs", workflowRequest(activeWorkflowId(h), name), key ? { "idempotency-key": key } : {}));

async function jobsNamed(name: string): Promise<string[]> {
  const res = await jobsRoute.GET(get(`/api/jobs?size=100&name=${encodeURIComponent(name)}`));
  expect(res.status).toBe(200);
  return ((await res.json()) as { jobs: { JobId: string }[] }).jobs.map((j) => j.JobId);
}

describe("a trigger whose answer is lost (dropAfterProcessing)", () => {
  it("is sent once, reported as outcome unknown, and the job it created can be found", async () => {
    const before = h.triggerCount();
    await h.fault({ dropAfterProcessing: true, routes: [TRIGGER] });
    const res = await submit("lost-answer-a", "lost-answer-key-a1");
    expect(res.status).toBe(502);
    const { error } = (await res.json()) as ApiErrorBody;
    expect(error).toMatchObject({ code: "NetworkError", outcomeUnknown: true });
    expect(error.message).toMatch(/may or may not have created the job/);
    expect(callsTo(h.arrivals(), TRIGGER)).toHaveLength(1);
    expect(h.triggerCount()).toBe(before + 1);
    await h.clearFaults();
    expect(await jobsNamed("lost-answer-a")).toHaveLength(1);
  });

  it("replays the unknown outcome for a resubmit with the same Idempotency-Key: no second job", async () => {
    const key = "lost-answer-key-b1";
    await h.fault({ dropAfterProcessing: true, routes: [TRIGGER] });
    expect((await submit("lost-answer-b", key)).status).toBe(502);
    await h.clearFaults(); // CI is healthy again: a resend would now succeed and create a duplicate
    const before = h.triggerCount();
    const again = await Promise.all([submit("lost-answer-b", key), submit("lost-answer-b", key)]);
    for (const r of again) {
      expect(r.status).toBe(502);
      expect(((await r.json()) as ApiErrorBody).error.outcomeUnknown).toBe(true);
    }
    expect(h.triggerCount()).toBe(before);
    expect(callsTo(h.arrivals(), TRIGGER)).toHaveLength(1);
    expect(await jobsNamed("lost-answer-b")).toHaveLength(1);
  });

  it("does create a second job for a new key (the key, not luck, is what prevents duplicates)", async () => {
    await h.fault({ dropAfterProcessing: true, routes: [TRIGGER] });
    expect((await submit("lost-answer-c", "lost-answer-key-c1")).status).toBe(502);
    await h.clearFaults();
    expect((await submit("lost-answer-c", "lost-answer-key-c2")).status).toBe(201);
    expect(await jobsNamed("lost-answer-c")).toHaveLength(2);
  });

  it("lets two concurrent submits with one key reach CI once while the answer is being lost", async () => {
    await h.fault({ dropAfterProcessing: true, latencyMs: 200, routes: [TRIGGER] });
    const before = h.triggerCount();
    const answers = await Promise.all([
      submit("lost-answer-d", "lost-answer-key-d1"),
      submit("lost-answer-d", "lost-answer-key-d1"),
    ]);
    expect(answers.map((r) => r.status)).toEqual([502, 502]);
    expect(callsTo(h.arrivals(), TRIGGER)).toHaveLength(1);
    expect(h.triggerCount()).toBe(before + 1);
  });
});

describe("a trigger refused before any work", () => {
  it("SlowDown frees the key: the same key then creates exactly one job", async () => {
    const key = "slowdown-key-0001";
    await h.fault({ slowDownRate: 1, routes: [TRIGGER] });
    const first = await submit("throttled-e", key);
    expect(first.status).toBe(503);
    expect(((await first.json()) as ApiErrorBody).error).toMatchObject({ code: "SlowDown", retryable: true });
    expect(callsTo(h.arrivals(), TRIGGER)).toHaveLength(1); // a trigger is never retried, even on SlowDown
    await h.clearFaults();
    expect((await submit("throttled-e", key)).status).toBe(201);
    expect((await submit("throttled-e", key)).status).toBe(201);
    expect(await jobsNamed("throttled-e")).toHaveLength(1);
  });

  it("a 500 is reported as outcome unknown (CI may have acted) and the key keeps it that way", async () => {
    const key = "internal-error-key-01";
    await h.fault({ errorRate: 1, routes: [TRIGGER] });
    const first = await submit("ci-500-f", key);
    expect(first.status).toBe(502);
    const { error } = (await first.json()) as ApiErrorBody;
    expect(error).toMatchObject({ code: "InternalError", outcomeUnknown: true });
    expect(error.requestId).toBeTruthy();
    await h.clearFaults();
    expect((await submit("ci-500-f", key)).status).toBe(502);
    expect(callsTo(h.arrivals(), TRIGGER)).toHaveLength(1);
  });
});

describe("a cancel whose answer is lost", () => {
  it("is retried (cancelling twice creates nothing) and the job ends up cancelled", async () => {
    const created = (await (await submit("cancel-lost-g")).json()) as { job: { JobId: string } };
    const id = created.job.JobId;
    h.mark();
    await h.fault({ dropAfterProcessing: true, routes: ["PUT /inventorytriggerjob/:jobId?cancel"] }, 1);
    const res = await cancelRoute.POST(post(`/api/jobs/${id}/cancel`, {}), params({ jobId: id }));
    const body = (await res.json()) as { ok?: boolean; error?: ApiErrorBody["error"] };
    // The job is cancelled whatever the answer says.
    expect(h.emulator.store.findJob(id)?.override?.state).toBe("Cancel");
    expect(callsTo(h.arrivals(), "PUT /inventorytriggerjob/:jobId?cancel")).toHaveLength(2);
    // The retry meets a job that is already cancelled: the route looks again and reports the success it was.
    expect(res.status).toBe(200);
    expect(body.ok).toBe(true);
  });
});
