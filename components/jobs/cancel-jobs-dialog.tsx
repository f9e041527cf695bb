"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { cancelPlan, mapWithConcurrency } from "@/lib/jobs/job-view";
import { ApiError } from "@/lib/query/api-fetch";
import { cancelJob, jobKeys } from "@/lib/query/jobs";

const CONCURRENCY = 3;

type Outcome =
  | { kind: "cancelled"; requestId: string }
  | { kind: "skipped"; reason: string }
  | { kind: "failed"; code: string; message: string; requestId?: string };

interface Row {
  job: JobDetail;
  outcome?: Outcome;
}

function outcomeOf(result: PromiseSettledResult<{ requestId: string }>): Outcome {
  if (result.status === "fulfilled") return { kind: "cancelled", requestId: result.value.requestId };
  const e = result.reason;
  if (e instanceof ApiError && e.code === "JobFinished") return { kind: "skipped", reason: e.message };
  if (e instanceof ApiError) return { kind: "failed", code: e.code, message: e.message, requestId: e.requestId };
  return { kind: "failed", code: "Error", message: e instanceof Error ? e.message : String(e) };
}

function OutcomeText({ outcome }: { outcome: Outcome }) {
  switch (outcome.kind) {
    case "cancelled":
      return (
        <span className="text-green-800">
          Cancelled <span className="text-slate-600">(RequestId {outcome.requestId})</span>
        </span>
      );
    case "skipped":
      return <span className="text-slate-700">Skipped: {outcome.reason}</span>;
    case "failed":
      return (
        <span className="text-red-800">
          Failed: {outcome.code} — {outcome.message}
          {outcome.requestId && <span className="text-slate-600"> (RequestId {outcome.requestId})</span>}
        </span>
      );
  }
}

/**
 * Confirms and runs the cancellation of one or many jobs: says how many will be cancelled and how many are skipped
 * (already finished), sends at most three cancels at a time, then lists what happened to each job.
 */
export function CancelJobsDialog({
  jobs,
  bucket,
  open,
  onOpenChange,
  onFinished,
}: {
  jobs: readonly JobDetail[];
  bucket: string | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onFinished?: () => void;
}) {
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<"confirm" | "running" | "done">("confirm");
  const [rows, setRows] = useState<Row[]>([]);
  const { cancellable, skipped } = cancelPlan(jobs);

  const close = (next: boolean) => {
    if (phase === "running") return; // keep the dialog until every request has an answer
    onOpenChange(next);
    if (!next) {
      if (phase === "done") onFinished?.();
      setPhase("confirm");
      setRows([]);
    }
  };

  const run = async () => {
    setPhase("running");
    const initial: Row[] = [
      ...cancellable.map((job) => ({ job })),
      ...skipped.map((job) => ({ job, outcome: { kind: "skipped", reason: `already ${job.State}` } as Outcome })),
    ];
    setRows(initial);
    await mapWithConcurrency(cancellable, CONCURRENCY, async (job) => {
      const [result] = await Promise.allSettled([cancelJob(job.JobId, bucket)]);
      const outcome = outcomeOf(result!);
      setRows((prev) => prev.map((r) => (r.job.JobId === job.JobId ? { ...r, outcome } : r)));
    });
    setPhase("done");
    await queryClient.invalidateQueries({ queryKey: jobKeys.all });
  };

  const single = jobs.length === 1 ? jobs[0] : undefined;
  const counts = {
    cancelled: rows.filter((r) => r.outcome?.kind === "cancelled").length,
    skipped: rows.filter((r) => r.outcome?.kind === "skipped").length,
    failed: rows.filter((r) => r.outcome?.kind === "failed").length,
  };

  const title =
    phase === "done"
      ? "Cancel summary"
      : single
        ? `Cancel job ${single.Name || single.JobId}?`
        : `Cancel ${jobs.length} jobs?`;

  const description =
    phase === "confirm" ? (
      cancellable.length === 0 ? (
        <p>
          None of the selected jobs can be cancelled: {skipped.length === 1 ? "it has" : "they have"} already finished.
        </p>
      ) : (
        <p>
          <strong>{cancellable.length}</strong> {cancellable.length === 1 ? "job" : "jobs"} will be cancelled
          {skipped.length > 0 && (
            <>
              ; <strong>{skipped.length}</strong> {skipped.length === 1 ? "is" : "are"} skipped (already finished)
            </>
          )}
          . CI stops work in progress; this cannot be undone.
        </p>
      )
    ) : phase === "running" ? (
      <p role="status">
        Cancelling… {rows.filter((r) => r.outcome).length} of {rows.length} done.
      </p>
    ) : (
      <p role="status">
        {counts.cancelled} cancelled, {counts.skipped} skipped, {counts.failed} failed.
      </p>
    );

  return (
    <ConfirmDialog
      open={open}
      onOpenChange={close}
      title={title}
      description={description}
      tone="danger"
      confirmLabel={cancellable.length === 1 ? "Cancel 1 job" : `Cancel ${cancellable.length} jobs`}
      cancelLabel={phase === "done" ? "Close" : "Keep running"}
      confirmDisabled={phase !== "confirm" || cancellable.length === 0}
      hideConfirm={phase === "done"}
      onConfirm={() => void run()}
    >
      {phase === "confirm" && !single && (
        <ul className="max-h-48 list-disc overflow-y-auto pl-5 text-slate-700">
          {jobs.map((j) => (
            <li key={j.JobId}>
              {j.Name || "(no name)"} <code className="text-xs">{j.JobId}</code> — {j.State}
              {!cancellable.includes(j) && <span className="text-slate-600"> (skipped)</span>}
            </li>
          ))}
        </ul>
      )}
      {phase !== "confirm" && (
        <ul aria-label="What happened to each job" className="max-h-64 space-y-1.5 overflow-y-auto">
          {rows.map((r) => (
            <li
              key={r.job.JobId}
              data-job-id={r.job.JobId}
              data-outcome={r.outcome?.kind ?? "pending"}
              className="rounded border border-slate-200 px-2 py-1.5"
            >
              <span className="font-medium">{r.job.Name || "(no name)"}</span>{" "}
              <code className="text-xs">{r.job.JobId}</code>
              <br />
              {r.outcome ? <OutcomeText outcome={r.outcome} /> : <span className="text-slate-600">Waiting…</span>}
            </li>
          ))}
        </ul>
      )}
    </ConfirmDialog>
  );
}
