/**
 * How each file of a batch goes, as a pure function of the batch, the file's index and key, and the clock (like
 * store/lifecycle.ts: nothing is stored, nothing runs in the background). Files are created staggered over the first
 * 60 % of the batch's running window and all end by the batch's EndTime. About 7 % of keys fail, chosen by the key
 * alone (so a key fails in every batch and tests can rely on it), and every key containing "fail" fails.
 */
import type { JobState } from "../store/job-states";
import { hash32 } from "../cos/key-order";
import type { JobFailure, JobRecord } from "../store/job-record";

/** Share of keys that fail, in per mille. */
export const FAILING_PER_MILLE = 70;

/** Per-file failures, with CI's codes (docs/ci-api.md §3.2–3.3), weighted towards what media teams see most. */
export const FILE_FAILURES: readonly JobFailure[] = [
  { code: "ResourceNotSupported", message: "The input file is damaged or its format is not supported." },
  { code: "ResourceNotSupported", message: "The input file has no video stream." },
  { code: "ResourceNotFound", message: "The input object does not exist or has been deleted." },
  {
    code: "ResourceDownloadFailed",
    message: "Failed to download the input object; check the bucket's CI_QCSRole grant.",
  },
  {
    code: "WriteTargetBucketDenied",
    message: "Permission denied when writing the output object to the target bucket.",
  },
  { code: "InternalError", message: "An internal error occurred while processing the file. Try again later." },
];

const MISSING: JobFailure = FILE_FAILURES[2]!;

/** Index into FILE_FAILURES of how a key fails, or -1 when it does not (a missing object is handled by the caller). */
export function failureIndex(key: string): number {
  const h = hash32(`file-outcome|${key}`);
  if (!key.toLowerCase().includes("fail") && h % 1000 >= FAILING_PER_MILLE) return -1;
  return (h >>> 12) % FILE_FAILURES.length;
}

/** Whether a key fails, and how: deterministic per key. A missing object always fails with ResourceNotFound. */
export function fileFailure(key: string, exists = true): JobFailure | null {
  if (!exists) return MISSING;
  const i = failureIndex(key);
  return i < 0 ? null : FILE_FAILURES[i]!;
}

/** The per-file draw fileTiming uses (cache it: it depends on the batch's ID and the key only). */
export const timingHash = (jobId: string, key: string) => hash32(`timing|${jobId}|${key}`);

export interface FileTiming {
  createdAt: number;
  startAt: number;
  endAt: number;
}

export interface FileStatus {
  state: JobState;
  createdAt: number;
  startAt: number | null;
  endAt: number | null;
  /** Set when the file failed. */
  failure: JobFailure | null;
  /** When it ends (or ended) if nothing stops it: for Progress. */
  plannedEndAt: number;
}

/** When file `index` of `count` is created, starts and ends, inside the batch's running window. */
export function fileTiming(
  job: JobRecord,
  index: number,
  count: number,
  key: string,
  h = timingHash(job.jobId, key),
): FileTiming {
  const { startAt: s, endAt: e } = job.timeline;
  const w = Math.max(1, e - s);
  const createdAt = s + Math.floor((index * 0.6 * w) / Math.max(1, count));
  const startAt = createdAt + Math.floor(0.05 * w * ((h & 0xffff) / 0x10000));
  const endAt = Math.min(e, startAt + Math.floor(w * (0.1 + 0.25 * ((h >>> 16) / 0x10000))));
  return { createdAt, startAt, endAt };
}

/**
 * The file's state at `now`, or null when it does not exist (yet, or ever). A batch whose own input failed
 * (timeline final Failed) has no files. A cancel (or a forced Cancel / Failed) stops the batch at that instant: files
 * not created by then never are, unfinished ones end in Cancel. A paused batch creates no files after the middle of
 * its window. Workflow instances never report Submitted: they are Running from creation.
 */
export function fileStatus(
  job: JobRecord,
  timing: FileTiming,
  failure: JobFailure | null,
  now: number,
  kind: "workflow" | "media",
): FileStatus | null {
  if (job.timeline.final === "Failed") return null;
  const stop =
    job.override && (job.override.state === "Cancel" || job.override.state === "Failed") ? job.override.at : null;
  const limit = stop === null ? now : Math.min(now, stop);
  if (timing.createdAt > limit) return null;
  if (
    job.timeline.final === "Pause" &&
    timing.createdAt > job.timeline.startAt + (job.timeline.endAt - job.timeline.startAt) / 2
  )
    return null;
  const base = { createdAt: timing.createdAt, failure: null, plannedEndAt: timing.endAt };
  if (stop !== null && stop < timing.endAt && now >= stop)
    return { ...base, state: "Cancel", startAt: stop >= timing.startAt ? timing.startAt : null, endAt: stop };
  if (now < timing.startAt)
    return kind === "workflow"
      ? { ...base, state: "Running", startAt: timing.createdAt, endAt: null }
      : { ...base, state: "Submitted", startAt: null, endAt: null };
  if (now < timing.endAt)
    return { ...base, state: "Running", startAt: kind === "workflow" ? timing.createdAt : timing.startAt, endAt: null };
  const startAt = kind === "workflow" ? timing.createdAt : timing.startAt;
  return failure
    ? { ...base, state: "Failed", startAt, endAt: timing.endAt, failure }
    : { ...base, state: "Success", startAt, endAt: timing.endAt };
}
