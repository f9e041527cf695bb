"use client";
/**
 * The files inside a batch on the job page: counts by state (with a progress bar while it runs), the per-file table
 * with a state filter, exact-name search and cursor paging, the failed-files CSV and the retry of the failed files.
 * Loaded after the page (components/jobs/job-detail-screen.tsx), so the page's first JavaScript does not grow.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { RefreshIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { cursorNext, cursorPrevious, FIRST_PAGE, type FileCursor } from "@/lib/jobs/batch-files-view";
import { ApiError } from "@/lib/query/api-fetch";
import { batchFilesKeys, fetchBatchFiles, FILES_PAGE_SIZE, type BatchFilesParams } from "@/lib/query/batch-files";
import { JobsPagination } from "../jobs-pagination";
import { PollErrorBanner } from "../poll-error-banner";
import { useServerBeat } from "../use-server-beat";
import { ExportFailedFilesButton } from "./export-failed-files-button";
import { FileCountsSummary } from "./file-counts";
import { FilesTable } from "./files-table";
import { FilesToolbar } from "./files-toolbar";

// The review dialog (Radix + the plan) loads when someone asks for a retry.
const RetryDialog = dynamic(() => import("./retry-dialog").then((m) => m.RetryDialog), { ssr: false });

const POLL_MS = 3_000;
const MAX_BACKOFF_MS = 30_000;

export interface BatchFilesSectionProps {
  jobId: string;
  bucket: string | null;
  /** The batch has ended (Success, Failed, Cancel): counts stop moving once the counter says they are complete. */
  finished: boolean;
  /** Operators may retry (the same rule as Cancel and Duplicate). */
  canTrigger: boolean;
  serverNow: number;
}

export function BatchFilesSection({ jobId, bucket, finished, canTrigger, serverNow }: BatchFilesSectionProps) {
  const [state, setState] = useState("");
  const [object, setObject] = useState("");
  const [cursor, setCursor] = useState<FileCursor>(FIRST_PAGE);
  const [retryOpen, setRetryOpen] = useState(false);
  const failures = useRef(0);
  // On the server's beat, like the job itself, so everyone watching this batch shares the server's pass.
  const untilBeat = useServerBeat(serverNow);

  const params: BatchFilesParams = {
    states: state ? [state] : [],
    object: object || undefined,
    size: FILES_PAGE_SIZE,
    nextToken: cursor.token,
  };
  const query = useQuery({
    queryKey: batchFilesKeys.list(jobId, bucket, params),
    queryFn: async ({ signal }) => {
      try {
        const r = await fetchBatchFiles(jobId, bucket, params, signal);
        failures.current = 0;
        return r;
      } catch (e) {
        if (!signal.aborted) failures.current += 1;
        throw e;
      }
    },
    placeholderData: keepPreviousData,
    retry: false,
    refetchInterval: (q) => {
      const data = q.state.data;
      // A finished batch whose counts are final never changes again.
      if (finished && data?.countsComplete && failures.current === 0) return false;
      if (
        q.state.error instanceof ApiError &&
        q.state.error.status >= 400 &&
        q.state.error.status < 500 &&
        q.state.error.status !== 429
      )
        return false;
      return failures.current ? Math.min(POLL_MS * 2 ** failures.current, MAX_BACKOFF_MS) : untilBeat(POLL_MS);
    },
    refetchIntervalInBackground: false,
  });

  const data = query.data;
  const err = query.error instanceof ApiError ? query.error : null;
  const failed = data?.counts.Failed ?? 0;
  const showRetry = canTrigger && finished && data?.countsComplete === true && failed > 0;
  const page = cursor.back.length + 1;
  const changeFilter = (next: () => void) => {
    next();
    setCursor(FIRST_PAGE);
  };

  return (
    <section
      aria-labelledby="sec-files"
      className="rounded-lg border border-slate-200 bg-white p-4"
      data-testid="batch-files"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="sec-files" className="text-base font-semibold text-slate-950">
          Files
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          {failed > 0 && <ExportFailedFilesButton jobId={jobId} bucket={bucket} />}
          {showRetry && (
            <Button size="sm" variant="primary" onClick={() => setRetryOpen(true)}>
              <RefreshIcon className="h-4 w-4" /> Retry failed files
            </Button>
          )}
        </div>
      </div>

      <div className="mt-3 space-y-4 text-sm">
        {query.error && (
          <PollErrorBanner
            error={
              err
                ? { code: err.code, message: err.message, requestId: err.requestId, status: err.status }
                : { code: "Error", message: query.error.message }
            }
            hasData={Boolean(data)}
            retryInMs={failures.current ? Math.min(POLL_MS * 2 ** failures.current, MAX_BACKOFF_MS) : false}
            onRetry={() => void query.refetch()}
          />
        )}
        {!data && !query.error && (
          <div aria-busy="true" className="space-y-2">
            <Skeleton className="h-6 w-48" />
            <Skeleton className="h-32 w-full" />
          </div>
        )}
        {data && (
          <>
            <FileCountsSummary
              counts={data.counts}
              complete={data.countsComplete}
              running={!finished}
              countsAt={data.countsAt}
            />
            <FilesToolbar
              state={state}
              object={object}
              onState={(s) => changeFilter(() => setState(s))}
              onObject={(o) => changeFilter(() => setObject(o))}
            />
            {data.items.length > 0 ? (
              <FilesTable jobId={jobId} bucket={bucket} items={data.items} />
            ) : (
              <p
                className="rounded-md border border-dashed border-slate-300 p-4 text-slate-700"
                data-testid="files-empty"
              >
                {object
                  ? `No file with the key “${object}” in this batch${state ? ` in state ${state}` : ""}.`
                  : state
                    ? `No files in state ${state}${page > 1 ? " on this page" : ""}.`
                    : finished
                      ? "This batch has no files."
                      : "No files yet."}
              </p>
            )}
            <JobsPagination
              page={page}
              size={FILES_PAGE_SIZE}
              rows={data.items.length}
              hasNext={Boolean(data.nextToken)}
              onPrevious={() => setCursor((c) => cursorPrevious(c))}
              onNext={() => data.nextToken && setCursor((c) => cursorNext(c, data.nextToken!))}
              disabled={query.isFetching && query.isPlaceholderData}
              noun="files"
            />
            <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600">
              {data.countsAt ? `Counts as of ${new Date(data.countsAt).toLocaleTimeString()}` : "Not counted yet"}
              {!(finished && data.countsComplete) && " · refreshing every 3 s"}
              <span className="select-all font-mono">RequestId {data.requestId}</span>
            </p>
          </>
        )}
      </div>
      {retryOpen && <RetryDialog jobId={jobId} bucket={bucket} open onOpenChange={setRetryOpen} />}
    </section>
  );
}
