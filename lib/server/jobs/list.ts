import "server-only";
import type { JobsPageAnswer } from "@/lib/jobs/api-contract";
import { jobRefs } from "@/lib/jobs/ci-names";
import type { ListQuery } from "@/lib/jobs/list-query-schema";
import { redactSecretsDeep } from "../audit-redact";
import { resolveCiNames } from "../ci-names";
import { getRuntime } from "../ci-runtime";
import { getConfig } from "../config";
import type { Identity } from "../identity";
import { reconcileIfDue } from "../reconcile-schedule";
import { noteUnreadableJobs } from "../unreadable-jobs";
import { attributionsFor } from "./attributions";
import { budgetedRead, listKey } from "./cached-read";
import { resolveTarget } from "./target";

export type JobsPage = JobsPageAnswer;

/** One page of jobs, shared between identical concurrent requests and reused for CI_CACHE_MS. */
export async function loadJobsPage(query: ListQuery & { bucket?: string }, identity?: Identity): Promise<JobsPage> {
  const { bucket, ...ciQuery } = query;
  const target = resolveTarget(bucket);
  const { client } = getRuntime();
  return budgetedRead(identity, listKey(target.bucket, ciQuery), getConfig().cacheMs, async () => {
    const page = await client.listJobs(target, ciQuery);
    noteUnreadableJobs(target.bucket, page.jobs);
    // Inside the shared loader: one audit query per CI call, not one per polling dashboard.
    const attributions = await attributionsFor(
      target.bucket,
      page.jobs.map((j) => j.JobId),
    );
    // Audit rows whose CI answer was lost are settled on a per-bucket schedule, never delaying this answer.
    void reconcileIfDue(target).catch(() => undefined);
    // From the cached picker lists: no CI call per row, and none per poll while the lists are fresh.
    const names = await resolveCiNames(target, page.jobs.flatMap(jobRefs));
    // CI echoes callback URLs: their credentials never go to the browser (redacted once, in the shared answer).
    return {
      ...page,
      jobs: redactSecretsDeep(page.jobs),
      fetchedAt: new Date().toISOString(),
      triggeredBy: attributions,
      names,
    };
  });
}
