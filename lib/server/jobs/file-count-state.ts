import "server-only";
/**
 * What the batch file counter remembers between passes (stored as JSON in `batch_file_counts.state`) and the pure
 * steps that update it: a listed page applied, a sweep closed, the tallies read. Its own file because these are pure
 * and unit-tested (test/server/batch-counting.test.ts), apart from the pacing, locking and CI calls in file-counts.ts.
 */
import { FILE_END_STATES, type FileCounts } from "@/lib/jobs/batch-files";
import type { BatchSource } from "./batch-source";

export interface StreamState {
  /** Creation second (ms) the next sweep starts at; null = from the beginning. */
  low: number | null;
  /** The startCreationTime of the sweep under way (sent again with its nextToken). */
  from: string | null;
  /** CI's nextToken inside the sweep under way. */
  token: string | null;
  /** Files not yet ended: id → [state, created ms]. */
  open: Record<string, [string, number]>;
  /** Ended files created at or after `low` (they are listed again): id → created ms. */
  recent: Record<string, number>;
  ended: Record<string, number>;
  maxSeen: number | null;
}

export interface CounterState {
  v: 1;
  streams: StreamState[];
  /** Stream being swept; only meaningful while `inSweep`. */
  stream: number;
  inSweep: boolean;
  /** The batch had finished when the sweep under way started: if it leaves nothing open, the counts are final. */
  sweepAfterFinish: boolean;
  /** CI calls spent on this batch's counts so far, and entries CI sent that could not be read. */
  calls: number;
  skipped: number;
}

const ENDED = new Set<string>(FILE_END_STATES);

export function initialCounterState(source: BatchSource): CounterState {
  const streams = source.streams.map((): StreamState => ({
    low: null,
    from: null,
    token: null,
    open: {},
    recent: {},
    ended: {},
    maxSeen: null,
  }));
  return { v: 1, streams, stream: 0, inSweep: false, sweepAfterFinish: false, calls: 0, skipped: 0 };
}

export function tally(state: CounterState): FileCounts {
  const counts: Record<string, number> = {};
  for (const s of state.streams) {
    for (const [k, n] of Object.entries(s.ended)) counts[k] = (counts[k] ?? 0) + n;
    for (const [st] of Object.values(s.open)) counts[st] = (counts[st] ?? 0) + 1;
  }
  return counts;
}

/** Applies one listed page to a stream (pure: unit-tested). */
export function applyItems(s: StreamState, items: readonly { id: string; state: string; createdAt?: string }[]): void {
  for (const item of items) {
    const created = item.createdAt ? Date.parse(item.createdAt) : 0;
    if (s.maxSeen === null || created > s.maxSeen) s.maxSeen = created;
    if (ENDED.has(item.state)) {
      delete s.open[item.id];
      if (s.recent[item.id] === undefined) {
        s.ended[item.state] = (s.ended[item.state] ?? 0) + 1;
        s.recent[item.id] = created;
      }
    } else if (s.recent[item.id] === undefined) {
      s.open[item.id] = [item.state, created];
    }
  }
}

/** A stream's sweep reached the end of its list: the next one starts at the oldest open file (pure: unit-tested). */
export function closeSweep(s: StreamState): void {
  const openTimes = Object.values(s.open).map(([, t]) => t);
  const low = openTimes.length > 0 ? Math.min(...openTimes) : s.maxSeen;
  s.low = low === null ? null : Math.floor(low / 1000) * 1000;
  for (const [id, t] of Object.entries(s.recent)) if (s.low !== null && t < s.low) delete s.recent[id];
  s.token = null;
  s.from = null;
}
