import "server-only";
/**
 * The audit log: who triggered or cancelled which job, when, and what CI said. CI runs everything under one shared
 * key, so this is the only record of the person behind an action. Write the intent before calling CI and the
 * outcome after; a row whose outcome is final can never change again (enforced by a trigger in the database).
 *
 * How to wire it in (the order matters):
 *   const id = await recordIntent({ actor: identity.id, actorGroups: identity.groups, action: "trigger", bucket, request, idempotencyKey });
 *   // ↑ if this throws, do not call CI: an action nobody can attribute must not happen
 *   … call CI …
 *   await recordOutcome(id, { outcome: "success", jobId, ciRequestId }).catch(log);
 *   // ↑ if this fails, still answer the user: the row stays `pending` and reconcileUnknown settles it later
 * For an Idempotency-Key replay, record nothing: CI is not called again.
 */
import {
  cap,
  COLUMNS,
  containsPattern,
  decodeAuditCursor,
  encodeAuditCursor,
  iso,
  toEntry,
  type Row,
} from "./audit-rows";
import { getDb, type Db } from "./db";
import type { ReconcileLookup } from "./audit-reconcile";
import { reconcileOpenRows, type ReconcilePassOptions } from "./audit-reconcile-pass";
import { verifyAuditChain } from "./audit-chain";
import { redactForAudit } from "./audit-redact";
import {
  AUDIT_ACTIONS,
  type Attribution,
  type AuditEntry,
  type AuditFilter,
  type AuditIntent,
  type AuditPage,
  type AuditResult,
  type JobHistory,
} from "@/lib/jobs/audit-types";

export * from "@/lib/jobs/audit-types";
export type { ChainReport } from "./audit-chain";
export { verdictForCancel, verdictForTrigger, candidateFromJob, triggerWindow } from "./audit-reconcile";
export type {
  OpenAuditRow,
  ReconcileContext,
  ReconcileLookup,
  ReconcileVerdict,
  CandidateJob,
} from "./audit-reconcile";

export { decodeAuditCursor, encodeAuditCursor } from "./audit-rows";

/** The audit log on a given database (tests pass their own; the app uses the process-wide one below). */
export function createAuditLog(db: Db) {
  async function recordIntent(intent: AuditIntent): Promise<string> {
    if (!intent.actor || intent.actor.length > 254)
      throw new TypeError("recordIntent: actor is required (at most 254 characters)");
    if (!(AUDIT_ACTIONS as readonly string[]).includes(intent.action))
      throw new TypeError(`recordIntent: unknown action ${String(intent.action)}`);
    if (!intent.bucket) throw new TypeError("recordIntent: bucket is required");
    const groups = (intent.actorGroups ?? []).slice(0, 100).map((g) => g.slice(0, 256));
    const request = redactForAudit(intent.request);
    const rows = await db.query<{ id: string }>(
      `INSERT INTO audit_log (actor, actor_groups, action, bucket, job_id, idempotency_key, request)
       VALUES ($1, $2::text[], $3, $4, $5, $6, $7::jsonb) RETURNING id::text AS id`,
      [
        intent.actor,
        groups,
        intent.action,
        intent.bucket,
        cap(intent.jobId, 128),
        cap(intent.idempotencyKey, 128),
        request === null ? null : JSON.stringify(request),
      ],
    );
    return rows[0]!.id;
  }

  /**
   * Completes an intent with CI's answer. Returns false when the row was already completed (or reconciled): the
   * first word stands. `unknown` is for an answer that was lost (outcomeUnknown); reconcileUnknown settles it.
   */
  async function recordOutcome(id: string, result: AuditResult): Promise<boolean> {
    if (!/^\d{1,19}$/.test(id)) throw new TypeError("recordOutcome: not an audit row id");
    if (!["success", "error", "unknown"].includes(result.outcome))
      throw new TypeError(`recordOutcome: unknown outcome ${String(result.outcome)}`);
    const rows = await db.query(
      `UPDATE audit_log SET outcome = $2, finished_at = clock_timestamp(), job_id = COALESCE(job_id, $3),
         ci_request_id = $4, error_code = $5, error_message = $6
       WHERE id = $1::bigint AND outcome = 'pending' RETURNING id`,
      [
        id,
        result.outcome,
        cap(result.jobId, 128),
        cap(result.ciRequestId, 256),
        cap(result.errorCode, 128),
        cap(result.errorMessage, 2000),
      ],
    );
    return rows.length === 1;
  }

  /** Newest first, `limit` rows a page, with keyset paging (stable while new rows arrive). */
  async function listAudit(filter: AuditFilter): Promise<AuditPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (filter.actor) where.push(`actor ILIKE ${p(containsPattern(filter.actor))} ESCAPE '\\'`);
    if (filter.action) where.push(`action = ${p(filter.action)}`);
    if (filter.outcome) where.push(`outcome = ${p(filter.outcome)}`);
    if (filter.bucket) where.push(`bucket = ${p(filter.bucket)}`);
    if (filter.jobId) where.push(`job_id = ${p(filter.jobId)}`);
    if (filter.from) where.push(`at >= ${p(filter.from.toISOString())}::timestamptz`);
    if (filter.to) where.push(`at < ${p(filter.to.toISOString())}::timestamptz`);
    if (filter.cursor) {
      const c = decodeAuditCursor(filter.cursor);
      where.push(`(at, id) < (${p(c.at.toISOString())}::timestamptz, ${p(c.id)}::bigint)`);
    }
    const limit = Math.max(1, Math.min(200, Math.trunc(filter.limit) || 50));
    const rows = await db.query<Row>(
      `SELECT ${COLUMNS} FROM audit_log ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
       ORDER BY at DESC, audit_log.id DESC LIMIT ${p(limit + 1)}`,
      params,
    );
    const entries = rows.slice(0, limit).map(toEntry);
    const last = entries[entries.length - 1];
    return { entries, nextCursor: rows.length > limit && last ? encodeAuditCursor(last) : null };
  }

  /** Who triggered each of these jobs (for the job table's "Triggered by" column); jobs we did not trigger are absent. */
  async function triggeredBy(bucket: string, jobIds: readonly string[]): Promise<Record<string, Attribution>> {
    const ids = [...new Set(jobIds)].slice(0, 1000);
    const out: Record<string, Attribution> = {};
    if (ids.length === 0) return out;
    const rows = await db.query<{ job_id: string; actor: string; at: Date | string }>(
      `SELECT DISTINCT ON (job_id) job_id, actor, at FROM audit_log
       WHERE bucket = $1 AND action = 'trigger' AND outcome = 'success' AND job_id = ANY($2::text[])
       ORDER BY job_id, at, id`,
      [bucket, ids],
    );
    for (const r of rows) out[r.job_id] = { actor: r.actor, at: iso(r.at) };
    return out;
  }

  /** Everything the log knows about one job: who triggered it, who cancelled it, and every attempt. */
  async function jobHistory(bucket: string, jobId: string): Promise<JobHistory> {
    const rows = await db.query<Row>(
      `SELECT ${COLUMNS} FROM audit_log WHERE bucket = $1 AND job_id = $2 ORDER BY at, audit_log.id`,
      [bucket, jobId],
    );
    const entries = rows.map(toEntry);
    const first = (action: AuditEntry["action"]) => {
      const e = entries.find((x) => x.action === action && x.outcome === "success");
      return e ? { actor: e.actor, at: e.at } : null;
    };
    return { triggeredBy: first("trigger"), cancelledBy: first("cancel"), entries };
  }

  /** The ids of jobs this person triggered in a bucket, newest first (for a "My jobs" filter). */
  async function jobIdsTriggeredBy(actor: string, bucket: string, limit = 100): Promise<string[]> {
    const rows = await db.query<{ job_id: string }>(
      `SELECT job_id FROM audit_log
       WHERE actor = $1 AND bucket = $2 AND action = 'trigger' AND outcome = 'success' AND job_id IS NOT NULL
       GROUP BY job_id ORDER BY max(at) DESC, job_id LIMIT $3`,
      [actor, bucket, Math.max(1, Math.min(1000, Math.trunc(limit)))],
    );
    return rows.map((r) => r.job_id);
  }

  /**
   * Settles rows of one bucket whose outcome is `unknown`, or still `pending` after minAgeMs, by asking `lookup`
   * what became of the job (lib/server/audit-reconcile-pass.ts).
   */
  const reconcileUnknown = (bucket: string, lookup: ReconcileLookup, opts?: ReconcilePassOptions) =>
    reconcileOpenRows(db, bucket, lookup, opts);

  /** Whether the hash chain over every row still holds (lib/server/audit-chain.ts). */
  const verifyChain = () => verifyAuditChain(db);

  return {
    recordIntent,
    recordOutcome,
    listAudit,
    triggeredBy,
    jobHistory,
    jobIdsTriggeredBy,
    reconcileUnknown,
    verifyChain,
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

const log = () => createAuditLog(getDb());

/** Writes who is about to do what; call BEFORE CI. Returns the row id for recordOutcome. */
export const recordIntent: AuditLog["recordIntent"] = (intent) => log().recordIntent(intent);
/** Completes an intent with CI's answer (once; later calls return false). */
export const recordOutcome: AuditLog["recordOutcome"] = (id, result) => log().recordOutcome(id, result);
/** A page of the log, newest first. */
export const listAudit: AuditLog["listAudit"] = (filter) => log().listAudit(filter);
/** jobId → who triggered it, for the jobs we have a record of. */
export const triggeredBy: AuditLog["triggeredBy"] = (bucket, jobIds) => log().triggeredBy(bucket, jobIds);
/** Who triggered and who cancelled one job, with every attempt. */
export const jobHistory: AuditLog["jobHistory"] = (bucket, jobId) => log().jobHistory(bucket, jobId);
/** Job ids a person triggered, newest first. */
export const jobIdsTriggeredBy: AuditLog["jobIdsTriggeredBy"] = (actor, bucket, limit) =>
  log().jobIdsTriggeredBy(actor, bucket, limit);
/** Walks the hash chain: intact, or the first row where it breaks. */
export const verifyAuditLogChain: AuditLog["verifyChain"] = () => log().verifyChain();
/** Settles unknown and stale pending rows of a bucket using the caller's CI lookup. */
export const reconcileUnknown: AuditLog["reconcileUnknown"] = (bucket, lookup, opts) =>
  log().reconcileUnknown(bucket, lookup, opts);
