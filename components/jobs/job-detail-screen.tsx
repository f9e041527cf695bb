"use client";
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useMemo, useState, type ReactNode } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { EyeIcon } from "@/components/ui/icons";
import { Notice } from "@/components/ui/notice";
import { Skeleton } from "@/components/ui/skeleton";
import { idsOf, jobRefs } from "@/lib/jobs/ci-names";
import { inputSummary, xmlText } from "@/lib/jobs/job-view";
import { hasResultElements, isResultElement } from "@/lib/jobs/result-elements";
import { JOB_POLL_MS, jobPollDelay } from "@/lib/jobs/poll-policy";
import { isCancellable, isFinishedState } from "@/lib/jobs/states";
import { setWatched } from "@/lib/jobs/watch-list";
import { ApiError } from "@/lib/query/api-fetch";
import { fetchJob, jobKeys, meQueryOptions } from "@/lib/query/jobs";
import { CiRefList, CiRefName } from "./ci-ref-name";
import { useFinishedNotifications } from "./job-notifications";
import { duplicateHref } from "./job-links";
import { JobAttributionList, JobAuditTrail } from "./job-audit-history";
import { JobStateBadge } from "./job-state-badge";
import { JobTimeline } from "./job-timeline";
import { PollErrorBanner, type ShownError } from "./poll-error-banner";
import { useJobChanges } from "./use-job-changes";
import { usePolledQuery } from "./use-polled-query";
import { useHydrated } from "./use-now";
import { useWatchList } from "./use-watch-list";
import { XmlValue, XmlValueList } from "./xml-value-list";
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

const CALLBACK_KEYS = [
  "CallBack",
  "CallBackFormat",
  "CallBackType",
  "CallBackMqConfig",
  "CallBackKafkaConfig",
] as const;
const KNOWN_OPERATION = new Set([
  "WorkflowIds",
  "TimeInterval",
  "Tag",
  "JobParam",
  "Output",
  "QueueId",
  "QueueType",
  "JobLevel",
  "UserData",
  ...CALLBACK_KEYS,
]);
const KNOWN_JOB = new Set([
  "JobId",
  "Name",
  "Type",
  "State",
  "Code",
  "Message",
  "CreationTime",
  "StartTime",
  "EndTime",
  "Progress",
  "Tag",
  "QueueId",
  "Input",
  "Operation",
  "detailsProblem",
]);

function Section({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-base font-semibold text-slate-950">
        {title}
      </h2>
      <div className="mt-3 text-sm">{children}</div>
    </section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="min-w-0 text-slate-900">{children}</dd>
    </div>
  );
}

const dlClass = "grid grid-cols-1 gap-x-4 gap-y-1.5 sm:grid-cols-[minmax(8rem,max-content)_1fr]";

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

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
  const input = job ? inputSummary(job) : null;
  const otherOp = Object.fromEntries(
    Object.entries(op).filter(([k]) => !KNOWN_OPERATION.has(k) && !isResultElement(k)),
  );
  const hasResults = hasResultElements(op);
  const jobParamRecord = asRecord(op.JobParam);
  const jobParamShown = jobParamRecord
    ? Object.fromEntries(Object.entries(jobParamRecord).filter(([k]) => !isResultElement(k)))
    : op.JobParam;
  const otherJob = job ? Object.fromEntries(Object.entries(job).filter(([k]) => !KNOWN_JOB.has(k))) : {};
  const callbacks = CALLBACK_KEYS.filter((k) => k in op);
  const finished = job ? isFinishedState(job.State) : false;
  const templateRefs = job ? jobRefs(job).filter((r) => r.kind === "templates") : [];

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

            <Section title="Input" id="sec-input">
              <dl className={dlClass}>
                <Field label="Type">{job.Type ?? "–"}</Field>
                {input ? (
                  <Field label={input.kind}>
                    <span className="break-all font-mono text-xs">{input.value || "(empty)"}</span>
                  </Field>
                ) : null}
                {job.Input &&
                  Object.keys(job.Input)
                    .filter((k) => k !== input?.kind)
                    .map((k) => (
                      <Field key={k} label={k}>
                        <XmlValue value={job.Input?.[k]} />
                      </Field>
                    ))}
                {!job.Input && (
                  <Field label="Input">
                    <span className="text-slate-500">(not reported)</span>
                  </Field>
                )}
              </dl>
            </Section>
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

          <Section title="Operation" id="sec-operation">
            <dl className={dlClass}>
              {"WorkflowIds" in op && (
                <Field label="WorkflowIds">
                  <CiRefList names={data.names} kind="workflows" ids={idsOf(op.WorkflowIds)} />
                </Field>
              )}
              {("Tag" in op || job.Tag) && <Field label="Tag">{xmlText(op.Tag) || job.Tag}</Field>}
              {("QueueId" in op || job.QueueId) && (
                <Field label="QueueId">
                  <CiRefName names={data.names} kind="queues" id={xmlText(op.QueueId) || job.QueueId || ""} />
                </Field>
              )}
              {templateRefs.map((r) => (
                <Field key={`${r.path}:${r.id}`} label={r.path.replace("Operation.JobParam.", "")}>
                  <CiRefName names={data.names} kind="templates" id={r.id} />
                </Field>
              ))}
              {"QueueType" in op && <Field label="QueueType">{xmlText(op.QueueType)}</Field>}
              {"TimeInterval" in op && (
                <Field label="TimeInterval">
                  <XmlValue value={op.TimeInterval} />
                </Field>
              )}
              {"JobLevel" in op && (
                <Field label="JobLevel">
                  {xmlText(op.JobLevel)} <span className="text-slate-600">(0 lowest – 2 highest)</span>
                </Field>
              )}
            </dl>
            {"JobParam" in op && (
              <div className="mt-4">
                <h3 className="font-semibold text-slate-900">JobParam</h3>
                <div className="mt-2">
                  <XmlValue value={jobParamShown} />
                </div>
              </div>
            )}
            {"Output" in op && (
              <div className="mt-4">
                <h3 className="font-semibold text-slate-900">Output</h3>
                <div className="mt-2">
                  <XmlValue value={op.Output} />
                </div>
              </div>
            )}
            {callbacks.length > 0 && (
              <div className="mt-4">
                <h3 className="font-semibold text-slate-900">Callback</h3>
                <dl className={`mt-2 ${dlClass}`}>
                  {callbacks.map((k) => (
                    <Field key={k} label={k}>
                      <XmlValue value={op[k]} />
                    </Field>
                  ))}
                </dl>
              </div>
            )}
            {Object.keys(otherOp).length > 0 && (
              <div className="mt-4">
                <h3 className="font-semibold text-slate-900">Other operation fields</h3>
                <div className="mt-2">
                  <XmlValueList value={otherOp} />
                </div>
              </div>
            )}
          </Section>

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

          {(Object.keys(otherJob).length > 0 || (job.State !== "Failed" && (job.Code || job.Message))) && (
            <Section title="Other fields from CI" id="sec-other">
              <XmlValueList
                value={{ ...(job.State !== "Failed" ? { Code: job.Code, Message: job.Message } : {}), ...otherJob }}
              />
            </Section>
          )}

          <details className="rounded-lg border border-slate-200 bg-white p-4">
            <summary className="cursor-pointer font-semibold text-slate-900">Raw answer from CI</summary>
            <p className="mt-2 text-xs text-slate-600">
              RequestId: <code className="select-all">{data.requestId}</code>
            </p>
            <h3 className="mt-3 text-sm font-semibold">JSON</h3>
            <pre tabIndex={0} className="mt-1 max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
              {JSON.stringify(job, null, 2)}
            </pre>
            <h3 className="mt-3 text-sm font-semibold">XML</h3>
            <pre tabIndex={0} className="mt-1 max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
              {data.rawXml || "(not available)"}
            </pre>
          </details>

          {cancelOpen && <CancelJobsDialog jobs={jobs ?? []} bucket={bucket} open onOpenChange={setCancelOpen} />}
        </>
      )}
    </div>
  );
}
