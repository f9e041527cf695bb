/**
 * The real client against the emulator, in-process on a random port: the two speak the same protocol end to end
 * (signature checked by the emulator, XML both ways, pagination tokens, errors, an injected fault).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCiClient, type CiCallInfo, type CiClient, type CiTarget } from "@/lib/ci/client";
import { CiError } from "@/lib/ci/errors";
import { parseCiTime } from "@/lib/jobs/ci-time";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import type { ListQuery } from "@/lib/jobs/list-query-schema";
import type { TriggerRequest } from "@/lib/jobs/request-schema";
import { createEmulator, type Emulator } from "@/emulator/server";
import { DOC_SAMPLE_IDS } from "@/emulator/seed/catalog";
import { JOB_SAMPLE, WORKFLOW_SAMPLE } from "../fixtures";

const CREDENTIALS = { secretId: "emulator-integration-id", secretKey: "emulator-integration-secret-key" };
const TARGET: CiTarget = {
  bucket: "examplebucket-1250000000",
  region: "ap-beijing",
  host: "examplebucket-1250000000.ci.ap-beijing.myqcloud.com",
};
const STEP_MS = 10_000;

/** One clock for both sides, moved by the tests (the emulator's lifecycle is a function of it). */
let clock = Date.UTC(2026, 2, 1, 4, 0, 0);
let emulator: Emulator;
let endpoint: URL;
let client: CiClient;
let calls: CiCallInfo[] = [];

function newClient(secretKey = CREDENTIALS.secretKey): CiClient {
  return createCiClient({
    secretId: CREDENTIALS.secretId,
    secretKey,
    endpoint,
    timeoutMs: 5_000,
    now: () => clock,
    backoff: { baseMs: 1, capMs: 5 },
    onCall: (info) => calls.push(info),
  });
}

async function failure(p: Promise<unknown>): Promise<CiError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CiError);
  return e as CiError;
}

/** Every job of a listing, following NextToken. */
async function listAll(q: ListQuery): Promise<JobDetail[]> {
  const out: JobDetail[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < 50; page++) {
    const r = await client.listJobs(TARGET, { ...q, nextToken });
    out.push(...r.jobs);
    if (!r.nextToken) return out;
    nextToken = r.nextToken;
  }
  throw new Error("more than 50 pages");
}

beforeAll(async () => {
  emulator = createEmulator({
    credentials: CREDENTIALS,
    buckets: [{ bucket: TARGET.bucket, region: TARGET.region }],
    stepMs: STEP_MS,
    seedCount: 40,
    seed: "client-integration",
    now: () => clock,
  });
  const port = await emulator.listen(0);
  endpoint = new URL(`http://127.0.0.1:${port}`);
  client = newClient();
});

afterAll(async () => {
  client.close();
  await emulator.close();
});

beforeEach(() => {
  calls = [];
  emulator.faults.clear();
});

describe("trigger", () => {
  it("the seeds' samples name IDs the emulator seeds in the first bucket", () => {
    expect(WORKFLOW_SAMPLE.Operation.WorkflowIds).toBe(DOC_SAMPLE_IDS.workflowId);
    expect(JOB_SAMPLE.Operation.QueueId).toBe(DOC_SAMPLE_IDS.queueId);
    expect(JOB_SAMPLE.Operation.JobParam.TemplateId).toBe(DOC_SAMPLE_IDS.templateId);
  });

  it("a Workflow-type job: Submitted, echoed, then found by getJob", async () => {
    const { job, requestId } = await client.triggerJob(TARGET, WORKFLOW_SAMPLE as unknown as TriggerRequest);
    expect(job.JobId).toMatch(/^b[0-9a-f]{32}$/);
    expect(job).toMatchObject({ Name: "demo", Type: "Workflow", State: "Submitted" });
    expect(job.Operation).toMatchObject({ WorkflowIds: DOC_SAMPLE_IDS.workflowId });
    expect(requestId).not.toBe("");
    const got = await client.getJob(TARGET, job.JobId);
    expect(got.job?.JobId).toBe(job.JobId);
    expect(got.rawXml).toContain(job.JobId);
  });

  it("a Job-type job (Transcode with the sample's template, queue and output)", async () => {
    const { job } = await client.triggerJob(TARGET, JOB_SAMPLE as unknown as TriggerRequest);
    expect(job).toMatchObject({ Type: "Job", State: "Submitted" });
    expect(job.Operation).toMatchObject({ Tag: "Transcode", QueueId: DOC_SAMPLE_IDS.queueId });
  });

  it("a request naming a workflow the bucket lacks is a CiError, never retried", async () => {
    const req = {
      ...WORKFLOW_SAMPLE,
      Operation: { ...WORKFLOW_SAMPLE.Operation, WorkflowIds: "w00000000000000000000000000000000" },
    };
    const err = await failure(client.triggerJob(TARGET, req as unknown as TriggerRequest));
    expect(err).toMatchObject({ status: 400, code: "InvalidArgument", outcomeUnknown: false });
    expect(err.requestId).toBeTruthy();
    expect(calls).toHaveLength(1);
  });
});

describe("list", () => {
  it("pages of 5 via nextToken: 3 pages, no repeats, the same order as one big page", async () => {
    const big = await client.listJobs(TARGET, { size: 15 });
    expect(big.jobs).toHaveLength(15);
    const seen: string[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < 3; page++) {
      const r = await client.listJobs(TARGET, { size: 5, nextToken });
      expect(r.jobs).toHaveLength(5);
      expect(r.nextToken).toEqual(expect.any(String));
      seen.push(...r.jobs.map((j) => j.JobId));
      nextToken = r.nextToken!;
    }
    expect(new Set(seen).size).toBe(15);
    expect(seen).toEqual(big.jobs.map((j) => j.JobId));
  });

  it("the last page has no NextToken (null)", async () => {
    const all = await listAll({ size: 100 });
    expect(all.length).toBeGreaterThan(40); // 40 seeded + the triggered ones
    const r = await client.listJobs(TARGET, { size: 100 });
    expect(r.nextToken).toBeNull();
  });

  it("type", async () => {
    for (const type of ["Workflow", "Job"] as const) {
      const jobs = await listAll({ type, size: 100 });
      expect(jobs.length).toBeGreaterThan(0);
      expect(jobs.every((j) => j.Type === type)).toBe(true);
    }
  });

  it("states (comma list)", async () => {
    const jobs = await listAll({ states: "Success,Failed", size: 100 });
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((j) => j.State === "Success" || j.State === "Failed")).toBe(true);
  });

  it("name, jobId and workflowId", async () => {
    const byName = await listAll({ name: "demo", size: 100 });
    expect(byName.length).toBeGreaterThanOrEqual(2);
    expect(byName.every((j) => j.Name === "demo")).toBe(true);

    const one = byName[0]!;
    const byId = await client.listJobs(TARGET, { jobId: one.JobId });
    expect(byId.jobs.map((j) => j.JobId)).toEqual([one.JobId]);

    const byWorkflow = await listAll({ workflowId: DOC_SAMPLE_IDS.workflowId, size: 100 });
    expect(byWorkflow.length).toBeGreaterThan(0);
    expect(
      byWorkflow.every(
        (j) =>
          j.Type === "Workflow" && (j.Operation as { WorkflowIds?: string }).WorkflowIds === DOC_SAMPLE_IDS.workflowId,
      ),
    ).toBe(true);
  });

  it("orderByTime and the creation-time window", async () => {
    const desc = await listAll({ size: 100 });
    const asc = await listAll({ size: 100, orderByTime: "Asc" });
    expect(asc.map((j) => j.JobId)).toEqual([...desc].reverse().map((j) => j.JobId));

    const mid = desc[Math.floor(desc.length / 2)]!.CreationTime!;
    const newer = await listAll({ size: 100, startCreationTime: mid });
    const older = await listAll({ size: 100, endCreationTime: mid });
    expect(newer.length).toBeGreaterThan(0);
    expect(older.length).toBeGreaterThan(0);
    const at = (j: JobDetail) => parseCiTime(j.CreationTime)!.getTime();
    const midMs = parseCiTime(mid)!.getTime();
    expect(newer.every((j) => at(j) >= midMs)).toBe(true);
    expect(older.every((j) => at(j) <= midMs)).toBe(true);
    expect(newer.length).toBeLessThan(desc.length);
    expect(newer.length + older.length).toBeGreaterThanOrEqual(desc.length); // inclusive ends may share jobs
  });

  it("a forged nextToken is refused", async () => {
    const err = await failure(client.listJobs(TARGET, { nextToken: "forged" }));
    expect(err.status).toBe(400);
  });
});

describe("get and cancel", () => {
  it("an unknown job ID → job null", async () => {
    const r = await client.getJob(TARGET, "b00000000000000000000000000000000");
    expect(r.job).toBeNull();
    expect(r.requestId).not.toBe("");
  });

  it("cancel a running job; cancelling it again (now finished) is a CiError", async () => {
    const { job } = await client.triggerJob(TARGET, WORKFLOW_SAMPLE as unknown as TriggerRequest);
    clock += STEP_MS + 1_000;
    expect((await client.getJob(TARGET, job.JobId)).job?.State).toBe("Running");
    const { requestId } = await client.cancelJob(TARGET, job.JobId);
    expect(requestId).not.toBe("");
    expect((await client.getJob(TARGET, job.JobId)).job?.State).toBe("Cancel");
    const err = await failure(client.cancelJob(TARGET, job.JobId));
    expect(err).toMatchObject({ status: 400, code: "InvalidArgument", retryable: false });
  });

  it("cancelling a job that already succeeded is a CiError", async () => {
    const { job } = await client.triggerJob(TARGET, JOB_SAMPLE as unknown as TriggerRequest);
    clock += 3 * STEP_MS;
    expect((await client.getJob(TARGET, job.JobId)).job?.State).toBe("Success");
    const err = await failure(client.cancelJob(TARGET, job.JobId));
    expect(err).toMatchObject({ status: 400, code: "InvalidArgument" });
    expect(err.message).toContain("Success");
  });
});

describe("pickers", () => {
  it("templates, queues and workflows", async () => {
    const t = await client.listTemplates(TARGET, { tag: "Transcode", pageSize: 100 });
    expect(t.items.some((i) => i.id === DOC_SAMPLE_IDS.templateId)).toBe(true);
    expect(t.items.every((i) => i.tag === "Transcode")).toBe(true);
    const q = await client.listQueues(TARGET, { pageSize: 100 });
    expect(q.items.some((i) => i.id === DOC_SAMPLE_IDS.queueId)).toBe(true);
    const w = await client.listWorkflows(TARGET, { pageSize: 100 });
    expect(w.items.some((i) => i.id === DOC_SAMPLE_IDS.workflowId && i.state === "Active")).toBe(true);
  });
});

describe("failures", () => {
  it("a wrong secret key → AccessDenied (403), not retried", async () => {
    const wrong = newClient("not-the-right-key");
    const err = await failure(wrong.listJobs(TARGET, {}));
    expect(err).toMatchObject({ status: 403, code: "AccessDenied", retryable: false });
    expect(JSON.stringify(err)).not.toContain("not-the-right-key");
    expect(calls).toHaveLength(1);
    wrong.close();
  });

  it("an injected 500 on GET is retried, then the call succeeds", async () => {
    emulator.faults.set({ errorRate: 1, routes: ["GET /inventorytriggerjob/:jobId"] });
    const retried = createCiClient({
      secretId: CREDENTIALS.secretId,
      secretKey: CREDENTIALS.secretKey,
      endpoint,
      timeoutMs: 5_000,
      now: () => clock,
      backoff: { baseMs: 1, capMs: 5 },
      // The fault clears after the first failure, as a transient one would.
      onCall: (info) => {
        calls.push(info);
        if (info.status === 500) emulator.faults.clear();
      },
    });
    const r = await retried.getJob(TARGET, "b00000000000000000000000000000000");
    expect(r.job).toBeNull();
    expect(calls.map((c) => [c.attempt, c.status, c.code])).toEqual([
      [0, 500, "InternalError"],
      [1, 200, undefined],
    ]);
    retried.close();
  });

  it("an injected 500 on the trigger POST is not retried and the outcome is unknown", async () => {
    emulator.faults.set({ errorRate: 1, routes: ["POST /inventorytriggerjob"] });
    const err = await failure(client.triggerJob(TARGET, WORKFLOW_SAMPLE as unknown as TriggerRequest));
    expect(err).toMatchObject({ status: 500, outcomeUnknown: true });
    expect(calls).toHaveLength(1);
  });
});
