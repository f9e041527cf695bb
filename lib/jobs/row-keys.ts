/**
 * React keys for the job table's rows. The JobId is the natural key, but a job whose details CI sent in an odd shape
 * may have no readable JobId (lib/jobs/job-detail-schema.ts `readJobDetail` gives it ""), and two such rows must
 * not share a key: React would then mix their DOM up between polls. Such a job is keyed by what else it shows, and
 * equal keys get their place among equals, so keys are unique on the page and stay put while CI's order does.
 */
import type { JobDetail } from "./job-detail-schema";

export function jobRowKeys(jobs: readonly Pick<JobDetail, "JobId" | "Name" | "CreationTime">[]): string[] {
  const seen = new Map<string, number>();
  return jobs.map((job) => {
    const base = job.JobId ? `id:${job.JobId}` : `no-id:${job.Name ?? ""}|${job.CreationTime ?? ""}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}#${n}`;
  });
}

/**
 * Whether a row can be acted on: a job without a readable JobId has no page, cannot be selected, watched, duplicated
 * or cancelled (each of those names the job by its JobId).
 */
export const isActionable = (job: Pick<JobDetail, "JobId">): boolean => job.JobId !== "";
