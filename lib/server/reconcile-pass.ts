import "server-only";
/**
 * One reconciliation pass at a time per bucket: across instances on PostgreSQL through a transaction-scoped
 * advisory lock (an instance that finds it taken skips its pass; the holder settles the same rows), inside one
 * process by joining the pass already running (a job page waiting for its settled history gets it). Without the lock, instances polling together would all ask CI about the same
 * open rows; the row updates themselves were already safe (audit.ts settles a row once).
 */
import type { ReconcileLookup } from "./audit-reconcile";
import { reconcileUnknown } from "./audit";
import { getDb } from "./db";
import { countReconcilePass } from "./metrics";

type Report = Awaited<ReturnType<typeof reconcileUnknown>>;
/** How many rows, and the back-off of undecided ones (lib/server/reconcile-schedule.ts). */
type PassOptions = Parameters<typeof reconcileUnknown>[2];

const running = new Map<string, Promise<Report | null>>();

/**
 * Runs a pass for this bucket, or joins the one this process is already running; null when another instance holds
 * the bucket's lock (its pass settles the same rows).
 */
export function runReconcilePass(bucket: string, lookup: ReconcileLookup, opts?: PassOptions): Promise<Report | null> {
  const current = running.get(bucket);
  if (current) return current;
  const pass = runLocked(bucket, lookup, opts).finally(() => running.delete(bucket));
  running.set(bucket, pass);
  return pass;
}

async function runLocked(bucket: string, lookup: ReconcileLookup, opts?: PassOptions): Promise<Report | null> {
  try {
    const db = getDb();
    const report =
      db.engine === "postgres"
        ? await db.transaction(async (tx) => {
            const [row] = await tx.query<{ locked: boolean }>(
              `SELECT pg_try_advisory_xact_lock(hashtextextended(current_schema() || '|reconcile|' || $1, 0)) AS locked`,
              [bucket],
            );
            // The pass itself uses other pooled connections; this one only holds the lock until it commits.
            return row?.locked ? reconcileUnknown(bucket, lookup, opts) : null;
          })
        : await reconcileUnknown(bucket, lookup, opts);
    countReconcilePass(report ? "ran" : "skipped", report ?? undefined);
    return report;
  } catch (e) {
    countReconcilePass("failed");
    throw e;
  }
}
