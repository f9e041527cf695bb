/**
 * react-query keys, options and browser fetchers for jobs (our /api/jobs routes, api-contract.md). Mutations
 * invalidate `jobKeys.all`. Types come from the schema modules with `import type`, so zod stays out of the bundle.
 */
import { queryOptions } from "@tanstack/react-query";
import type { RetryLinks } from "@/lib/jobs/batch-files";
import type { CiNames } from "@/lib/jobs/ci-names";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { toApiListParams, toApiSearch, type JobsView } from "@/lib/jobs/url-state";
import { apiFetch } from "./api-fetch";

export interface JobsPage {
  jobs: JobDetail[];
  nextToken: string | null;
  requestId: string;
  /** ISO instant at which our server got CI's answer. */
  fetchedAt: string;
  /** Added by us: the instant relative presets were resolved at (pins them for the next pages). */
  queriedAt?: string;
  /**
   * JobId → who triggered it through this dashboard, from the audit log (CI runs every job under one shared key, so
   * CI cannot say). Jobs triggered elsewhere are absent.
   */
  triggeredBy: Record<string, JobAttribution>;
  /** Names of the workflows, templates and queues the jobs refer to (contract: lib/jobs/ci-names.ts). */
  names: CiNames;
}

/** Who did something to a job, as the audit log recorded it (mirrors lib/server/audit-types.ts). */
export interface JobAttribution {
  /** The SSO identity, e.g. olivia.operator@example.com. */
  actor: string;
  /** When they asked (ISO, UTC). */
  at: string;
}

/** One audit row for a job (the fields the job page shows; mirrors AuditEntry). */
export interface JobAuditEntry {
  id: string;
  at: string;
  actor: string;
  action: "trigger" | "cancel";
  outcome: "pending" | "success" | "error" | "unknown";
  ciRequestId: string | null;
  errorCode: string | null;
  reconciledAt: string | null;
}

/** The job's audit history; null when the audit log could not be read. */
export interface JobHistory {
  triggeredBy: JobAttribution | null;
  /** The cancel that took effect, if any. */
  cancelledBy: JobAttribution | null;
  /** Oldest first. */
  entries: JobAuditEntry[];
}

export interface JobResult {
  job: JobDetail;
  requestId: string;
  rawXml: string;
  history: JobHistory | null;
  /** Names of the workflows, templates and queues this job refers to. */
  names: CiNames;
  /** Retry links from the audit log (issue 13): absent when this job neither retries nor was retried. */
  retryLinks?: RetryLinks;
}

export interface Me {
  user: { id: string; name: string; groups: string[] };
  canTrigger: boolean;
  /** Set by the sign-in work in parallel; until then the role follows canTrigger. */
  role?: "operator" | "viewer";
  /** Where "Sign out" goes, when the sign-in mode has one. */
  signOutUrl?: string;
  buckets: { bucket: string; region: string }[];
  emulator: boolean;
}

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
export function cancelJob(jobId: string, bucket?: string | null): Promise<{ ok: true; requestId: string }> {
  return apiFetch(`/api/jobs/${encodeURIComponent(jobId)}/cancel${bucketQuery(bucket)}`, { method: "POST", json: {} });
}

export function jobsListOptions(view: JobsView) {
  return queryOptions({
    queryKey: jobKeys.list(view),
    queryFn: ({ signal }) => fetchJobsPage(view, signal),
  });
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
