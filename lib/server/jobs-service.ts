import "server-only";
import { createHash } from "node:crypto";
import type { CiTarget, PickerItem } from "@/lib/ci/client";
import { CiError } from "@/lib/ci/errors";
import { jobRefs, type CiNames } from "@/lib/jobs/ci-names";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import type { ListQuery } from "@/lib/jobs/list-query-schema";
import { queueFamilyForTag, type QueueFamily } from "@/lib/jobs/queue-families";
import type { TriggerRequest } from "@/lib/jobs/request-schema";
import { parseCiTime } from "@/lib/jobs/ci-time";
import { isCancellable, isFinishedState } from "@/lib/jobs/states";
import { logEvent } from "./logger";
import { countAuditFailure, countJobChange } from "./metrics";
import { jobHistory, jobIdsTriggeredBy, recordIntent, recordOutcome, triggeredBy, type Attribution, type JobHistory } from "./audit";
import { redactSecretsDeep, redactUrlsInText } from "./audit-redact";
import { withPriority } from "./ci-budget";
import { reconcileIfDue } from "./reconcile-schedule";
import { resolveCiNames } from "./ci-names";
import { getConfig } from "./config";
import { getRuntime } from "./ci-runtime";
import { IDEMPOTENCY_KEY_PATTERN, type StoredAnswer } from "./idempotency";
import type { Identity } from "./identity";
import { ApiProblem } from "./problem";
import { stableStringify } from "./stable-json";
import { noteUnreadableJobs } from "./unreadable-jobs";
import { retryLinksFor } from "./jobs/retry-links";

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

/**
 * A cached CI read. Only a read the cache cannot answer is charged to the person (429 past their allowance), and
 * its CI calls go out at the priority their usage earns (lib/server/ci-budget.ts). Without a person (health
 * checks), nothing is charged and calls get the lowest priority.
 */
export function budgetedRead<T>(identity: Identity | undefined, key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  const { reads, budget } = getRuntime();
  if (!identity || reads.has(key)) return reads.run(key, ttlMs, load);
  const priority = budget.charge(identity.id);
  return withPriority(priority, () => reads.run(key, ttlMs, load));
}

const listKey = (bucket: string, ciQuery: object) => `${bucket}|list|${stableStringify(ciQuery)}`;

/** One page of jobs, shared between identical concurrent requests and reused for CI_CACHE_MS. */
export async function loadJobsPage(query: ListQuery & { bucket?: string }, identity?: Identity): Promise<JobsPage> {
  const { bucket, ...ciQuery } = query;
  const target = resolveTarget(bucket);
  const { client } = getRuntime();
  return budgetedRead(identity, listKey(target.bucket, ciQuery), getConfig().cacheMs, async () => {
    const page = await client.listJobs(target, ciQuery);
    noteUnreadableJobs(target.bucket, page.jobs);
    // Inside the shared loader: one audit query per CI call, not one per polling dashboard.
    const attributions = await attributionsFor(target.bucket, page.jobs.map((j) => j.JobId));
    // Audit rows whose CI answer was lost are settled on a per-bucket schedule, never delaying this answer.
    void reconcileIfDue(target).catch(() => undefined);
    // From the cached picker lists: no CI call per row, and none per poll while the lists are fresh.
    const names = await resolveCiNames(target, page.jobs.flatMap(jobRefs));
    // CI echoes callback URLs: their credentials never go to the browser (redacted once, in the shared answer).
    return { ...page, jobs: redactSecretsDeep(page.jobs), fetchedAt: new Date().toISOString(), triggeredBy: attributions, names };
  });
}

/** Pages of CI's newest-first list "My jobs" may read: a person's jobs older than 300 jobs are not shown. */
const MINE_MAX_PAGES = 3;
const MINE_PAGE = { size: 100, orderByTime: "Desc" } as const;
/** CI's CreationTime may run behind the audit row's time by clock skew. */
const MINE_SKEW_MS = 60_000;

/**
 * "My jobs": the newest jobs the caller triggered through this dashboard. The audit log says which JobIds (and
 * when); CI's newest-first job list, shared with every other "My jobs" view in the cache, supplies them: usually
 * one CI call for everybody, never one per job. The list is read until every id is found or it reaches jobs older
 * than the oldest of them. CI's other filters do not apply (CI cannot filter by a list of IDs).
 */
export async function loadMyJobsPage(identity: Identity, opts: { bucket?: string; size?: number }): Promise<JobsPage> {
  const target = resolveTarget(opts.bucket);
  const ids = await jobIdsTriggeredBy(identity.id, target.bucket, opts.size ?? 10);
  const attributions = await attributionsFor(target.bucket, ids);
  const times = ids.map((id) => Date.parse(attributions[id]?.at ?? "")).filter((t) => !Number.isNaN(t));
  const oldest = times.length === ids.length && times.length > 0 ? Math.min(...times) - MINE_SKEW_MS : Number.NEGATIVE_INFINITY;
  const { client } = getRuntime();
  const cacheMs = getConfig().cacheMs;
  const found = new Map<string, JobDetail>();
  let requestId = "";
  let nextToken: string | undefined;
  for (let page = 0; ids.length > 0 && page < MINE_MAX_PAGES; page++) {
    const ciQuery = { ...MINE_PAGE, ...(nextToken ? { nextToken } : {}) };
    const result = await budgetedRead(identity, listKey(target.bucket, ciQuery), cacheMs, async () => ({
      ...(await client.listJobs(target, ciQuery)),
      fetchedAt: new Date().toISOString(),
      triggeredBy: {},
    }));
    requestId ||= result.requestId;
    for (const job of result.jobs) found.set(job.JobId, job);
    const last = result.jobs[result.jobs.length - 1];
    const lastCreated = last?.CreationTime ? parseCiTime(last.CreationTime)?.getTime() : undefined;
    if (ids.every((id) => found.has(id)) || !result.nextToken || (lastCreated !== undefined && lastCreated < oldest)) break;
    nextToken = result.nextToken;
  }
  const jobs = ids.flatMap((id) => found.get(id) ?? []).map(redactSecretsDeep);
  const shown = Object.fromEntries(Object.entries(attributions).filter(([id]) => found.has(id)));
  const names = await resolveCiNames(target, jobs.flatMap(jobRefs));
  return { jobs, nextToken: null, requestId, fetchedAt: new Date().toISOString(), triggeredBy: shown, names };
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
export async function loadJob(jobId: string, bucket?: string | null, identity?: Identity) {
  assertJobId(jobId);
  const target = resolveTarget(bucket);
  const { client } = getRuntime();
  const result = await budgetedRead(identity, `${target.bucket}|job|${jobId}`, getConfig().cacheMs, () => client.getJob(target, jobId));
  if (!result.job) return null;
  noteUnreadableJobs(target.bucket, [result.job]);
  let history = await historyFor(target.bucket, jobId);
  if (history?.entries.some((e) => (e.outcome === "unknown" && !e.reconciledAt) || e.outcome === "pending")) {
    // An earlier answer was lost: settle it from what CI says now (when the bucket's pass is due, however many
    // pages ask), then show the settled history.
    if (await reconcileIfDue(target).catch(() => false)) history = await historyFor(target.bucket, jobId);
  }
  const names = await resolveCiNames(target, jobRefs(result.job));
  const retryLinks = await retryLinksFor(target.bucket, jobId).catch(() => undefined); // issue 13: both ways
  // Callback credentials are redacted in the job and in CI's raw XML alike.
  return { job: redactSecretsDeep(result.job), requestId: result.requestId, rawXml: redactUrlsInText(result.rawXml), history, names, ...(retryLinks ? { retryLinks } : {}) };
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
  opts: {
    bucket?: string | null;
    idempotencyKey?: string | null;
    /** Runs before anything is recorded or sent, only when CI will really be called (not on a replay): retry's list write. */
    prepare?: () => Promise<void>;
    /** Runs right after the audit intent is written (retry links the row to its source batch). */
    onIntent?: (auditId: string) => Promise<void>;
  },
): Promise<StoredAnswer> {
  const target = resolveTarget(opts.bucket);
  checkOutputBucket(request);
  const { client, reads, idempotency } = getRuntime();
  const send = async (): Promise<{ answer: StoredAnswer; remember: boolean }> => {
    await opts.prepare?.();
    const auditId = await writeIntent({ identity, action: "trigger", bucket: target.bucket, request, idempotencyKey: opts.idempotencyKey ?? undefined });
    await opts.onIntent?.(auditId);
    try {
      const { job, requestId } = await client.triggerJob(target, request);
      await reads.clear(`${target.bucket}|list|`); // the new job must show on the next poll (on every instance)
      await writeOutcome(auditId, { outcome: "success", jobId: job.JobId, ciRequestId: requestId }, "trigger");
      return { answer: { status: 201, body: { job: redactSecretsDeep(job), requestId } }, remember: true };
    } catch (e) {
      if (!(e instanceof CiError)) throw e;
      await writeOutcome(auditId, failureOutcome(e), "trigger");
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
    await writeOutcome(auditId, { outcome: "success", jobId, ciRequestId: requestId }, "cancel");
    return { ok: true, requestId };
  } catch (e) {
    if (!(e instanceof CiError)) throw e;
    const definiteRefusal = e.status >= 400 && e.status < 500;
    if (e.outcomeUnknown || definiteRefusal) {
      const after = await client.getJob(target, jobId).catch(() => null);
      // The answer was lost but the cancel took effect: that is a success, not an error.
      if (e.outcomeUnknown && after?.job?.State === "Cancel") {
        await writeOutcome(auditId, { outcome: "success", jobId, ciRequestId: e.requestId }, "cancel");
        return { ok: true, requestId: e.requestId ?? after.requestId };
      }
      await writeOutcome(auditId, { ...failureOutcome(e), jobId }, "cancel");
      // It may have finished between our look and the cancel: say so plainly.
      if (definiteRefusal && after?.job && isFinishedState(after.job.State)) {
        throw new ApiProblem(409, "JobFinished", `Job ${jobId} finished (${after.job.State}) before it could be cancelled`);
      }
      throw e;
    }
    await writeOutcome(auditId, { ...failureOutcome(e), jobId }, "cancel");
    throw e;
  } finally {
    await reads.clear(`${target.bucket}|`);
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
    countAuditFailure("intent");
    logEvent({ level: "error", event: "audit-intent-failed", error: e instanceof Error ? e.message.slice(0, 200) : "unknown" });
    throw new ApiProblem(503, "AuditUnavailable", "The audit log is unavailable, so nothing was sent to CI. Try again in a moment.", { extra: { retryable: true } });
  }
}

/** CI's answer, written after the call. A failure here must not turn a created job into an error for the user. */
async function writeOutcome(auditId: string, result: Parameters<typeof recordOutcome>[1], action: "trigger" | "cancel") {
  countJobChange(action, result.outcome);
  try {
    await recordOutcome(auditId, result);
  } catch (e) {
    countAuditFailure("outcome");
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

/**
 * Picker data (templates by Tag, queues, workflows), cached for a minute: it changes rarely. For queues, `tag` picks
 * the queue family (lib/jobs/queue-families.ts), so the cache holds one list per family, not per Tag.
 */
export async function loadPicker(kind: PickerKind, bucket?: string | null, tag?: string, identity?: Identity, family?: QueueFamily): Promise<PickerItem[]> {
  const target = resolveTarget(bucket);
  const { client } = getRuntime();
  const queueFamily = family ?? queueFamilyForTag(tag);
  const detail = kind === "queues" ? queueFamily : kind === "templates" ? (tag ?? "") : "";
  return budgetedRead(identity, `${target.bucket}|picker|${kind}|${detail}`, PICKER_TTL_MS, async () => {
    if (kind === "templates") return (await client.listTemplates(target, { tag: tag!, pageSize: 100 })).items;
    if (kind === "queues") return (await client.listQueues(target, { pageSize: 100, family: queueFamily })).items;
    const items = (await client.listWorkflows(target, { pageSize: 100 })).items;
    return [...items].sort((a, b) => Number(b.state === "Active") - Number(a.state === "Active"));
  });
}
