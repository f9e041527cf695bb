import "server-only";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { logEvent } from "./logger";

/**
 * Jobs whose CI details did not fit the schema (lib/jobs/job-detail-schema.ts `readJobDetail`) are shown marked; here
 * each one is counted and logged once per process, not on every poll that sees it again.
 */
const seen = new Set<string>();
const MAX_REMEMBERED = 10_000;
let count = 0;

export function noteUnreadableJobs(bucket: string, jobs: readonly JobDetail[]): void {
  for (const job of jobs) {
    if (!job.detailsProblem) continue;
    const key = `${bucket}|${job.JobId}|${job.detailsProblem}`;
    if (seen.has(key)) continue;
    if (seen.size >= MAX_REMEMBERED) seen.clear();
    seen.add(key);
    count++;
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
  return count;
}
