/** The vocabulary of batch jobs: states and types exactly as CI spells them (docs/ci-api.md §1.2). */
export const JOB_STATES = ["Submitted", "Running", "Success", "Failed", "Pause", "Cancel"] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JOB_TYPES = ["Workflow", "Job"] as const;
export type JobType = (typeof JOB_TYPES)[number];

/** States in which CI is still working on the job (it may change; it may be cancelled). */
export const ACTIVE_STATES: readonly JobState[] = ["Submitted", "Running", "Pause"];

export function isJobState(value: unknown): value is JobState {
  return typeof value === "string" && (JOB_STATES as readonly string[]).includes(value);
}

/** True when CI will not change the job any more. Unknown states count as active: we keep watching them. */
export function isFinishedState(state: string | undefined): boolean {
  return state === "Success" || state === "Failed" || state === "Cancel";
}

/** Whether CI accepts a cancel for a job in this state. */
export function isCancellable(state: string | undefined): boolean {
  return state === "Submitted" || state === "Running" || state === "Pause";
}
