/** The audit log's vocabulary, shared by the store, the /api/audit route and the /audit page. */
export const AUDIT_ACTIONS = ["trigger", "cancel"] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** `pending`: CI has not answered yet (or the server stopped first); `unknown`: CI's answer was lost. */
export const AUDIT_OUTCOMES = ["pending", "success", "error", "unknown"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditIntent {
  /** The SSO identity (Identity.id), never the shared CI key. */
  actor: string;
  actorGroups: string[];
  action: AuditAction;
  bucket: string;
  /** The request as the user sent it (JSON); credentials are redacted before storing. */
  request?: unknown;
  /** Known up-front for a cancel; for a trigger it arrives with the outcome. */
  jobId?: string;
  idempotencyKey?: string;
}

export interface AuditResult {
  outcome: "success" | "error" | "unknown";
  jobId?: string;
  ciRequestId?: string;
  errorCode?: string;
  errorMessage?: string;
}

/** One row as the app shows it; times are ISO 8601 (UTC). */
export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  actorGroups: string[];
  action: AuditAction;
  bucket: string;
  jobId: string | null;
  idempotencyKey: string | null;
  request: unknown;
  outcome: AuditOutcome;
  finishedAt: string | null;
  ciRequestId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  reconciledAt: string | null;
  reconcileNote: string | null;
  /** The batch this trigger retried the failed files of (retry_links, migration 5). */
  retryOf?: string;
}

export interface AuditFilter {
  /** Case-insensitive, anywhere in the identity (`olivia` finds olivia.operator@example.com). */
  actor?: string;
  action?: AuditAction;
  outcome?: AuditOutcome;
  bucket?: string;
  jobId?: string;
  /** Inclusive lower bound on the intent time. */
  from?: Date;
  /** Exclusive upper bound on the intent time. */
  to?: Date;
  /** From a previous page's nextCursor. */
  cursor?: string;
  limit: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface Attribution {
  actor: string;
  /** When they asked (ISO). */
  at: string;
}

export interface JobHistory {
  triggeredBy: Attribution | null;
  /** The cancel that took effect, if any. */
  cancelledBy: Attribution | null;
  /** Every audit row for the job, oldest first (including refused or unknown attempts). */
  entries: AuditEntry[];
}
