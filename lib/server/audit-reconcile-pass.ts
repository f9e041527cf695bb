import "server-only";
/**
 * The reconcile pass over the audit log: reads the open rows of a bucket, asks the caller's CI lookup what became of
 * each job and writes the verdict (or "could not be settled"). Its own file because it is the log's one multi-step
 * operation; the verdict heuristics are in audit-reconcile.ts, the log's other reads and writes in audit.ts.
 */
import { CallBudgetError } from "@/lib/ci/signed-call";
import { cap, COLUMNS, type Row } from "./audit-rows";
import {
  RECONCILE_MIN_AGE_MS,
  UNSETTLED_NOTE_PREFIX,
  triggerWindow,
  type OpenAuditRow,
  type ReconcileBackoff,
  type ReconcileLookup,
} from "./audit-reconcile";
import type { Db, DbExecutor } from "./db";

export interface ReconcileReport {
  checked: number;
  settled: number;
  /** Rows past giveUpAfterMs (or out of attempts) with no verdict: now marked `unknown`, "could not be settled". */
  markedUnknown: number;
  undecided: number;
  /** The lookup threw (CI unreachable…): asked again next time. */
  failed: number;
}

export interface ReconcilePassOptions {
  minAgeMs?: number;
  giveUpAfterMs?: number;
  limit?: number;
  now?: () => Date;
  backoff?: ReconcileBackoff;
}

async function attributedNear(tx: DbExecutor, bucket: string, from: Date, to: Date): Promise<Set<string>> {
  const rows = await tx.query<{ job_id: string }>(
    `SELECT job_id FROM audit_log WHERE bucket = $1 AND action = 'trigger' AND outcome = 'success' AND job_id IS NOT NULL
       AND at BETWEEN $2::timestamptz - interval '1 hour' AND $3::timestamptz + interval '1 hour'`,
    [bucket, from.toISOString(), to.toISOString()],
  );
  return new Set(rows.map((r) => r.job_id));
}

/**
 * Settles rows of one bucket whose outcome is `unknown`, or still `pending` after minAgeMs, by asking `lookup`
 * what became of the job (heuristics in audit-reconcile.ts). Safe to run from several instances at once: a row is
 * only ever settled once.
 */
export async function reconcileOpenRows(
  db: Db,
  bucket: string,
  lookup: ReconcileLookup,
  opts: ReconcilePassOptions = {},
): Promise<ReconcileReport> {
  const now = (opts.now ?? (() => new Date()))();
  const minAge = opts.minAgeMs ?? RECONCILE_MIN_AGE_MS;
  const giveUp = opts.giveUpAfterMs ?? 24 * 60 * 60 * 1000;
  // Rows resting between attempts are left out, so rows that cannot be settled yet never crowd out newer ones;
  // rows already given up on (unknown, with a reconciled_at) are never asked about again.
  const resting = opts.backoff?.resting(now) ?? [];
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM audit_log WHERE bucket = $1 AND outcome IN ('pending', 'unknown') AND at <= $2::timestamptz
       AND NOT (outcome = 'unknown' AND reconciled_at IS NOT NULL) AND NOT (audit_log.id = ANY($4::bigint[]))
     ORDER BY at, audit_log.id LIMIT $3`,
    [bucket, new Date(now.getTime() - minAge).toISOString(), opts.limit ?? 50, resting],
  );
  const report: ReconcileReport = { checked: rows.length, settled: 0, markedUnknown: 0, undecided: 0, failed: 0 };
  for (const r of rows) {
    const row: OpenAuditRow = {
      id: r.id,
      at: new Date(r.at),
      actor: r.actor,
      action: r.action,
      bucket: r.bucket,
      jobId: r.job_id,
      request: r.request ?? null,
      outcome: r.outcome as OpenAuditRow["outcome"],
      errorCode: r.error_code,
    };
    const window =
      row.action === "trigger" ? triggerWindow(row.at) : { from: row.at, to: new Date(row.at.getTime() + minAge) };
    let verdict;
    try {
      const attributedJobIds =
        row.action === "trigger" ? await attributedNear(db, bucket, window.from, window.to) : new Set<string>();
      verdict = await lookup(row, { now, window, attributedJobIds });
    } catch (e) {
      report.failed++;
      opts.backoff?.failed(row.id, now);
      if (e instanceof CallBudgetError) break; // the CI budget is used up: the rest waits for the next pass
      continue;
    }
    if (verdict) {
      const settled = await db.transaction(async (tx) => {
        // Another row may have claimed this job since we looked: one job, one person.
        if (row.action === "trigger" && verdict.outcome === "success" && verdict.jobId) {
          const taken = await tx.query(
            `SELECT 1 FROM audit_log WHERE bucket = $1 AND action = 'trigger' AND outcome = 'success' AND job_id = $2 LIMIT 1`,
            [bucket, verdict.jobId],
          );
          if (taken.length) return false;
        }
        const done = await tx.query(
          `UPDATE audit_log SET outcome = $2, job_id = COALESCE(job_id, $3), finished_at = COALESCE(finished_at, clock_timestamp()),
             reconciled_at = clock_timestamp(), reconcile_note = $4
           WHERE id = $1::bigint AND outcome IN ('pending', 'unknown') RETURNING id`,
          [
            row.id,
            verdict.outcome,
            verdict.outcome === "success" ? (verdict.jobId ?? null) : null,
            cap(verdict.note, 1000),
          ],
        );
        return done.length === 1;
      });
      if (settled) report.settled++;
      else report.undecided++;
      opts.backoff?.forget(row.id);
    } else if (now.getTime() - row.at.getTime() > giveUp || opts.backoff?.undecided(row.id, now)) {
      const attempts = opts.backoff?.attempts(row.id);
      const note = `${UNSETTLED_NOTE_PREFIX}: ${row.outcome === "pending" ? "no outcome was recorded and " : ""}reconciliation could not tell from CI what happened${attempts ? ` (${attempts} attempts)` : ""}`;
      // Pending → unknown (with its finish time); an unknown row keeps what it recorded and only gains the verdict.
      const marked = await db.query(
        row.outcome === "pending"
          ? `UPDATE audit_log SET outcome = 'unknown', finished_at = clock_timestamp(), reconciled_at = clock_timestamp(), reconcile_note = $2
             WHERE id = $1::bigint AND outcome = 'pending' RETURNING id`
          : `UPDATE audit_log SET reconciled_at = clock_timestamp(), reconcile_note = $2
             WHERE id = $1::bigint AND outcome = 'unknown' AND reconciled_at IS NULL RETURNING id`,
        [row.id, note],
      );
      if (marked.length) report.markedUnknown++;
      opts.backoff?.forget(row.id);
    } else {
      report.undecided++;
    }
  }
  return report;
}
