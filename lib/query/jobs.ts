/**
 * react-query keys, options and browser fetchers for jobs (our /api/jobs routes; their answers are declared in lib/jobs/api-contract.ts). Mutations
 * invalidate `jobKeys.all`. Types come from the schema modules with `import type`, so zod stays out of the bundle.
 */
import { queryOptions } from "@tanstack/react-query";
import type { CancelAnswer, JobAnswer, JobsPageAnswer, MeAnswer } from "@/lib/jobs/api-contract";
import type { Attribution, JobHistory } from "@/lib/jobs/audit-types";
import { toApiListParams, toApiSearch } from "@/lib/jobs/list-api-params";
import type { JobsView } from "@/lib/jobs/url-state";
import { apiFetch } from "./api-fetch";

/** GET /api/jobs, plus the instant relative presets were resolved at (added here; pins them for the next pages). */
export type JobsPage = JobsPageAnswer & { queriedAt?: string };
/** Who did something to a job, as the audit log recorded it. */
export type JobAttribution = Attribution;
export type { JobHistory };
export type JobResult = JobAnswer;
export type Me = MeAnswer;

/** The part of a view that decides which rows CI returns (the back stack only matters for "Previous"). */
export type JobsListKey = Omit<JobsView, "back">;

export function listKeyOf(view: JobsView): JobsListKey {
  const { back: _back, ...rest } = view;
  return rest;
}

export const jobKeys = {
  all: ["jobs"] as const,
  lists: () => [...jobKeys.all, "list"] as const,
  list: (view: JobsView) => [...jobKeys.lists(), listKeyOf(view)] as const,
  details: () => [...jobKeys.all, "detail"] as const,
  detail: (jobId: string, bucket?: string | null) => [...jobKeys.details(), jobId, bucket ?? null] as const,
};

export const meKey = ["me"] as const;

function bucketQuery(bucket?: string | null): string {
  return bucket ? `?bucket=${encodeURIComponent(bucket)}` : "";
}

/** One page of jobs; relative time presets are resolved now, at fetch time, so "last hour" keeps sliding. */
export async function fetchJobsPage(view: JobsView, signal?: AbortSignal): Promise<JobsPage> {
  const now = new Date();
  const search = toApiSearch(toApiListParams(view, now));
  const page = await apiFetch<JobsPage>(`/api/jobs?${search}`, { signal });
  return { ...page, queriedAt: now.toISOString() };
}

export function fetchJob(jobId: string, bucket?: string | null, signal?: AbortSignal): Promise<JobResult> {
  return apiFetch<JobResult>(`/api/jobs/${encodeURIComponent(jobId)}${bucketQuery(bucket)}`, { signal });
}

/** Asks CI to cancel a job. Throws ApiError code `JobFinished` (409) when the job had already finished. */
export function cancelJob(jobId: string, bucket?: string | null): Promise<CancelAnswer> {
  return apiFetch(`/api/jobs/${encodeURIComponent(jobId)}/cancel${bucketQuery(bucket)}`, { method: "POST", json: {} });
}

export function jobDetailOptions(jobId: string, bucket?: string | null) {
  return queryOptions({
    queryKey: jobKeys.detail(jobId, bucket),
    queryFn: ({ signal }) => fetchJob(jobId, bucket, signal),
  });
}

export const meQueryOptions = queryOptions({
  queryKey: meKey,
  queryFn: ({ signal }) => apiFetch<Me>("/api/me", { signal }),
  staleTime: 5 * 60_000,
  refetchOnWindowFocus: false,
});
