/**
 * How a CI failure becomes our HTTP answer, next to the problem type (lib/server/problem.ts): used by every route
 * (with-api.ts), by the trigger's remembered answers and by server-rendered pages (app/(dashboard)/jobs/shown-error.ts).
 */
import type { CiError } from "@/lib/ci/errors";
import type { ErrorCode } from "@/lib/jobs/error-codes";

/** The `error` member of a failed answer, as the browser reads it (lib/query/api-fetch.ts ApiErrorBody). */
export interface CiErrorBody {
  code: ErrorCode;
  message: string;
  requestId?: string;
  retryable: boolean;
  outcomeUnknown?: true;
}

/** HTTP status we answer for a CI failure: CI's own 4xx stay 4xx; CI trouble becomes 502/503/504. */
export function ciErrorStatus(e: CiError): number {
  if (e.outcomeUnknown) return 502;
  if (e.code === "Timeout") return 504;
  if (e.code === "SlowDown") return 503;
  if (e.status === 0 || e.status >= 500) return 502;
  // CI refusing *our* credentials is a server misconfiguration, not the user's fault.
  if (e.status === 401 || e.status === 403) return 502;
  return e.status >= 400 ? e.status : 502;
}

export function ciErrorBody(e: CiError): CiErrorBody {
  const message = e.outcomeUnknown
    ? `CI may or may not have created the job (${e.message}). Look for it in the job list before trying again.`
    : e.message;
  return {
    code: e.code,
    message,
    requestId: e.requestId,
    retryable: e.retryable,
    outcomeUnknown: e.outcomeUnknown || undefined,
  };
}

/** The whole answer (status and body) for a CI failure, as the Idempotency-Key store remembers it. */
export function ciErrorAnswer(e: CiError): { status: number; body: { error: CiErrorBody } } {
  return { status: ciErrorStatus(e), body: { error: ciErrorBody(e) } };
}
