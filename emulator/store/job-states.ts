/** Batch-job states and types exactly as CI spells them (doc 460/76894 JobsDetail.State; docs/ci-api.md §1.2). */
export const JOB_STATES = ["Submitted", "Running", "Success", "Failed", "Pause", "Cancel"] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JOB_TYPES = ["Workflow", "Job"] as const;
export type JobType = (typeof JOB_TYPES)[number];

/** CI cancels jobs that are still queued, running or paused (doc 460/76892); finished ones are refused. */
export const isCancellable = (state: string | undefined) =>
  state === "Submitted" || state === "Running" || state === "Pause";
