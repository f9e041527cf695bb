import "server-only";
import type { JobAnswer } from "@/lib/jobs/api-contract";
import { jobRefs } from "@/lib/jobs/ci-names";
import { JOB_ID_PATTERN } from "@/lib/jobs/patterns";
import { redactSecretsDeep, redactUrlsInText } from "../audit-redact";
import { resolveCiNames } from "../ci-names";
import { getRuntime } from "../ci-runtime";
import { getConfig } from "../config";
import type { Identity } from "../identity";
import { ApiProblem } from "../problem";
import { reconcileIfDue } from "../reconcile-schedule";
import { noteUnreadableJobs } from "../unreadable-jobs";
import { historyFor } from "./attributions";
import { budgetedRead } from "./cached-read";
import { retryLinksFor } from "./retry-links";
import { resolveTarget } from "./target";

export function assertJobId(jobId: string): string {
  if (!JOB_ID_PATTERN.test(jobId)) {
    throw new ApiProblem(400, "ValidationError", "jobId: a job ID has letters and digits only", {
      fields: [{ path: "jobId", message: "Letters and digits only" }],
    });
  }
  return jobId;
}

/** One job with CI's raw XML, or null when CI says it does not exist. */
export async function loadJob(jobId: string, bucket?: string | null, identity?: Identity): Promise<JobAnswer | null> {
  assertJobId(jobId);
  const target = resolveTarget(bucket);
  const { client } = getRuntime();
  const result = await budgetedRead(identity, `${target.bucket}|job|${jobId}`, getConfig().cacheMs, () =>
    client.getJob(target, jobId),
  );
  if (!result.job) return null;
  noteUnreadableJobs(target.bucket, [result.job]);
  let history = await historyFor(target.bucket, jobId);
  if (history?.entries.some((e) => (e.outcome === "unknown" && !e.reconciledAt) || e.outcome === "pending")) {
    // An earlier answer was lost: settle it from what CI says now (when the bucket's pass is due, however many
    // pages ask), then show the settled history.
    if (await reconcileIfDue(target).catch(() => false)) history = await historyFor(target.bucket, jobId);
  }
  const names = await resolveCiNames(target, jobRefs(result.job));
  const retryLinks = await retryLinksFor(target.bucket, jobId).catch(() => undefined); // a retry and its source link both ways
  // Callback credentials are redacted in the job and in CI's raw XML alike.
  return {
    job: redactSecretsDeep(result.job),
    requestId: result.requestId,
    rawXml: redactUrlsInText(result.rawXml),
    history,
    names,
    ...(retryLinks ? { retryLinks } : {}),
  };
}
