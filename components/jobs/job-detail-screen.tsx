"use client";
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { EyeIcon } from "@/components/ui/icons";
import { Notice } from "@/components/ui/notice";
import { Skeleton } from "@/components/ui/skeleton";
import { xmlText } from "@/lib/jobs/job-view";
import { hasResultElements } from "@/lib/jobs/result-elements";
import { JOB_POLL_MS, jobPollDelay } from "@/lib/jobs/poll-policy";
import { isCancellable, isFinishedState } from "@/lib/jobs/states";
import { setWatched } from "@/lib/jobs/watch-list";
import { ApiError } from "@/lib/query/api-fetch";
import { fetchJob, jobKeys, meQueryOptions } from "@/lib/query/jobs";
import { useFinishedNotifications } from "./job-notifications";
import { duplicateHref } from "./job-links";
import { JobAttributionList, JobAuditTrail } from "./job-audit-history";
import { Section } from "./job-detail-section";
import { InputSection } from "./job-input-section";
import { asRecord, OperationSection } from "./job-operation-section";
import { OtherFieldsSection, RawAnswer } from "./job-other-fields";
import { JobStateBadge } from "./job-state-badge";
import { JobTimeline } from "./job-timeline";
import { PollErrorBanner, type ShownError } from "./poll-error-banner";
import { useJobChanges } from "./use-job-changes";
import { usePolledQuery } from "./use-polled-query";
import { useHydrated } from "./use-now";
import { useWatchList } from "./use-watch-list";
import { DetailsProblemMarker } from "./details-problem-marker";
import { RetryLinksLine } from "./batch-files/retry-links";

// Result blocks are rare on a batch job; their reader and renderer load only for a job that has some.
const JobResults = dynamic(() => import("./job-results").then((m) => m.JobResults), {
  ssr: false,
  loading: () => <Skeleton className="h-16 w-full" />,
});
// Loaded on first use: the dialog's library is the heaviest thing on the page.
const CancelJobsDialog = dynamic(() => import("./cancel-jobs-dialog").then((m) => m.CancelJobsDialog), { ssr: false });
// The files inside the batch (issue 13) come after the job itself: its own chunk, fetched once the page is up.
const BatchFilesSection = dynamic(() => import("./batch-files/batch-files-section").then((m) => m.BatchFilesSection), {
  ssr: false,
  loading: () => <Skeleton className="h-40 w-full" />,
});

/** Everything CI says about one job, refreshed every 3 s until it finishes. */
export function JobDetailScreen({
  jobId,
  bucket,
  initialError,
  serverNow,
}: {
  jobId: string;
  bucket: string | null;
  initialError: ShownError | null;
  serverNow: number;
}) {
  const me = useQuery(meQueryOptions).data;
  // On the server's beat, like the jobs table, so everyone watching this job shares one CI call per poll.
  const { query, failures } = usePolledQuery({
    queryKey: jobKeys.detail(jobId, bucket),
    fetch: (signal) => fetchJob(jobId, bucket, signal),
    serverNow,
    nextDelay: (q) =>
      q.error instanceof ApiError && q.error.code === "NoSuchJob"
        ? false
        : jobPollDelay({ state: q.data?.job.State, failures: q.failures }),
  });
  const [cancelOpen, setCancelOpen] = useState(false);
  const data = query.data;
  const job = data?.job;
  const jobs = useMemo(() => (job ? [job] : undefined), [job]);
  const highlighted = useJobChanges(jobs);
  useFinishedNotifications(jobs, bucket);
  const watched = useWatchList().includes(jobId);
  const hydrated = useHydrated();

  const err = query.error instanceof ApiError ? query.error : null;
  if (err?.code === "NoSuchJob") {
    return (
      <Notice tone="warning" role="alert" title="This job no longer exists">
        CI answered that job <code>{jobId}</code> does not exist{bucket ? ` in ${bucket}` : ""}.{" "}
        <Link href="/jobs" className="underline">
          Back to the jobs
        </Link>
      </Notice>
    );
  }
  const shownError: ShownError | null = err
    ? { code: err.code, message: err.message, requestId: err.requestId, status: err.status }
    : query.error
      ? { code: "Error", message: query.error.message }
      : !data && initialError
        ? initialError
        : null;
  const retryIn = jobPollDelay({ state: undefined, failures });

  const canTrigger = me?.canTrigger ?? false;
  const op = asRecord(job?.Operation) ?? {};
  const hasResults = hasResultElements(op);
  const finished = job ? isFinishedState(job.State) : false;

  return (
    <div className="space-y-4" data-hydrated={hydrated ? "true" : "false"}>
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link
          href={bucket ? `/jobs?bucket=${encodeURIComponent(bucket)}` : "/jobs"}
          className="text-blue-800 underline-offset-2 hover:underline"
        >
          ← All jobs
        </Link>
      </nav>

      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-semibold text-slate-950">
            {job ? job.Name || "(no name)" : "Batch job"}
          </h1>
          {job && <DetailsProblemMarker problem={job.detailsProblem} long />}
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <span>JobId</span>
            <code className="break-all font-mono text-xs">{jobId}</code>
            <CopyButton value={jobId} label={`Copy JobId ${jobId}`} />
            {job && (
              <span
                data-testid="detail-state"
                data-state={job.State}
                data-changed={highlighted.has(jobId) ? "true" : undefined}
                className={highlighted.has(jobId) ? "rounded bg-yellow-100" : ""}
              >
                <JobStateBadge state={job.State} />
              </span>
            )}
            {job && !finished && <span className="text-slate-600">· refreshing every {JOB_POLL_MS / 1000} s</span>}
          </p>
          <RetryLinksLine links={data?.retryLinks} bucket={bucket} />
        </div>
        {job && (
          <div className="flex flex-wrap gap-2">
            <Button size="sm" variant="ghost" aria-pressed={watched} onClick={() => setWatched(jobId, !watched)}>
              <EyeIcon className="h-4 w-4" /> {watched ? "Watching" : "Watch"}
            </Button>
            {canTrigger && (
              <Link href={duplicateHref(jobId, bucket)} className={buttonClasses({ variant: "secondary", size: "sm" })}>
                Duplicate
              </Link>
            )}
            {canTrigger && isCancellable(job.State) && (
              <Button size="sm" variant="danger" onClick={() => setCancelOpen(true)}>
                Cancel job
              </Button>
            )}
          </div>
        )}
      </div>

      {shownError && (
        <PollErrorBanner
          error={shownError}
          hasData={Boolean(job)}
          retryInMs={finished && !err ? false : retryIn}
          onRetry={() => void query.refetch()}
        />
      )}

      {!job && !shownError && (
        <div className="space-y-3" aria-busy="true">
          <Skeleton className="h-24 w-full" />
          <Skeleton className="h-40 w-full" />
        </div>
      )}

      {job && (
        <>
          {job.State === "Failed" && (
            <Notice tone="error" title="CI reports this job failed" data-testid="failure">
              <p>
                <strong className="font-mono">{job.Code || "(no code)"}</strong>
                {job.Message ? `: ${job.Message}` : ""}
              </p>
            </Notice>
          )}

          <div className="grid gap-4 lg:grid-cols-2">
            <Section title="State and timeline" id="sec-timeline">
              <JobTimeline job={job} serverNow={serverNow} />
              <div className="mt-4 border-t border-slate-200 pt-3">
                <JobAttributionList history={data.history ?? null} cancelled={job.State === "Cancel"} />
              </div>
            </Section>

            <InputSection job={job} />
          </div>

          <BatchFilesSection
            jobId={jobId}
            bucket={bucket}
            finished={finished}
            canTrigger={canTrigger}
            serverNow={serverNow}
          />

          <Section title="Audit trail" id="sec-audit">
            <JobAuditTrail jobId={jobId} history={data.history ?? null} />
          </Section>

          <OperationSection job={job} op={op} names={data.names} />

          {hasResults && (
            <Section title="Results" id="sec-results">
              <JobResults operation={op} />
            </Section>
          )}

          <Section title="UserData" id="sec-userdata">
            {"UserData" in op ? (
              <p className="break-all whitespace-pre-wrap">
                {xmlText(op.UserData) || <span className="text-slate-500">(empty)</span>}
              </p>
            ) : (
              <p className="text-slate-600">None</p>
            )}
          </Section>

          <OtherFieldsSection job={job} />

          <RawAnswer data={data} />

          {cancelOpen && <CancelJobsDialog jobs={jobs ?? []} bucket={bucket} open onOpenChange={setCancelOpen} />}
        </>
      )}
    </div>
  );
}
