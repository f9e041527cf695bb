"use client";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ErrorCode } from "@/lib/jobs/error-codes";

export interface ShownError {
  code: ErrorCode;
  message: string;
  requestId?: string;
  status?: number;
}

/**
 * Says that the last refresh failed without hiding what we already have: CI's code, message and RequestId (the
 * thing support asks for), how old the rows on screen are, and when we try again.
 */
export function PollErrorBanner({
  error,
  hasData,
  retryInMs,
  onRetry,
}: {
  error: ShownError;
  hasData: boolean;
  retryInMs: number | false;
  onRetry: () => void;
}) {
  return (
    <Notice
      tone="error"
      role="alert"
      data-testid="poll-error"
      title={hasData ? "Could not refresh the job list" : "Could not load the job list"}
    >
      <p>
        <strong>{error.code}</strong>: {error.message}
      </p>
      {error.requestId && (
        <p className="mt-0.5">
          RequestId: <code className="select-all break-all font-mono text-xs">{error.requestId}</code>
        </p>
      )}
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <span>
          {hasData ? "The rows below are from the last successful refresh. " : ""}
          {retryInMs ? `Trying again in about ${Math.round(retryInMs / 1000)} s.` : "Live updates are paused."}
        </span>
        <Button size="sm" variant="secondary" onClick={onRetry}>
          Try again now
        </Button>
      </div>
    </Notice>
  );
}
