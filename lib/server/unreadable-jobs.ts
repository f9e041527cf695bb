import "server-only";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { logEvent } from "./logger";
import { metrics } from "./metrics";

/**
 * Jobs whose CI details did not fit the schema (lib/jobs/job-detail-schema.ts `readJobDetail`) are shown marked; here
 * each one is counted (`ci_console_unreadable_jobs_total`, `/api/health` `unreadableJobs`) and logged once per
 * process, not on every poll that sees it again. Kept on globalThis, like the metrics registry: Next bundles the list
 * and detail routes separately, and two copies of this set would count the same job twice.
 */
interface Seen {
  keys: Set<string>;
  count: number;
}
const KEY = Symbol.for("ci-batch-console.unreadable-jobs");
const state = (): Seen => ((globalThis as { [KEY]?: Seen })[KEY] ??= { keys: new Set(), count: 0 });
/** Past this many remembered jobs the memory starts again (a job seen again after that is counted again). */
const MAX_REMEMBERED = 10_000;

/** A job is one job by bucket and JobId; one without a readable JobId by what else identifies it. */
function jobKey(bucket: string, job: JobDetail): string {
  if (job.JobId) return `${bucket}|${job.JobId}`;
  return `${bucket}||${job.Name ?? ""}|${job.CreationTime ?? ""}|${job.detailsProblem ?? ""}`;
}

export function noteUnreadableJobs(bucket: string, jobs: readonly JobDetail[]): void {
  const seen = state();
  for (const job of jobs) {
    if (!job.detailsProblem) continue;
    const key = jobKey(bucket, job);
    if (seen.keys.has(key)) continue;
    if (seen.keys.size >= MAX_REMEMBERED) seen.keys.clear();
    seen.keys.add(key);
    seen.count++;
    metrics().unreadableJobs.inc();
    logEvent({
      level: "warn",
      event: "ci-job-details-not-understood",
      bucket,
      jobId: job.JobId,
      problem: job.detailsProblem.slice(0, 200),
    });
  }
}

/** How many distinct odd jobs this process has seen (for health and metrics). */
export function unreadableJobCount(): number {
  return state().count;
}
