import "server-only";
/**
 * Counting the files of a batch, at a cost CI can bear (issue 13 item 2).
 *
 * CI has no "count by state" call: the counter reads the batch's file lists (lib/server/jobs/batch-source.ts) oldest
 * first (`orderByTime=Asc`) and remembers what it saw in `batch_file_counts` (migration 5):
 * - files that ended (Success, Failed, Cancel) are tallied once and never read again: each sweep starts at the
 *   creation second of the oldest file still open (`startCreationTime`), so everything older is behind it for good;
 *   ended files inside that window are recognised by id (`recent`) and not tallied twice;
 * - a pass reads at most PASS_PAGES pages and saves where it stopped, then the next pass waits long enough that the
 *   counter's average stays at or under `callsPerSecond` (default 0.6/s for one batch);
 * - one pass per batch at a time, whatever the number of viewers: in-process single flight, and across instances on
 *   one PostgreSQL a transaction-scoped try-lock (whoever holds it counts; the others answer from the stored row);
 * - a finished batch whose last sweep started after it finished and left no file open is `complete`: final,
 *   stored, never counted again. Until then `countsComplete` is false and the screen says the counts are partial.
 */
import type { CiTarget } from "@/lib/ci/client";
import { CallBudgetError } from "@/lib/ci/signed-call";
import { CiError } from "@/lib/ci/errors";
import type { FileCounts } from "@/lib/jobs/batch-files";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { isFinishedState } from "@/lib/jobs/states";
import { withPriority } from "../ci-budget";
import { createCoalescer } from "../coalesce";
import { getDb, type Db, type DbExecutor } from "../db";
import { logEvent } from "../logger";
import { listStream, type BatchSource } from "./batch-source";
import { applyItems, closeSweep, initialCounterState, tally, type CounterState } from "./file-count-state";
import { toCiFilterTime } from "./file-times";

export interface CountsView {
  counts: FileCounts;
  countsComplete: boolean;
  countsAt: string | null;
  /** CI calls the counter has spent on this batch (optional field beyond the contract, for the bench and tests). */
  countCalls?: number;
}

/**
 * Pacing of the counter, and how long the files routes reuse a page of items (`pageTtlMs`, shared by every viewer)
 * and the batch's own state (`batchTtlMs`). Together: ≤ 0.6 + 0.2 + 0.2 = 1 CI call/s for one watched running
 * batch, ≤ 0.7 + 0.2 (+ failed instances' errors) once it has finished.
 */
export const COUNT_SETTINGS = {
  callsPerSecond: 0.6,
  /** A finished batch's state is not re-read (lib/server/jobs/batch-files.ts), so its counter may use that share too. */
  finishedCallsPerSecond: 0.7,
  minGapMs: 3_000,
  passPages: 10,
  pageSize: 100,
  pageTtlMs: 5_000,
  batchTtlMs: 5_000,
};

/** Tests and the benchmark tune the pacing; production uses the defaults above. */
export function configureCounting(s: Partial<typeof COUNT_SETTINGS>): void {
  Object.assign(COUNT_SETTINGS, s);
}

const inProcess = createCoalescer(Date.now, 1_000);
/** One flight per database handle (an instance has one; tests open two to play two instances). */
const handleIds = new WeakMap<Db, number>();
let nextHandleId = 0;
const handleId = (db: Db) => handleIds.get(db) ?? (handleIds.set(db, ++nextHandleId), nextHandleId);

/** Up to PASS_PAGES pages of the sweep under way; progress is kept even when CI or the budget stops the pass. */
/** Lists one page of one stream (listStream in production; tests give their own). */
export type StreamLister = typeof listStream;

async function pass(
  target: CiTarget,
  job: JobDetail,
  source: BatchSource,
  state: CounterState,
  list: StreamLister,
): Promise<{ complete: boolean; calls: number }> {
  let calls = 0;
  if (state.inSweep && !state.sweepAfterFinish && isFinishedState(job.State)) {
    // The batch ended during this sweep, which therefore cannot prove the counts final. Rather than finish it and
    // sweep again, start the final sweep now at the oldest file still open: everything before it has been seen ended
    // (files past the cursor are newer than anything seen), so nothing is missed and little is read twice.
    const current = state.streams[state.stream];
    if (current?.token) closeSweep(current);
    state.inSweep = false;
  }
  if (!state.inSweep) {
    state.inSweep = true;
    state.stream = 0;
    state.sweepAfterFinish = isFinishedState(job.State);
  }
  while (calls < COUNT_SETTINGS.passPages) {
    const s = state.streams[state.stream]!;
    if (!s.token) s.from = s.low === null ? null : toCiFilterTime(s.low);
    let page;
    try {
      calls++;
      page = await list(target, job.JobId, source, state.stream, {
        size: COUNT_SETTINGS.pageSize,
        orderByTime: "Asc",
        nextToken: s.token ?? undefined,
        startCreationTime: s.from ?? undefined,
      });
    } catch (e) {
      if (e instanceof CallBudgetError) {
        calls--; // never sent
        break;
      }
      // CI refused a token it gave (expired?): the stream's sweep starts again; ids keep the tallies exact.
      if (e instanceof CiError && s.token && e.status >= 400 && e.status < 500) s.token = null;
      logEvent({
        level: "warn",
        event: "batch-count-pass-failed",
        jobId: job.JobId,
        error: e instanceof Error ? e.message.slice(0, 200) : "unknown",
      });
      break;
    }
    state.skipped += page.skipped;
    applyItems(s, page.items);
    if (page.nextToken) {
      s.token = page.nextToken;
      continue;
    }
    closeSweep(s);
    state.stream++;
    if (state.stream < state.streams.length) continue;
    state.inSweep = false;
    state.stream = 0;
    const complete = state.sweepAfterFinish && state.streams.every((x) => Object.keys(x.open).length === 0);
    state.calls += calls;
    return { complete, calls };
  }
  state.calls += calls;
  return { complete: false, calls };
}

interface Row {
  state: CounterState;
  complete: boolean;
  counted_at: string | null;
  due: boolean;
}

async function readRow(db: DbExecutor, bucket: string, jobId: string): Promise<Row | null> {
  const rows = await db.query<Row>(
    `SELECT state, complete, counted_at, next_pass_at <= clock_timestamp() AS due FROM batch_file_counts WHERE bucket = $1 AND job_id = $2`,
    [bucket, jobId],
  );
  return rows[0] ?? null;
}

async function writeRow(
  db: DbExecutor,
  bucket: string,
  jobId: string,
  state: CounterState,
  complete: boolean,
  gapMs: number,
) {
  await db.query(
    `INSERT INTO batch_file_counts (bucket, job_id, state, complete, counted_at, next_pass_at)
     VALUES ($1, $2, $3::jsonb, $4, clock_timestamp(), clock_timestamp() + $5::int * interval '1 millisecond')
     ON CONFLICT (bucket, job_id) DO UPDATE SET state = EXCLUDED.state, complete = EXCLUDED.complete,
       counted_at = EXCLUDED.counted_at, next_pass_at = EXCLUDED.next_pass_at`,
    [bucket, jobId, JSON.stringify(state), complete, Math.round(gapMs)],
  );
}

const view = (row: Row | null): CountsView =>
  row
    ? {
        counts: tally(row.state),
        countsComplete: row.complete,
        countsAt: row.counted_at ? new Date(row.counted_at).toISOString() : null,
        countCalls: row.state.calls,
      }
    : { counts: {}, countsComplete: false, countsAt: null, countCalls: 0 };

/** The pause after a pass of `calls` calls that keeps the average at `callsPerSecond`. */
const gapAfter = (calls: number, finished: boolean) =>
  Math.max(
    COUNT_SETTINGS.minGapMs,
    (calls * 1000) / (finished ? COUNT_SETTINGS.finishedCallsPerSecond : COUNT_SETTINGS.callsPerSecond),
  );

async function countOnce(
  db: Db,
  target: CiTarget,
  job: JobDetail,
  source: BatchSource,
  list: StreamLister,
): Promise<void> {
  const run = async (tx: DbExecutor) => {
    const row = await readRow(tx, target.bucket, job.JobId);
    if (row && (row.complete || !row.due)) return;
    const state = row?.state ?? initialCounterState(source);
    const { complete, calls } = await withPriority("heavy", () => pass(target, job, source, state, list));
    await writeRow(tx, target.bucket, job.JobId, state, complete, gapAfter(calls, isFinishedState(job.State)));
  };
  if (db.engine !== "postgres") return run(db); // one instance per data directory: the in-process flight is enough
  await db.transaction(async (tx) => {
    // Keyed by schema too: test suites share one database in separate schemas.
    const [got] = await tx.query<{ ok: boolean }>(
      `SELECT pg_try_advisory_xact_lock(hashtextextended(current_schema() || '|batch-count|' || $1, 0)) AS ok`,
      [`${target.bucket}|${job.JobId}`],
    );
    if (got?.ok) await run(tx); // else another instance is counting this batch right now
  });
}

/** The batch's counts, after a counting pass when one is due (the first viewer waits for it; joiners share it). */
export async function batchCounts(
  target: CiTarget,
  job: JobDetail,
  source: BatchSource,
  db: Db = getDb(),
  list: StreamLister = listStream,
): Promise<CountsView> {
  const row = await readRow(db, target.bucket, job.JobId);
  if (row && (row.complete || !row.due)) return view(row);
  try {
    await inProcess.run(`${handleId(db)}|${target.bucket}|${job.JobId}`, 0, () =>
      countOnce(db, target, job, source, list),
    );
  } catch (e) {
    // Counting is an addition to the page: its trouble (database, CI) shows as "not complete", never as an error.
    logEvent({
      level: "warn",
      event: "batch-count-failed",
      jobId: job.JobId,
      error: e instanceof Error ? e.message.slice(0, 200) : "unknown",
    });
  }
  return view(await readRow(db, target.bucket, job.JobId));
}
