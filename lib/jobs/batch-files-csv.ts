/**
 * The failed-files CSV of a batch (issue 13): every failed file with CI's error, formula-safe through lib/jobs/csv.ts.
 * Loaded when someone downloads, not with the job page.
 */
import type { BatchFileItem } from "./batch-files";
import { CSV_LIST_JOINER, csvRecord } from "./csv";

export const FAILED_FILES_CSV_HEADER = [
  "Object",
  "State",
  "Code",
  "Message",
  "Started",
  "Ended",
  "Duration (ms)",
  "Outputs",
  "File ID",
  "Kind",
] as const;

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
