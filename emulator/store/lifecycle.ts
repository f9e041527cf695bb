/**
 * The lazy clock: a job's state is a function of time, computed when asked. Submitted → Running → final
 * (Success / Failed / Pause); a cancel or an admin override pins a state from its instant on.
 */
import type { JobState } from "./job-states";
import type { JobFailure, JobRecord, JobTimeline } from "./job-record";

export interface JobStatus {
  state: JobState;
  startAt: number | null;
  endAt: number | null;
  /** 0–100 while Running, 100 on Success; null otherwise. */
  progress: number | null;
}

/** Inputs that steer a triggered job, by substring (case-insensitive) of any Input value. */
export interface LifecyclePlan {
  final: "Success" | "Failed" | "Pause";
  /** Phases take 4× longer. */
  slow: boolean;
}

export function planFromInput(input: Record<string, unknown>): LifecyclePlan {
  const text = Object.values(input)
    .filter((v): v is string => typeof v === "string")
    .join(" ")
    .toLowerCase();
  const final = text.includes("fail") ? "Failed" : text.includes("pause") ? "Pause" : "Success";
  return { final, slow: text.includes("slow") };
}

/** Submitted for one step, Running for one step, then the final state (4 steps each when slow). */
export function timelineFor(createdAt: number, stepMs: number, plan: LifecyclePlan): JobTimeline {
  const step = stepMs * (plan.slow ? 4 : 1);
  return { startAt: createdAt + step, endAt: createdAt + 2 * step, final: plan.final };
}

function natural(t: JobTimeline, now: number): JobStatus {
  if (now < t.startAt) return { state: "Submitted", startAt: null, endAt: null, progress: null };
  if (now < t.endAt) {
    const progress = Math.min(99, Math.floor((100 * (now - t.startAt)) / Math.max(1, t.endAt - t.startAt)));
    return { state: "Running", startAt: t.startAt, endAt: null, progress };
  }
  if (t.final === "Pause") return { state: "Pause", startAt: t.startAt, endAt: null, progress: null };
  return { state: t.final, startAt: t.startAt, endAt: t.endAt, progress: t.final === "Success" ? 100 : null };
}

const ENDED: readonly JobState[] = ["Success", "Failed", "Cancel"];

export function jobStatus(job: Pick<JobRecord, "timeline" | "override">, now: number): JobStatus {
  const { override } = job;
  if (!override || now < override.at) return natural(job.timeline, now);
  const base = natural(job.timeline, override.at);
  const state = override.state;
  const startAt = state === "Submitted" ? null : (base.startAt ?? (state === "Cancel" ? null : override.at));
  const endAt = ENDED.includes(state) ? (ENDED.includes(base.state) ? base.endAt : override.at) : null;
  const progress = state === "Success" ? 100 : state === "Running" ? (base.progress ?? 0) : null;
  return { state, startAt, endAt, progress };
}

/** A realistic failure for a job whose input asked to fail, chosen by the job ID so it is stable. */
export const FAILURES: readonly JobFailure[] = [
  { code: "ResourceNotFound", message: "The input object does not exist or has been deleted." },
  { code: "ResourceNotSupported", message: "The input file is damaged or its format is not supported." },
  {
    code: "ResourceDownloadFailed",
    message: "Failed to download the input object; check the bucket's CI_QCSRole grant.",
  },
  {
    code: "WriteTargetBucketDenied",
    message: "Permission denied when writing the output object to the target bucket.",
  },
  { code: "InternalError", message: "An internal error occurred while processing the job. Try again later." },
];

export function failureFor(jobId: string, pool: readonly JobFailure[] = FAILURES.slice(0, 3)): JobFailure {
  let h = 0;
  for (const ch of jobId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return pool[h % pool.length]!;
}
