/**
 * Pure helpers that turn the files of a batch (lib/jobs/batch-files.ts) into what a person reads: the counts and how
 * sure we are of them, the failed-files CSV, the retry refusals in plain words, sizes. No React, no zod: the job page's
 * files section includes this file.
 */
import { FILE_END_STATES, FILE_STATES, type BatchFileItem, type FileCounts, type RetryErrorCode } from "./batch-files";
import { CSV_LIST_JOINER, csvRecord } from "./csv";

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
  const states = [...known, ...Object.keys(counts).filter((s) => !known.includes(s)).sort()];
  const rows = states.map((state) => ({ state, count: counts[state] ?? 0 })).filter((r) => r.count > 0);
  const total = rows.reduce((n, r) => n + r.count, 0);
  const ended = rows.filter((r) => (FILE_END_STATES as readonly string[]).includes(r.state)).reduce((n, r) => n + r.count, 0);
  return { rows, total, ended, fraction: total > 0 ? ended / total : 0, totalLabel: atLeast(total, complete) };
}

/** A count as a person should read it: exact, or "at least n" while more may come. */
export function atLeast(n: number, exact: boolean): string {
  return exact ? n.toLocaleString("en-US") : `at least ${n.toLocaleString("en-US")}`;
}

export const FAILED_FILES_CSV_HEADER = ["Object", "State", "Code", "Message", "Started", "Ended", "Duration (ms)", "Outputs", "File ID", "Kind"] as const;

/** The failed-files CSV (RFC 4180, formula-safe through lib/jobs/csv.ts): a header, then one row per file. */
export function buildFailedFilesCsv(items: readonly BatchFileItem[]): string {
  let csv = csvRecord(FAILED_FILES_CSV_HEADER);
  for (const f of items) {
    csv += csvRecord([
      f.object,
      f.state,
      f.code,
      f.message,
      f.startedAt,
      f.endedAt,
      f.durationMs !== undefined ? String(f.durationMs) : "",
      (f.outputs ?? []).join(CSV_LIST_JOINER),
      f.id,
      f.kind,
    ]);
  }
  return csv;
}

/** `failed-files_<jobId>_<timestamp>.csv`, safe on every OS. */
export function failedFilesCsvName(jobId: string, now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return `failed-files_${jobId.replace(/[^0-9A-Za-z._-]+/g, "-")}_${stamp}.csv`;
}

/** What each retry refusal means and what to do about it, for a person (the server's message is shown beside it). */
export const RETRY_ERROR_EXPLANATIONS: Record<RetryErrorCode, { title: string; advice: string }> = {
  RetryNotConfigured: {
    title: "Retry is not set up on this dashboard",
    advice:
      "A retry writes the list of failed files into the input bucket, under the folder named by the server setting RETRY_LIST_PREFIX (for example retry-lists/). Ask whoever runs the dashboard to set it. Meanwhile, “Download failed files” still works.",
  },
  RetryBatchNotFinished: {
    title: "The batch is still running",
    advice: "Its counts are not final yet. Retry becomes available once the batch has finished.",
  },
  RetryNothingToRetry: {
    title: "No failed files",
    advice: "Every file of this batch ended without failing: there is nothing to retry.",
  },
  RetryTooManyFiles: {
    title: "Too many failed files for one retry",
    advice: "One URL list cannot hold them all. Download the failed files and split them into smaller batches.",
  },
};

/** The explanation of a retry error code, or null for codes that are not retry refusals. */
export function explainRetryError(code: string): { title: string; advice: string } | null {
  return Object.hasOwn(RETRY_ERROR_EXPLANATIONS, code) ? RETRY_ERROR_EXPLANATIONS[code as RetryErrorCode] : null;
}

/** "0 B", "512 B", "1.5 KiB", "2.3 GiB" (binary units, as COS reports sizes in bytes). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.floor(Number.isFinite(bytes) ? bytes : 0))} B`;
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
