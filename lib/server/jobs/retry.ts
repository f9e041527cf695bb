import "server-only";
/**
 * Retry the failed files of a finished batch (issue 13 item 3). GET /retry answers the plan (file count, the list's
 * key, the exact XML) and writes or sends nothing. POST /retry writes the URL list to COS, then triggers a batch
 * over it with the same Workflow(s) or Operation through the normal trigger path (Idempotency-Key, audit).
 *
 * The list: one object URL per line, `https://<bucket>.cos.<region>.myqcloud.com/<key>` with each path segment
 * percent-encoded (docs/ci-api.md §8.3: "each line is the access URL of one COS object"; spaces, `+`, `&` and
 * Chinese characters in keys are encoded as a browser would request them), ending with a newline. Its key is
 * `<RETRY_LIST_PREFIX><JobId>/retry-<hash of the list>.txt`: the same failures give the same key and the same
 * request, so an Idempotency-Key replay matches and a repeated retry overwrites the same object.
 *
 * Every refusal (RETRY_ERROR_CODES) is decided before anything is written to COS or sent to CI.
 */
import { createHash } from "node:crypto";
import type { CiTarget } from "@/lib/ci/client";
import { cosObjectUrl } from "@/lib/ci/cos-client";
import { buildXml } from "@/lib/ci/xml";
import type { RetryErrorCode, RetryPlan } from "@/lib/jobs/batch-files";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { triggerRequestSchema, type TriggerRequest } from "@/lib/jobs/request-schema";
import { isFinishedState } from "@/lib/jobs/states";
import { getConfig } from "../config";
import type { Identity } from "../identity";
import type { StoredAnswer } from "../idempotency";
import { resolveTarget } from "./target";
import { submitTrigger } from "./trigger";
import { ApiProblem } from "../problem";
import { batchSource, listStream, type BatchSource } from "./batch-source";
import { loadBatchJob } from "./batch-files";
import { cosClient } from "./cos-runtime";
import { recordRetryLink } from "./retry-links";

/** One URL list holds at most `maxFiles` files (a larger retry is refused with 413 RetryTooManyFiles); tests lower it. */
export const RETRY_SETTINGS = { maxFiles: 10_000 };

const refuse = (status: number, code: RetryErrorCode, message: string) => new ApiProblem(status, code, message);

/** Failed objects of a finished batch are final: remembered (bounded) so the review step and the POST agree. */
const failedCache = new Map<string, string[]>();

async function failedObjects(target: CiTarget, job: JobDetail, source: BatchSource): Promise<string[]> {
  const key = `${target.bucket}|${job.JobId}`;
  const known = failedCache.get(key);
  if (known) return known;
  const objects = new Set<string>();
  for (let stream = 0; stream < source.streams.length; stream++) {
    let token: string | undefined;
    do {
      const page = await listStream(target, job.JobId, source, stream, {
        states: ["Failed"],
        size: 100,
        nextToken: token,
      });
      for (const item of page.items) if (item.object) objects.add(item.object);
      if (objects.size > RETRY_SETTINGS.maxFiles) {
        throw refuse(
          413,
          "RetryTooManyFiles",
          `Job ${job.JobId} has more than ${RETRY_SETTINGS.maxFiles} failed files: more than one URL list may hold. Retry it in parts (filter by prefix) instead.`,
        );
      }
      token = page.nextToken ?? undefined;
    } while (token);
  }
  const list = [...objects];
  failedCache.set(key, list);
  if (failedCache.size > 200) failedCache.delete(failedCache.keys().next().value!);
  return list;
}

/** Removes elements CI reports in a JobsDetail but a trigger does not take (MediaInfo, results…), as zod names them. */
function requestFrom(raw: Record<string, unknown>): TriggerRequest {
  let candidate = structuredClone(raw);
  for (let i = 0; i < 8; i++) {
    const parsed = triggerRequestSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
    const extra = parsed.error.issues.filter((x) => x.code === "unrecognized_keys");
    if (extra.length === 0) {
      const first = parsed.error.issues[0];
      throw new ApiProblem(
        409,
        "RetryNotPossible",
        `The source batch's request cannot be repeated: ${first?.path.join(".") ?? ""} ${first?.message ?? ""}`.trim(),
      );
    }
    for (const issue of extra) {
      let node: unknown = candidate;
      for (const p of issue.path) node = (node as Record<string | number, unknown>)?.[p as string];
      if (node && typeof node === "object")
        for (const k of (issue as { keys: string[] }).keys) delete (node as Record<string, unknown>)[k];
    }
    candidate = structuredClone(candidate);
  }
  throw new ApiProblem(409, "RetryNotPossible", "The source batch's request cannot be repeated");
}

interface Prepared {
  target: CiTarget;
  plan: RetryPlan;
  request: TriggerRequest;
  listBody: string;
}

async function prepare(jobId: string, bucket: string | null, identity?: Identity): Promise<Prepared> {
  const prefix = getConfig().retryListPrefix;
  if (!prefix) {
    throw refuse(
      409,
      "RetryNotConfigured",
      'Retry is not configured: set RETRY_LIST_PREFIX (a folder in the input bucket, e.g. retry-lists/) where the URL list of failed files is written. "Download failed files" works without it.',
    );
  }
  const target = resolveTarget(bucket);
  const job = await loadBatchJob(target, jobId, identity);
  if (!isFinishedState(job.State)) {
    throw refuse(
      409,
      "RetryBatchNotFinished",
      `Job ${jobId} is still ${job.State}: its failed files are not final yet. Retry once it has finished.`,
    );
  }
  const source = batchSource(job);
  const objects = await failedObjects(target, job, source);
  if (objects.length === 0)
    throw refuse(409, "RetryNothingToRetry", `Job ${jobId} has no failed files: there is nothing to retry.`);
  const listBody = objects.map((o) => cosObjectUrl(target, o)).join("\n") + "\n";
  // "retry-", not "failed-": the emulator steers any batch whose input names "fail" to fail whole
  // (emulator/store/lifecycle.ts), which would turn every retry on `npm start` into a batch with no files.
  const listKey = `${prefix}${jobId}/retry-${createHash("sha256").update(listBody).digest("hex").slice(0, 16)}.txt`;
  const name = `retry-${jobId}`.slice(0, 64);
  const raw =
    source.kind === "workflowInstance"
      ? {
          Name: name,
          Type: "Workflow",
          Input: { UrlFile: listKey },
          Operation: { WorkflowIds: source.streams.join(",") },
        }
      : { Name: name, Type: "Job", Input: { UrlFile: listKey }, Operation: job.Operation ?? {} };
  const request = requestFrom(raw);
  const xml = buildXml("Request", request as unknown as Record<string, unknown>);
  return { target, request, listBody, plan: { sourceJobId: jobId, fileCount: objects.length, listKey, xml } };
}

/** The review step: nothing is written or sent. */
export async function retryPlan(jobId: string, bucket: string | null, identity?: Identity): Promise<RetryPlan> {
  return (await prepare(jobId, bucket, identity)).plan;
}

/** Writes the list and triggers the retry batch; the answer is submitTrigger's (201 + RetryResult fields). */
export async function startRetry(
  identity: Identity,
  jobId: string,
  opts: { bucket: string | null; idempotencyKey: string | null },
): Promise<StoredAnswer> {
  const { target, request, listBody, plan } = await prepare(jobId, opts.bucket, identity);
  const answer = await submitTrigger(identity, request, {
    bucket: target.bucket,
    idempotencyKey: opts.idempotencyKey,
    prepare: async () => {
      await cosClient().putObject(target, plan.listKey, listBody);
    },
    onIntent: (auditId) =>
      recordRetryLink({
        auditId,
        bucket: target.bucket,
        sourceJobId: jobId,
        listKey: plan.listKey,
        fileCount: plan.fileCount,
      }),
  });
  if (answer.status !== 201) return answer;
  const body = answer.body as { job: { JobId: string }; requestId: string };
  return {
    status: 201,
    body: { ...body, jobId: body.job.JobId, sourceJobId: jobId, fileCount: plan.fileCount, listKey: plan.listKey },
  };
}
