/**
 * Pure helpers that turn the files of a batch (lib/jobs/batch-files.ts) into what a person reads: the counts and how
 * sure we are of them, sizes, the table's cursor. No React, no zod: the job page's files section and the wizard's
 * preview include this file, so it stays small (the CSV and the retry refusals live in their own files, loaded on use).
 */
import { FILE_END_STATES, FILE_STATES, type FileCounts } from "./batch-files";

export interface CountsSummary {
  /** Known states in FILE_STATES order, then any state CI added, each with its count (zeros left out). */
  rows: { state: string; count: number }[];
  /** Files counted so far. */
  total: number;
  /** Files in an end state (Success, Failed, Cancel). */
  ended: number;
  /** ended / total in [0, 1]; 0 with no files. */
  fraction: number;
  /** "12" when complete, "at least 12" when the counter has not seen every file: never a guess shown as a fact. */
  totalLabel: string;
}

/** The counts as rows, totals and a progress fraction over the files counted so far. */
export function summariseCounts(counts: FileCounts, complete: boolean): CountsSummary {
  const known = FILE_STATES as readonly string[];
  const states = [
    ...known,
    ...Object.keys(counts)
      .filter((s) => !known.includes(s))
      .sort(),
  ];
  const rows = states.map((state) => ({ state, count: counts[state] ?? 0 })).filter((r) => r.count > 0);
  const total = rows.reduce((n, r) => n + r.count, 0);
  const ended = rows
    .filter((r) => (FILE_END_STATES as readonly string[]).includes(r.state))
    .reduce((n, r) => n + r.count, 0);
  return { rows, total, ended, fraction: total > 0 ? ended / total : 0, totalLabel: atLeast(total, complete) };
}

/** A count as a person should read it: exact, or "at least n" while more may come. */
export function atLeast(n: number, exact: boolean): string {
  return exact ? n.toLocaleString("en-US") : `at least ${n.toLocaleString("en-US")}`;
}

/** "0 B", "512 B", "1.5 KiB", "2.3 GiB" (binary units, as COS reports sizes in bytes). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024)
    return `${Math.max(0, Math.floor(Number.isFinite(bytes) ? bytes : 0))} B`;
  const units = ["KiB", "MiB", "GiB", "TiB", "PiB"];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** Where the files table is in CI's token-only paging: the current page's token and the tokens of the pages before. */
export interface FileCursor {
  token?: string;
  back: (string | undefined)[];
}

export const FIRST_PAGE: FileCursor = { back: [] };

/** One page on: the current token goes on the back stack. */
export function cursorNext(c: FileCursor, nextToken: string): FileCursor {
  return { token: nextToken, back: [...c.back, c.token] };
}

/** One page back (the first page stays the first page). */
export function cursorPrevious(c: FileCursor): FileCursor {
  if (c.back.length === 0) return FIRST_PAGE;
  return { token: c.back[c.back.length - 1], back: c.back.slice(0, -1) };
}
