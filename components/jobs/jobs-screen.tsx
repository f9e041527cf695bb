"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useEffect, useMemo, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { nextPollDelay } from "@/lib/jobs/poll-policy";
import {
  CLEAR_FILTERS,
  removeFilterPatch,
  jobsSearchParams,
  toJobsView,
  viewFileNameParts,
  withKnownBucket,
} from "@/lib/jobs/url-state";
import { FIRST_PAGE, nextPagePatch, pageNumber, previousPagePatch } from "@/lib/jobs/url-paging";
import { ApiError } from "@/lib/query/api-fetch";
import { fetchJobsPage, jobKeys, listKeyOf, meQueryOptions } from "@/lib/query/jobs";
import { ExportCsvButton } from "./export-csv-button";
import { NotifyButton, useFinishedNotifications } from "./job-notifications";
import { JobsEmptyState } from "./jobs-empty-state";
import { JobsFilters, type FilterPatch } from "./jobs-filters";
import { JobsPagination } from "./jobs-pagination";
import { JobsTable } from "./jobs-table";
import { LiveControls } from "./live-controls";
import { PollErrorBanner, type ShownError } from "./poll-error-banner";
import { finishedTransitions, useJobChanges } from "./use-job-changes";
import { useFinishedTitle } from "./use-finished-title";
import { useLiveSettings } from "./use-live-settings";
import { usePolledQuery } from "./use-polled-query";
import { useHydrated } from "./use-now";
import { useWatchList } from "./use-watch-list";
import { isActionable } from "@/lib/jobs/row-keys";

// The dialog (Radix: focus trap, scroll lock) is loaded the first time someone cancels, not with the table.
const CancelJobsDialog = dynamic(() => import("./cancel-jobs-dialog").then((m) => m.CancelJobsDialog), { ssr: false });

/**
 * The jobs screen: URL-held filters, the table, cursor paging, live polling that adapts to what is on screen and
 * survives CI trouble, bulk cancel, CSV export and notifications. The server rendered the first page; this takes over.
 */
export function JobsScreen({
  initialError,
  serverNow,
  defaultBuckets,
}: {
  /** The server's own attempt failed: say so until the browser's first answer arrives. */
  initialError: ShownError | null;
  serverNow: number;
  defaultBuckets: readonly { bucket: string; region: string }[];
}) {
  const [search, setSearch] = useQueryStates(jobsSearchParams, { history: "push" });
  const me = useQuery(meQueryOptions).data;
  const canTrigger = me?.canTrigger ?? false;
  const buckets = me?.buckets ?? defaultBuckets;
  const view = useMemo(() => withKnownBucket(toJobsView(search), buckets), [search, buckets]);
  const viewKey = JSON.stringify(listKeyOf(view));
  const [live, setLive] = useLiveSettings();
  const { query, failures } = usePolledQuery({
    queryKey: jobKeys.list(view),
    fetch: (signal) => fetchJobsPage(view, signal),
    serverNow,
    nextDelay: (q) =>
      nextPollDelay({
        paused: live.paused,
        interval: live.interval,
        states: q.data?.jobs.map((j) => j.State),
        failures: q.failures,
      }),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: !live.paused,
    refetchOnReconnect: !live.paused,
  });

  const data = query.data;
  const stale = query.isPlaceholderData;
  const jobs = stale ? undefined : data?.jobs;
  const rows: readonly JobDetail[] = data?.jobs ?? [];
  const page = pageNumber(view);

  // Selection belongs to one view: a different filter or page starts empty.
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => setSelected(new Set()), [viewKey]);
  const selectedJobs = rows.filter((j) => selected.has(j.JobId));

  const countFinished = useFinishedTitle();
  const highlighted = useJobChanges(jobs, (t) => countFinished(finishedTransitions(t).length));
  useFinishedNotifications(jobs, view.bucket);
  const watched = useWatchList();

  const [cancelTarget, setCancelTarget] = useState<JobDetail[] | null>(null);

  const setFilters = (patch: FilterPatch) => void setSearch({ ...patch, ...FIRST_PAGE });
  const clearFilters = () => void setSearch(CLEAR_FILTERS);

  const shownError: ShownError | null =
    query.error instanceof ApiError
      ? {
          code: query.error.code,
          message: query.error.message,
          requestId: query.error.requestId,
          status: query.error.status,
        }
      : query.error
        ? { code: "Error", message: query.error.message }
        : !data && initialError
          ? initialError
          : null;
  const delay = nextPollDelay({
    paused: live.paused,
    interval: live.interval,
    states: data?.jobs.map((j) => j.State),
    failures,
  });
  const loading = !data && query.isPending;
  const hydrated = useHydrated();

  return (
    // data-hydrated: lets browser tests wait until the page is interactive rather than guess.
    <div className="space-y-4" data-hydrated={hydrated ? "true" : "false"}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold text-slate-950">Batch jobs</h1>
          <p className="text-sm text-slate-700">
            {view.bucket ?? buckets[0]?.bucket ?? ""} {buckets.length > 0 && "· jobs as CI reports them"}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <NotifyButton />
          <ExportCsvButton
            jobs={rows}
            nameParts={viewFileNameParts(view)}
            triggeredBy={data?.triggeredBy}
            names={data?.names}
          />
          {canTrigger && (
            <Link href="/jobs/new" className={buttonClasses({ variant: "primary", size: "sm" })}>
              New batch job
            </Link>
          )}
        </div>
      </div>

      <JobsFilters view={view} buckets={buckets} onChange={setFilters} onClear={clearFilters} />

      <LiveControls
        settings={live}
        onChange={setLive}
        updatedAt={data && !stale ? query.dataUpdatedAt : 0}
        serverNow={serverNow}
        fetching={query.isFetching}
        delay={delay}
        onRefresh={() => void query.refetch()}
      />

      {shownError && (
        <PollErrorBanner
          error={shownError}
          hasData={rows.length > 0}
          retryInMs={delay}
          onRetry={() => void query.refetch()}
        />
      )}

      {canTrigger && selectedJobs.length > 0 && (
        <div
          role="region"
          aria-label="Selected jobs"
          className="flex flex-wrap items-center gap-3 rounded-lg border border-blue-200 bg-blue-50 px-3 py-2 text-sm"
        >
          <span>
            <strong>{selectedJobs.length}</strong> selected
          </span>
          <Button size="sm" variant="danger" onClick={() => setCancelTarget(selectedJobs)}>
            Cancel {selectedJobs.length} {selectedJobs.length === 1 ? "job" : "jobs"}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </div>
      )}

      {/* Sighted users see the dimmed table; screen readers hear this. No visible line: it would shift the table. */}
      <p role="status" className="sr-only">
        {stale ? "Loading jobs for the new filters…" : ""}
      </p>

      {data && !stale && rows.length === 0 && view.mine ? (
        <div
          role="status"
          className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center"
          data-testid="empty-state"
        >
          <p className="font-medium text-slate-900">
            You have not triggered any jobs through this dashboard{view.bucket ? ` in ${view.bucket}` : ""}.
          </p>
          <Button className="mt-3" size="sm" onClick={() => setFilters({ mine: null })}>
            Show all jobs
          </Button>
        </div>
      ) : data && !stale && rows.length === 0 ? (
        <JobsEmptyState
          view={view}
          page={page}
          canTrigger={canTrigger}
          onRemove={(key) => setFilters(removeFilterPatch(key))}
          onClear={clearFilters}
          onFirstPage={() => void setSearch(FIRST_PAGE)}
        />
      ) : (
        <JobsTable
          jobs={rows}
          loading={loading}
          stale={stale}
          bucket={view.bucket}
          serverNow={data ? Date.parse(data.fetchedAt) || serverNow : serverNow}
          canTrigger={canTrigger}
          selected={selected}
          onSelect={(id, on) =>
            setSelected((prev) => {
              const next = new Set(prev);
              if (on) next.add(id);
              else next.delete(id);
              return next;
            })
          }
          onSelectAll={(on) => setSelected(on ? new Set(rows.filter(isActionable).map((j) => j.JobId)) : new Set())}
          highlighted={highlighted}
          watched={watched}
          onCancel={(job) => setCancelTarget([job])}
          firstRowNumber={(page - 1) * view.size + 1}
          triggeredBy={data?.triggeredBy}
          names={data?.names}
        />
      )}

      <JobsPagination
        page={page}
        size={view.size}
        rows={stale ? 0 : rows.length}
        hasNext={Boolean(data?.nextToken) && !stale && rows.length > 0}
        disabled={stale}
        onPrevious={() => void setSearch(previousPagePatch(view))}
        onNext={() => data?.nextToken && void setSearch(nextPagePatch(view, data.nextToken, data.queriedAt ?? null))}
      />

      {cancelTarget && (
        <CancelJobsDialog
          jobs={cancelTarget}
          bucket={view.bucket}
          open
          onOpenChange={(open) => !open && setCancelTarget(null)}
          onFinished={() => setSelected(new Set())}
        />
      )}
    </div>
  );
}
