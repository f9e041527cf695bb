"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { Notice } from "@/components/ui/notice";
import { Skeleton } from "@/components/ui/skeleton";
import { FILE_END_STATES, type BatchFileDetail, type FileStep } from "@/lib/jobs/batch-files";
import { formatDuration } from "@/lib/jobs/job-view";
import { ApiError } from "@/lib/query/api-fetch";
import { batchFileOptions } from "@/lib/query/batch-files";
import { JobStateBadge } from "../job-state-badge";
import { jobPageHref } from "./file-links";
import { FileTime } from "./file-time";

const POLL_MS = 3_000;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

const dlClass = "grid grid-cols-1 gap-x-4 gap-y-1.5 text-sm sm:grid-cols-[minmax(8rem,max-content)_1fr]";

function ErrorLine({ code, message }: { code?: string; message?: string }) {
  if (!code && !message) return null;
  return (
    <p className="mt-1 text-sm text-red-950" data-testid="step-error">
      {code && <strong className="font-mono">{code}</strong>}
      {code && message ? ": " : ""}
      {message}
    </p>
  );
}

function Step({ step, index }: { step: FileStep; index: number }) {
  return (
    <li className="rounded-md border border-slate-200 p-3" data-testid="file-step" data-state={step.state}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-semibold text-slate-900">
          {index + 1}. {step.name || step.type}
        </span>
        {step.name && <span className="text-xs text-slate-600">{step.type}</span>}
        <JobStateBadge state={step.state} />
      </div>
      <ErrorLine code={step.code} message={step.message} />
      <dl className={`mt-2 ${dlClass}`}>
        {step.jobId && (
          <Field label="Media JobId">
            <code className="break-all font-mono text-xs">{step.jobId}</code>
          </Field>
        )}
        {(step.templateName || step.templateId) && (
          <Field label="Template">
            {step.templateName ?? ""} {step.templateId && <code className="font-mono text-xs">{step.templateId}</code>}
          </Field>
        )}
        <Field label="Created">
          <FileTime at={step.createdAt} />
        </Field>
        <Field label="Ended">
          <FileTime at={step.endedAt} />
        </Field>
        {step.outputs?.length ? (
          <Field label="Outputs">
            <ul>
              {step.outputs.map((o) => (
                <li key={o} className="break-all font-mono text-xs">
                  {o}
                </li>
              ))}
            </ul>
          </Field>
        ) : null}
      </dl>
    </li>
  );
}

function Detail({ file }: { file: BatchFileDetail }) {
  return (
    <>
      {file.state === "Failed" && (
        <Notice tone="error" title="CI reports this file failed" data-testid="file-failure">
          <p>
            <strong className="font-mono" data-testid="file-error-code">
              {file.code || "(no code)"}
            </strong>
            {file.message ? `: ${file.message}` : ""}
          </p>
        </Notice>
      )}
      <section aria-labelledby="file-summary" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="file-summary" className="text-base font-semibold text-slate-950">
          {file.kind === "workflowInstance" ? "Workflow instance" : "Media job"}
        </h2>
        <dl className={`mt-3 ${dlClass}`}>
          <Field label="State">
            <JobStateBadge state={file.state} />
          </Field>
          <Field label={file.kind === "workflowInstance" ? "RunId" : "JobId"}>
            <code className="break-all font-mono text-xs">{file.id}</code>{" "}
            <CopyButton value={file.id} label={`Copy ${file.id}`} />
          </Field>
          {(file.workflowName || file.workflowId) && (
            <Field label="Workflow">
              {file.workflowName ?? ""}{" "}
              {file.workflowId && <code className="font-mono text-xs">{file.workflowId}</code>}
            </Field>
          )}
          <Field label="Created">
            <FileTime at={file.createdAt} />
          </Field>
          <Field label="Started">
            <FileTime at={file.startedAt} />
          </Field>
          <Field label="Ended">
            <FileTime at={file.endedAt} />
          </Field>
          <Field label="Duration">{file.durationMs !== undefined ? formatDuration(file.durationMs) : "–"}</Field>
          {file.outputs?.length ? (
            <Field label="Outputs">
              <ul>
                {file.outputs.map((o) => (
                  <li key={o} className="break-all font-mono text-xs">
                    {o}
                  </li>
                ))}
              </ul>
            </Field>
          ) : null}
          <Field label="RequestId">
            <code className="select-all break-all font-mono text-xs">{file.requestId}</code>
          </Field>
        </dl>
      </section>
      <section aria-labelledby="file-steps" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="file-steps" className="text-base font-semibold text-slate-950">
          {file.kind === "workflowInstance" ? "Steps" : "Media job"}
        </h2>
        {file.steps.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">CI reports no steps for this file yet.</p>
        ) : (
          <ol className="mt-3 space-y-3">
            {file.steps.map((s, i) => (
              <Step key={`${i}:${s.jobId ?? s.type}`} step={s} index={i} />
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

/** One file of a batch: its state and CI's error, and each step of its workflow instance (or its media job). */
export function FileDetailScreen({ jobId, fileId, bucket }: { jobId: string; fileId: string; bucket: string | null }) {
  const query = useQuery({
    ...batchFileOptions(jobId, fileId, bucket),
    retry: false,
    // A file that has not ended yet keeps moving: follow it like the job page follows its job.
    refetchInterval: (q) =>
      q.state.data && !(FILE_END_STATES as readonly string[]).includes(q.state.data.state) ? POLL_MS : false,
  });
  const file = query.data;
  const err = query.error instanceof ApiError ? query.error : null;
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={jobPageHref(jobId, bucket)} className="text-blue-800 underline-offset-2 hover:underline">
          ← Job {jobId}
        </Link>
      </nav>
      <div>
        <h1 className="break-all text-2xl font-semibold text-slate-950">
          {file ? file.object || "(no object)" : "File"}
        </h1>
        <p className="mt-1 text-sm text-slate-700">
          A file of batch job <code className="font-mono text-xs">{jobId}</code>
        </p>
      </div>
      {query.error && (
        <Notice
          tone="error"
          role="alert"
          title={err?.status === 404 ? "This file is not part of the job" : "Could not load this file"}
        >
          <p>
            <strong className="font-mono">{err?.code ?? "Error"}</strong>: {query.error.message}
          </p>
          {err?.requestId && <p className="mt-0.5 font-mono text-xs">RequestId: {err.requestId}</p>}
        </Notice>
      )}
      {!file && !query.error && (
        <div aria-busy="true" className="space-y-3">
          <Skeleton className="h-24 w-full" />
          <Skeleton className="h-40 w-full" />
        </div>
      )}
      {file && <Detail file={file} />}
    </div>
  );
}
