import "server-only";
import { createHash } from "node:crypto";
import type { CiTarget, PickerItem } from "@/lib/ci/client";
import { CiError } from "@/lib/ci/errors";
import { jobRefs, type CiNames } from "@/lib/jobs/ci-names";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import type { ListQuery } from "@/lib/jobs/list-query-schema";
import type { TriggerRequest } from "@/lib/jobs/request-schema";
import { isCancellable, isFinishedState } from "@/lib/jobs/states";
import { logEvent } from "./logger";
import { jobHistory, jobIdsTriggeredBy, reconcileUnknown, recordIntent, recordOutcome, triggeredBy, type Attribution, type JobHistory } from "./audit";
import { ciReconcileLookup } from "./audit-lookup";
import { resolveCiNames } from "./ci-names";
import { getConfig } from "./config";
import { getRuntime } from "./ci-runtime";
import { IDEMPOTENCY_KEY_PATTERN, type StoredAnswer } from "./idempotency";
import type { Identity } from "./identity";
import { ApiProblem } from "./problem";
import { stableStringify } from "./stable-json";

export const JOB_ID_PATTERN = /^[0-9A-Za-z]{1,64}$/;

/** The configured bucket a request is for (default: the first). Anything else is refused: we never sign for it. */
export function resolveTarget(bucket?: string | null): CiTarget {
  const { buckets } = getConfig();
  if (!bucket) return buckets[0]!;
  const found = buckets.find((b) => b.bucket === bucket);
  if (!found) {
    throw new ApiProblem(400, "UnknownBucket", `bucket: ${bucket.slice(0, 80)} is not one of this dashboard's buckets`, {
      fields: [{ path: "bucket", message: "Not a configured bucket" }],
    });
  }
  return found;
}

export interface JobsPage {
  jobs: JobDetail[];
  nextToken: string | null;
  requestId: string;
  fetchedAt: string;
  /** JobId → who triggered it through this dashboard (jobs triggered elsewhere are absent). */
  triggeredBy: Record<string, Attribution>;
  /** Names of the workflows, templates and queues the jobs refer to (lib/jobs/ci-names.ts). */
  names: CiNames;
}

/** Audit look-ups decorate answers; when the database is unavailable the jobs still show, unattributed. */
async function attributionsFor(bucket: string, jobIds: string[]): Promise<Record<string, Attribution>> {
  if (jobIds.length === 0) return {};
  try {
    return await triggeredBy(bucket, jobIds);
  } catch (e) {
    logEvent({ level: "warn", event: "audit-unavailable", error: e instanceof Error ? e.message.slice(0, 200) : "unknown" });
    return {};
  }
}

/** One page of jobs, shared between identical concurrent requests and reused for CI_CACHE_MS. */
export async function loadJobsPage(query: ListQuery & { bucket?: string }): Promise<JobsPage> {
  const { bucket, ...ciQuery } = query;
  const target = resolveTarget(bucket);
  const { client, reads } = getRuntime();
  const key = `${target.bucket}|list|${stableStringify(ciQuery)}`;
  return reads.run(key, getConfig().cacheMs, async () => {
    const page = await client.listJobs(target, ciQuery);
    // Inside the shared loader: one audit query per CI call, not one per polling dashboard.
    const attributions = await attributionsFor(target.bucket, page.jobs.map((j) => j.JobId));
    reconcileInBackground(target);
    // From the cached picker lists: no CI call per row, and none per poll while the lists are fresh.
    const names = await resolveCiNames(target, page.jobs.flatMap(jobRefs));
    return { ...page, fetchedAt: new Date().toISOString(), triggeredBy: attributions, names };
  });
}

const RECONCILE_EVERY_MS = 60_000;
const lastReconcile = new Map<string, number>();

/**
 * Audit rows whose CI answer was lost are settled from CI's job list, at most once a minute per bucket, piggy-backing
 * on the polling that is happening anyway (never delaying it).
 */
function reconcileInBackground(target: CiTarget) {
  const now = Date.now();
  if (now - (lastReconcile.get(target.bucket) ?? 0) < RECONCILE_EVERY_MS) return;
  lastReconcile.set(target.bucket, now);
  const { client } = getRuntime();
  reconcileUnknown(target.bucket, ciReconcileLookup(client, target)).catch(() => undefined);
}

/**
 * "My jobs": the newest jobs the caller triggered through this dashboard (from the audit log), each read from CI.
 * One page of at most `size` jobs; CI's other filters do not apply (CI cannot filter by a list of IDs).
 */
export async function loadMyJobsPage(identity: Identity, opts: { bucket?: string; size?: number }): Promise<JobsPage> {
  const target = resolveTarget(opts.bucket);
  const ids = await jobIdsTriggeredBy(identity.id, target.bucket, opts.size ?? 10);
  const { client, reads } = getRuntime();
  const cacheMs = getConfig().cacheMs;
  const jobs: JobDetail[] = [];
  let requestId = "";
  for (let i = 0; i < ids.length; i += 5) {
    const batch = await Promise.all(
      ids.slice(i, i + 5).map((id) => reads.run(`${target.bucket}|job|${id}`, cacheMs, () => client.getJob(target, id))),
    );
    for (const r of batch) {
      if (r.job) jobs.push(r.job);
      requestId ||= r.requestId;
    }
  }
  const [attributions, names] = await Promise.all([attributionsFor(target.bucket, jobs.map((j) => j.JobId)), resolveCiNames(target, jobs.flatMap(jobRefs))]);
  return { jobs, nextToken: null, requestId, fetchedAt: new Date().toISOString(), triggeredBy: attributions, names };
}

export function assertJobId(jobId: string): string {
  if (!JOB_ID_PATTERN.test(jobId)) {
    throw new ApiProblem(400, "ValidationError", "jobId: a job ID has letters and digits only", {
      fields: [{ path: "jobId", message: "Letters and digits only" }],
    });
  }
  return jobId;
}

/** One job with CI's raw XML, or null when CI says it does not exist. */
export async function loadJob(jobId: string, bucket?: string | null) {
  assertJobId(jobId);
  const target = resolveTarget(bucket);
  const { client, reads } = getRuntime();
  const result = await reads.run(`${target.bucket}|job|${jobId}`, getConfig().cacheMs, () => client.getJob(target, jobId));
  if (!result.job) return null;
  let history = await historyFor(target.bucket, jobId);
  if (history?.entries.some((e) => e.outcome === "unknown" || e.outcome === "pending")) {
    // An earlier answer was lost: settle it from what CI says now, then show the settled history.
    await reconcileUnknown(target.bucket, ciReconcileLookup(client, target)).catch(() => undefined);
    history = await historyFor(target.bucket, jobId);
  }
  const names = await resolveCiNames(target, jobRefs(result.job));
  return { job: result.job, requestId: result.requestId, rawXml: result.rawXml, history, names };
}

async function historyFor(bucket: string, jobId: string): Promise<JobHistory | null> {
  try {
    return await jobHistory(bucket, jobId);
  } catch (e) {
    logEvent({ level: "warn", event: "audit-unavailable", error: e instanceof Error ? e.message.slice(0, 200) : "unknown" });
    return null;
  }
}

/** Anything the output-bucket allowlist (when set) refuses. */
function checkOutputBucket(request: TriggerRequest) {
  const allow = getConfig().outputBucketAllowlist;
  if (request.Type !== "Job" || allow.length === 0) return;
  const out = request.Operation.Output?.Bucket;
  if (out && !allow.includes(out)) {
    throw new ApiProblem(400, "OutputBucketNotAllowed", `Operation.Output.Bucket: ${out} is not an allowed output bucket`, {
      fields: [{ path: "Operation.Output.Bucket", message: `Allowed: ${allow.join(", ")}` }],
    });
  }
}

function ciErrorAnswer(e: CiError): StoredAnswer {
  return { status: ciErrorStatus(e), body: { error: ciErrorBody(e) } };
}

/** HTTP status we answer for a CI failure: CI's own 4xx stay 4xx; CI trouble becomes 502/503/504. */
export function ciErrorStatus(e: CiError): number {
  if (e.outcomeUnknown) return 502;
  if (e.code === "Timeout") return 504;
  if (e.code === "SlowDown") return 503;
  if (e.status === 0 || e.status >= 500) return 502;
  // CI refusing *our* credentials is a server misconfiguration, not the user's fault.
  if (e.status === 401 || e.status === 403) return 502;
  return e.status >= 400 ? e.status : 502;
}

export function ciErrorBody(e: CiError) {
  const message = e.outcomeUnknown
    ? `CI may or may not have created the job (${e.message}). Look for it in the job list before trying again.`
    : e.message;
  return { code: e.code, message, requestId: e.requestId, retryable: e.retryable, outcomeUnknown: e.outcomeUnknown || undefined };
}

/**
 * Sends a trigger to CI at most once per Idempotency-Key: a retry of the same request gets the first answer.
 * Returns the HTTP answer to give (201 with the job, or the remembered/CI error).
 */
export async function submitTrigger(
  identity: Identity,
  request: TriggerRequest,
  opts: { bucket?: string | null; idempotencyKey?: string | null },
): Promise<StoredAnswer> {
  const target = resolveTarget(opts.bucket);
  checkOutputBucket(request);
  const { client, reads, idempotency } = getRuntime();
  const send = async (): Promise<{ answer: StoredAnswer; remember: boolean }> => {
    const auditId = await writeIntent({ identity, action: "trigger", bucket: target.bucket, request, idempotencyKey: opts.idempotencyKey ?? undefined });
    try {
      const { job, requestId } = await client.triggerJob(target, request);
      reads.clear(`${target.bucket}|list|`); // the new job must show on the next poll
      await writeOutcome(auditId, { outcome: "success", jobId: job.JobId, ciRequestId: requestId });
      return { answer: { status: 201, body: { job, requestId } }, remember: true };
    } catch (e) {
      if (!(e instanceof CiError)) throw e;
      await writeOutcome(auditId, failureOutcome(e));
      // Remember an unknown outcome so a retry cannot create a second job; a definite refusal frees the key.
      return { answer: ciErrorAnswer(e), remember: e.outcomeUnknown };
    }
  };
  const key = opts.idempotencyKey;
  if (!key) return (await send()).answer;
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ApiProblem(400, "ValidationError", "Idempotency-Key: 8–128 letters, digits, - or _", {
      fields: [{ path: "Idempotency-Key", message: "8–128 letters, digits, - or _" }],
    });
  }
  const fingerprint = createHash("sha256").update(stableStringify(request)).digest("hex");
  const claim = await idempotency.begin(`${identity.id}|${target.bucket}`, key, fingerprint);
  if (claim.kind === "replay") return claim.answer;
  if (claim.kind === "mismatch") {
    throw new ApiProblem(422, "IdempotencyKeyReused", "This Idempotency-Key was already used for a different request");
  }
  try {
    const { answer, remember } = await send();
    claim.complete(answer, remember);
    return answer;
  } catch (e) {
    claim.complete({ status: 500, body: null }, false);
    throw e;
  }
}

/** Cancels through CI; a job that already finished gets a clear 409 instead of CI's generic refusal. */
export async function cancelJob(identity: Identity, jobId: string, bucket?: string | null): Promise<{ ok: true; requestId: string }> {
  assertJobId(jobId);
  const target = resolveTarget(bucket);
  const { client, reads } = getRuntime();
  const current = await client.getJob(target, jobId);
  if (!current.job) throw new ApiProblem(404, "NoSuchJob", `Job ${jobId} does not exist in ${target.bucket}`);
  if (!isCancellable(current.job.State)) {
    throw new ApiProblem(409, "JobFinished", `Job ${jobId} is already ${current.job.State}; only Submitted, Running or paused jobs can be cancelled`, {
      extra: { state: current.job.State },
    });
  }
  const auditId = await writeIntent({ identity, action: "cancel", bucket: target.bucket, jobId });
  try {
    const { requestId } = await client.cancelJob(target, jobId);
    await writeOutcome(auditId, { outcome: "success", jobId, ciRequestId: requestId });
    return { ok: true, requestId };
  } catch (e) {
    if (!(e instanceof CiError)) throw e;
    const definiteRefusal = e.status >= 400 && e.status < 500;
    if (e.outcomeUnknown || definiteRefusal) {
      const after = await client.getJob(target, jobId).catch(() => null);
      // The answer was lost but the cancel took effect: that is a success, not an error.
      if (e.outcomeUnknown && after?.job?.State === "Cancel") {
        await writeOutcome(auditId, { outcome: "success", jobId, ciRequestId: e.requestId });
        return { ok: true, requestId: e.requestId ?? after.requestId };
      }
      await writeOutcome(auditId, { ...failureOutcome(e), jobId });
      // It may have finished between our look and the cancel: say so plainly.
      if (definiteRefusal && after?.job && isFinishedState(after.job.State)) {
        throw new ApiProblem(409, "JobFinished", `Job ${jobId} finished (${after.job.State}) before it could be cancelled`);
      }
      throw e;
    }
    await writeOutcome(auditId, { ...failureOutcome(e), jobId });
    throw e;
  } finally {
    reads.clear(`${target.bucket}|`);
  }
}

/**
 * Who is about to do what, written BEFORE CI is called: a crash in between leaves a pending row, never nothing.
 * Without the audit store we refuse the change rather than make it unattributed.
 */
async function writeIntent(input: { identity: Identity; action: "trigger" | "cancel"; bucket: string; request?: unknown; jobId?: string; idempotencyKey?: string }) {
  try {
    return await recordIntent({
      actor: input.identity.id,
      actorGroups: input.identity.groups,
      action: input.action,
      bucket: input.bucket,
      request: input.request,
      jobId: input.jobId,
      idempotencyKey: input.idempotencyKey,
    });
  } catch (e) {
    logEvent({ level: "error", event: "audit-intent-failed", error: e instanceof Error ? e.message.slice(0, 200) : "unknown" });
    throw new ApiProblem(503, "AuditUnavailable", "The audit log is unavailable, so nothing was sent to CI. Try again in a moment.", { extra: { retryable: true } });
  }
}

/** CI's answer, written after the call. A failure here must not turn a created job into an error for the user. */
async function writeOutcome(auditId: string, result: Parameters<typeof recordOutcome>[1]) {
  try {
    await recordOutcome(auditId, result);
  } catch (e) {
    logEvent({ level: "error", event: "audit-outcome-failed", auditId, error: e instanceof Error ? e.message.slice(0, 200) : "unknown" });
  }
}

function failureOutcome(e: CiError): Parameters<typeof recordOutcome>[1] {
  return e.outcomeUnknown
    ? { outcome: "unknown", ciRequestId: e.requestId, errorCode: e.code, errorMessage: e.message }
    : { outcome: "error", ciRequestId: e.requestId, errorCode: e.code, errorMessage: e.message };
}

export type PickerKind = "templates" | "queues" | "workflows";
const PICKER_TTL_MS = 60_000;

/** Picker data (templates by Tag, queues, workflows), cached for a minute: it changes rarely. */
export async function loadPicker(kind: PickerKind, bucket?: string | null, tag?: string): Promise<PickerItem[]> {
  const target = resolveTarget(bucket);
  const { client, reads } = getRuntime();
  return reads.run(`${target.bucket}|picker|${kind}|${tag ?? ""}`, PICKER_TTL_MS, async () => {
    if (kind === "templates") return (await client.listTemplates(target, { tag: tag!, pageSize: 100 })).items;
    if (kind === "queues") return (await client.listQueues(target, { pageSize: 100 })).items;
    const items = (await client.listWorkflows(target, { pageSize: 100 })).items;
    return [...items].sort((a, b) => Number(b.state === "Active") - Number(a.state === "Active"));
  });
}
