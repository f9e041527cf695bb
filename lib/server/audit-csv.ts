import { CSV_LIST_JOINER, csvRecord } from "@/lib/jobs/csv";
import type { AuditEntry } from "./audit-types";

export { csvField } from "@/lib/jobs/csv";

export const AUDIT_CSV_COLUMNS = [
  "id", "at", "actor", "actor_groups", "action", "bucket", "job_id", "outcome", "finished_at", "ci_request_id",
  "error_code", "error_message", "idempotency_key", "reconciled_at", "reconcile_note", "request",
] as const;

export function auditCsvHeader(): string {
  return csvRecord(AUDIT_CSV_COLUMNS);
}

export function auditCsvRow(e: AuditEntry): string {
  const cells = [
    e.id, e.at, e.actor, e.actorGroups.join(CSV_LIST_JOINER), e.action, e.bucket, e.jobId, e.outcome, e.finishedAt, e.ciRequestId,
    e.errorCode, e.errorMessage, e.idempotencyKey, e.reconciledAt, e.reconcileNote, e.request === null ? "" : JSON.stringify(e.request),
  ];
  return csvRecord(cells);
}
