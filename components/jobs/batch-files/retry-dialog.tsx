"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { newIdempotencyKey } from "@/components/trigger/idempotency-key";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { ApiError } from "@/lib/query/api-fetch";
import { postRetry, retryPlanOptions } from "@/lib/query/batch-files";
import { jobKeys } from "@/lib/query/jobs";
import { jobPageHref } from "./file-links";
import { RetryErrorNotice } from "./retry-error";

/**
 * The retry's review step: how many files, where the URL list will be written, the exact XML the trigger sends. One
 * Idempotency-Key per dialog, so a double click or a resend after a lost answer starts at most one batch.
 */
export function RetryDialog({
  jobId,
  bucket,
  open,
  onOpenChange,
}: {
  jobId: string;
  bucket: string | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const plan = useQuery({ ...retryPlanOptions(jobId, bucket), enabled: open });
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<unknown>(null);
  const router = useRouter();
  const queryClient = useQueryClient();

  const confirm = async () => {
    setSending(true);
    setSendError(null);
    try {
      const result = await postRetry(jobId, bucket, idempotencyKey);
      void queryClient.invalidateQueries({ queryKey: jobKeys.all });
      router.push(jobPageHref(result.jobId, bucket));
    } catch (e) {
      setSendError(e);
      setSending(false);
    }
  };

  const p = plan.data;
  const lost = sendError instanceof ApiError && sendError.outcomeUnknown;
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Retry the failed files?"
      description={
        p ? (
          <p>
            A new batch will run the same {p.xml.includes("<WorkflowIds>") ? "workflow" : "operation"} over exactly the{" "}
            <strong data-testid="retry-file-count">{p.fileCount.toLocaleString("en-US")}</strong> failed{" "}
            {p.fileCount === 1 ? "file" : "files"} of this batch.
          </p>
        ) : plan.error ? (
          <p>The retry cannot be prepared.</p>
        ) : (
          <p role="status">Preparing the retry…</p>
        )
      }
      confirmLabel={
        sending
          ? "Starting…"
          : lost
            ? "Try again (same request)"
            : p
              ? `Retry ${p.fileCount.toLocaleString("en-US")} failed ${p.fileCount === 1 ? "file" : "files"}`
              : "Retry"
      }
      confirmDisabled={!p || sending}
      hideConfirm={Boolean(plan.error)}
      onConfirm={() => void confirm()}
    >
      {plan.error ? <RetryErrorNotice error={plan.error} action="plan" /> : null}
      {p && (
        <div className="space-y-3">
          <dl className="grid gap-1 sm:grid-cols-[10rem_1fr]">
            <dt className="font-medium text-slate-700">Files</dt>
            <dd className="tabular-nums">{p.fileCount.toLocaleString("en-US")}</dd>
            <dt className="font-medium text-slate-700">URL list written to</dt>
            <dd className="break-all font-mono text-xs" data-testid="retry-list-key">
              {p.listKey}
            </dd>
          </dl>
          <div>
            <div className="flex items-center justify-between gap-2">
              <h3 className="font-medium text-slate-800">Request body sent to CI</h3>
              <CopyButton value={p.xml} label="Copy retry request XML" />
            </div>
            <div
              role="region"
              aria-label="Retry request XML"
              tabIndex={0}
              className="mt-1 max-h-60 overflow-auto rounded-md bg-slate-900 p-3"
            >
              <pre className="whitespace-pre-wrap break-all font-mono text-xs text-slate-50" data-testid="retry-xml">
                {p.xml}
              </pre>
            </div>
          </div>
          {sendError ? (
            lost ? (
              <p role="alert" className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-amber-950">
                The answer was lost on the way back, so the retry may or may not have started. Trying again sends the
                same request key: CI gets at most one batch.
              </p>
            ) : (
              <RetryErrorNotice error={sendError} action="start" />
            )
          ) : null}
        </div>
      )}
    </ConfirmDialog>
  );
}
