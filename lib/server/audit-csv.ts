import { CSV_LIST_JOINER, csvRecord } from "@/lib/jobs/csv";
import { refCsvCells, requestRefs, type CiNames } from "@/lib/jobs/ci-names";
import type { AuditEntry } from "@/lib/jobs/audit-types";

export { csvField } from "@/lib/jobs/csv";

export const AUDIT_CSV_COLUMNS = [
  "id",
  "at",
  "actor",
  "actor_groups",
  "action",
  "bucket",
  "job_id",
  // From the request: each workflow, queue and template ID with its name beside it (lib/jobs/ci-names.ts).
  "workflow_ids",
  "workflow_names",
  "queue_id",
  "queue_name",
  "template_ids",
  "template_names",
  "outcome",
  "finished_at",
  "ci_request_id",
  "error_code",
  "error_message",
  "idempotency_key",
  "reconciled_at",
  "reconcile_note",
  "request",
] as const;

export function auditCsvHeader(): string {
  return csvRecord(AUDIT_CSV_COLUMNS);
}

export function auditCsvRow(e: AuditEntry, names?: CiNames): string {
  const cells = [
    e.id,
    e.at,
    e.actor,
    e.actorGroups.join(CSV_LIST_JOINER),
    e.action,
    e.bucket,
    e.jobId,
    ...refCsvCells(requestRefs(e.request), names),
    e.outcome,
    e.finishedAt,
    e.ciRequestId,
    e.errorCode,
    e.errorMessage,
    e.idempotencyKey,
    e.reconciledAt,
    e.reconcileNote,
    e.request === null ? "" : JSON.stringify(e.request),
  ];
  return csvRecord(cells);
}
