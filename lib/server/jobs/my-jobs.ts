import "server-only";
import { parseCiTime } from "@/lib/jobs/ci-time";
import { jobRefs } from "@/lib/jobs/ci-names";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { jobIdsTriggeredBy } from "../audit";
import { redactSecretsDeep } from "../audit-redact";
import { resolveCiNames } from "../ci-names";
import { getRuntime } from "../ci-runtime";
import { getConfig } from "../config";
import type { Identity } from "../identity";
import { attributionsFor } from "./attributions";
import { budgetedRead, listKey } from "./cached-read";
import type { JobsPage } from "./list";
import { resolveTarget } from "./target";

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
  const oldest =
    times.length === ids.length && times.length > 0 ? Math.min(...times) - MINE_SKEW_MS : Number.NEGATIVE_INFINITY;
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
    if (ids.every((id) => found.has(id)) || !result.nextToken || (lastCreated !== undefined && lastCreated < oldest))
      break;
    nextToken = result.nextToken;
  }
  const jobs = ids.flatMap((id) => found.get(id) ?? []).map(redactSecretsDeep);
  const shown = Object.fromEntries(Object.entries(attributions).filter(([id]) => found.has(id)));
  const names = await resolveCiNames(target, jobs.flatMap(jobRefs));
  return { jobs, nextToken: null, requestId, fetchedAt: new Date().toISOString(), triggeredBy: shown, names };
}
