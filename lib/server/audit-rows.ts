import "server-only";
/** How audit rows come out of the database: the selected columns, the row type, and row → AuditEntry; page cursors. */
import type { AuditEntry, AuditOutcome } from "@/lib/jobs/audit-types";
import { ApiProblem } from "./problem";

// `id` goes out as text (bigint does not fit a JS number); ORDER BY must then say audit_log.id, or it sorts the text.
export const COLUMNS = `id::text AS id, at, actor, actor_groups, action, bucket, job_id, idempotency_key, request, outcome,
  finished_at, ci_request_id, error_code, error_message, reconciled_at, reconcile_note,
  (SELECT r.source_job_id FROM retry_links r WHERE r.audit_id = audit_log.id) AS retry_of`;

export interface Row {
  id: string;
  at: Date | string;
  actor: string;
  actor_groups: string[] | null;
  action: AuditEntry["action"];
  bucket: string;
  job_id: string | null;
  idempotency_key: string | null;
  request: unknown;
  outcome: AuditOutcome;
  finished_at: Date | string | null;
  ci_request_id: string | null;
  error_code: string | null;
  error_message: string | null;
  reconciled_at: Date | string | null;
  reconcile_note: string | null;
  retry_of?: string | null;
}

export const iso = (v: Date | string) => new Date(v).toISOString();
const isoOrNull = (v: Date | string | null) => (v === null ? null : iso(v));

export function toEntry(r: Row): AuditEntry {
  return {
    id: r.id,
    at: iso(r.at),
    actor: r.actor,
    actorGroups: r.actor_groups ?? [],
    action: r.action,
    bucket: r.bucket,
    jobId: r.job_id,
    idempotencyKey: r.idempotency_key,
    request: r.request ?? null,
    outcome: r.outcome,
    finishedAt: isoOrNull(r.finished_at),
    ciRequestId: r.ci_request_id,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    reconciledAt: isoOrNull(r.reconciled_at),
    reconcileNote: r.reconcile_note,
    // "retry of <JobId>" (issue 13): set when this trigger retried another batch's failed files.
    ...(r.retry_of ? { retryOf: r.retry_of } : {}),
  };
}

export const cap = (v: string | undefined, max: number) =>
  v === undefined || v === "" ? null : v.length > max ? `${v.slice(0, max)}…` : v;

/** Cursors are opaque to callers: base64url of "<ISO time>|<id>" of the last row shown. */
export function encodeAuditCursor(entry: Pick<AuditEntry, "at" | "id">): string {
  return Buffer.from(`${entry.at}|${entry.id}`).toString("base64url");
}

export function decodeAuditCursor(cursor: string): { at: Date; id: string } {
  const bad = () =>
    new ApiProblem(400, "ValidationError", "cursor: not a cursor this page gave", {
      fields: [{ path: "cursor", message: "Invalid cursor" }],
    });
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw bad();
  const [at, id, extra] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = at ? new Date(at) : null;
  if (!date || Number.isNaN(date.getTime()) || !id || !/^\d{1,19}$/.test(id) || extra !== undefined) throw bad();
  return { at: date, id };
}

/** Turns user text into a LIKE pattern that matches it literally, anywhere. */
export const containsPattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
