import "server-only";
import type { CiError } from "@/lib/ci/errors";
import { recordIntent, recordOutcome } from "../audit";
import type { Identity } from "../identity";
import { logEvent } from "../logger";
import { countAuditFailure, countJobChange } from "../metrics";
import { ApiProblem } from "../problem";

export type ChangeOutcome = Parameters<typeof recordOutcome>[1];

/**
 * Who is about to do what, written BEFORE CI is called: a crash in between leaves a pending row, never nothing.
 * Without the audit store we refuse the change rather than make it unattributed.
 */
export async function writeIntent(input: {
  identity: Identity;
  action: "trigger" | "cancel";
  bucket: string;
  request?: unknown;
  jobId?: string;
  idempotencyKey?: string;
}) {
  try {
    return await recordIntent({
      actor: input.identity.id,
      actorGroups: input.identity.groups,
      action: input.action,
      bucket: input.bucket,
      request: input.request,
      jobId: input.jobId,
      idempotencyKey: input.idempotencyKey,
    });
  } catch (e) {
    countAuditFailure("intent");
    logEvent({
      level: "error",
      event: "audit-intent-failed",
      error: e instanceof Error ? e.message.slice(0, 200) : "unknown",
    });
    throw new ApiProblem(
      503,
      "AuditUnavailable",
      "The audit log is unavailable, so nothing was sent to CI. Try again in a moment.",
      { extra: { retryable: true } },
    );
  }
}

/** CI's answer, written after the call. A failure here must not turn a created job into an error for the user. */
export async function writeOutcome(auditId: string, result: ChangeOutcome, action: "trigger" | "cancel") {
  countJobChange(action, result.outcome);
  try {
    await recordOutcome(auditId, result);
  } catch (e) {
    countAuditFailure("outcome");
    logEvent({
      level: "error",
      event: "audit-outcome-failed",
      auditId,
      error: e instanceof Error ? e.message.slice(0, 200) : "unknown",
    });
  }
}

export function failureOutcome(e: CiError): ChangeOutcome {
  return e.outcomeUnknown
    ? { outcome: "unknown", ciRequestId: e.requestId, errorCode: e.code, errorMessage: e.message }
    : { outcome: "error", ciRequestId: e.requestId, errorCode: e.code, errorMessage: e.message };
}
