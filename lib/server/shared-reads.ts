import "server-only";
/**
 * The read cache behind list and detail polls. One instance (PGlite): the in-process coalescer, as before. Several
 * instances on one PostgreSQL: the answer of the current poll window lives in the `shared_reads` table, so N
 * instances cost CI one call per window instead of N:
 *
 * 1. a fresh row (younger than the window, by the database clock) → answer from it, no lock;
 * 2. otherwise take a transaction-scoped advisory lock keyed by a hash of the cache key; whoever gets it first
 *    looks again (another instance may have filled it while we waited), else calls CI and stores the answer;
 *    the others wait on the lock and then read that answer.
 *
 * Inside an instance identical requests still share one in-flight load, so one instance holds at most one
 * connection per key. The database is an optimisation here: if it fails, we call CI directly.
 */
import { createCoalescer, type Coalescer, type LookupResult } from "./coalesce";
import type { Db, DbExecutor } from "./db";
import { logEvent } from "./logger";
import type { ReadResult } from "./metrics";

/** Cache-key kinds (`<bucket>|<kind>|…`) that are shared; pickers change rarely and stay per instance. */
const SHARED_KINDS = new Set(["list", "job", "batch", "files"]); // batch/files: lib/server/jobs/batch-files.ts
/** Rows older than this are deleted (at most once a minute per instance); they are useless after one window. */
const KEEP_ROWS_MS = 10 * 60_000;

export interface SharedReadsOptions {
  /** How long a waiter queues on another instance's load before calling CI itself (≥ the CI timeout). */
  lockTimeoutMs: number;
  onLookup?: (key: string, result: ReadResult) => void;
}

/** Raised around the caller's own load so its errors are told apart from the database's. */
class LoadFailed {
  constructor(readonly error: unknown) {}
}

const kindOf = (key: string) => key.split("|")[1] ?? "";

/** The answer an instance last read or stored for a key, tagged with the row's fetch time. */
interface Known {
  fetchedAt: string;
  value: unknown;
}

/**
 * The key's row if it is younger than the window. When `known` is the same row (same fetch time), the answer is
 * not sent again: the instance reuses its parsed copy (a 100-job page is ~60 kB of JSON to ship and parse).
 */
async function readFresh(db: DbExecutor, key: string, ttlMs: number, known?: Known): Promise<Known | null> {
  const rows = await db.query<{ fetched_at: string; answer: unknown }>(
    `SELECT fetched_at::text AS fetched_at, CASE WHEN fetched_at::text = $3 THEN NULL ELSE answer END AS answer
     FROM shared_reads WHERE key = $1 AND fetched_at > clock_timestamp() - $2::int * interval '1 millisecond'`,
    [key, ttlMs, known?.fetchedAt ?? null],
  );
  const row = rows[0];
  if (!row) return null;
  return row.fetched_at === known?.fetchedAt ? known : { fetchedAt: row.fetched_at, value: row.answer };
}

/** A Coalescer whose list/detail windows are shared through PostgreSQL (see the file comment). */
export function createSharedReads(db: Db, opts: SharedReadsOptions): Coalescer {
  const report = (key: string, r: LookupResult | ReadResult) => opts.onLookup?.(key, r);
  // Per instance: single flight for shared kinds (the window lives in the table), the usual window for the rest.
  const inFlight = createCoalescer(Date.now, 2_000, (key, r) => r !== "miss" && report(key, r));
  const local = createCoalescer(Date.now, 2_000, report);
  const known = new Map<string, Known>();
  let lastSweep = 0;

  function remember(key: string, k: Known) {
    known.delete(key); // re-insert: the Map's order is then oldest-used first
    known.set(key, k);
    if (known.size > 500) known.delete(known.keys().next().value!);
  }

  function sweep() {
    if (Date.now() - lastSweep < 60_000) return;
    lastSweep = Date.now();
    db.query(`DELETE FROM shared_reads WHERE fetched_at < clock_timestamp() - $1::int * interval '1 millisecond'`, [
      KEEP_ROWS_MS,
    ]).catch(() => undefined);
  }

  async function loadShared<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    let loaded: { value: T } | undefined;
    try {
      const fresh = await readFresh(db, key, ttlMs, known.get(key));
      if (fresh) {
        remember(key, fresh);
        report(key, "shared_hit");
        return fresh.value as T;
      }
      return await db.transaction(async (tx) => {
        await tx.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.trunc(opts.lockTimeoutMs))}`);
        // Keyed by schema too: test suites share one database in separate schemas.
        await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || '|' || $1, 0))`, [key]);
        const filled = await readFresh(tx, key, ttlMs, known.get(key));
        if (filled) {
          remember(key, filled);
          report(key, "shared_hit");
          return filled.value as T;
        }
        report(key, "miss");
        const value = await load().catch((e: unknown) => Promise.reject(new LoadFailed(e)));
        loaded = { value };
        const [stored] = await tx.query<{ fetched_at: string }>(
          `INSERT INTO shared_reads (key, answer, fetched_at) VALUES ($1, $2::json, clock_timestamp())
           ON CONFLICT (key) DO UPDATE SET answer = EXCLUDED.answer, fetched_at = EXCLUDED.fetched_at
           RETURNING fetched_at::text AS fetched_at`,
          [key, JSON.stringify(value)],
        );
        // The JSON round trip is what the other instances will see; keep the same shape here.
        if (stored) remember(key, { fetchedAt: stored.fetched_at, value: JSON.parse(JSON.stringify(value)) });
        sweep();
        return value;
      });
    } catch (e) {
      if (e instanceof LoadFailed) throw e.error;
      if (loaded) return loaded.value; // CI answered; only storing it failed
      // Database trouble (down, lock timeout): the poll still gets an answer, straight from CI.
      logEvent({
        level: "warn",
        event: "shared-reads-unavailable",
        error: e instanceof Error ? e.message.slice(0, 200) : "unknown",
      });
      report(key, "miss");
      return load();
    }
  }

  return {
    run<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
      if (!SHARED_KINDS.has(kindOf(key)) || ttlMs <= 0) return local.run(key, ttlMs, load);
      return inFlight.run(key, 0, () => loadShared(key, ttlMs, load));
    },
    // What this instance already holds or is loading; an answer another instance stored is not known without asking
    // the database, so the caller's CI budget is charged for it (conservative: lib/server/jobs/cached-read.ts budgetedRead).
    has(key: string): boolean {
      return local.has(key) || inFlight.has(key);
    },
    async clear(prefix?: string) {
      local.clear(prefix);
      inFlight.clear(prefix);
      for (const k of known.keys()) if (!prefix || k.startsWith(prefix)) known.delete(k);
      try {
        if (prefix) await db.query(`DELETE FROM shared_reads WHERE left(key, char_length($1)) = $1`, [prefix]);
        else await db.query(`DELETE FROM shared_reads`);
      } catch (e) {
        logEvent({
          level: "warn",
          event: "shared-reads-clear-failed",
          error: e instanceof Error ? e.message.slice(0, 200) : "unknown",
        });
      }
    },
    get size() {
      return local.size + inFlight.size;
    },
  };
}

/** The read cache for this process: shared through PostgreSQL when the database is one, else in-process. */
export function createReadCache(db: Db, opts: SharedReadsOptions): Coalescer {
  return db.engine === "postgres" ? createSharedReads(db, opts) : createCoalescer(Date.now, 2_000, opts.onLookup);
}
