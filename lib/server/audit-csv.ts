import { refCsvCells, requestRefs, type CiNames } from "@/lib/jobs/ci-names";
import type { AuditEntry } from "./audit-types";

export const AUDIT_CSV_COLUMNS = [
  "id", "at", "actor", "actor_groups", "action", "bucket", "job_id",
  // From the request: each workflow, queue and template ID with its name beside it (lib/jobs/ci-names.ts).
  "workflow_ids", "workflow_names", "queue_id", "queue_name", "template_ids", "template_names", "outcome", "finished_at", "ci_request_id",
  "error_code", "error_message", "idempotency_key", "reconciled_at", "reconcile_note", "request",
] as const;

/**
 * One CSV field. Quoted when needed; a leading = + - @ (or tab/CR) gets a ' so that a spreadsheet shows the text
 * instead of running it as a formula (job names and error messages come from users and CI).
 */
export function csvField(value: string | null | undefined): string {
  let s = value ?? "";
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function auditCsvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.join(",")}\r\n`;
}

export function auditCsvRow(e: AuditEntry, names?: CiNames): string {
  const cells = [
    e.id, e.at, e.actor, e.actorGroups.join(";"), e.action, e.bucket, e.jobId, ...refCsvCells(requestRefs(e.request), names), e.outcome, e.finishedAt, e.ciRequestId,
    e.errorCode, e.errorMessage, e.idempotencyKey, e.reconciledAt, e.reconcileNote, e.request === null ? "" : JSON.stringify(e.request),
  ];
  return `${cells.map(csvField).join(",")}\r\n`;
}
