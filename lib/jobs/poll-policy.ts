/**
 * How often the screens poll, in one place: the job list (adapts to what is on screen and to the person's live
 * settings) and the job page (every 3 s until the job finishes). Both back off the same way after failures, so a
 * struggling CI is not hammered. When (on the server's clock) a poll lands is ./poll-schedule.ts's business.
 */
import { isFinishedState } from "./states";

export const POLL_ACTIVE_MS = 4_000;
export const POLL_IDLE_MS = 30_000;
export const POLL_MAX_BACKOFF_MS = 60_000;

/** The job page: one job, watched closely. */
export const JOB_POLL_MS = 3_000;
export const JOB_MAX_BACKOFF_MS = 30_000;

/** Exponential back-off after `failures` consecutive failed polls: base·2^failures, capped. */
export function backedOff(baseMs: number, failures: number, capMs: number): number {
  return Math.min(baseMs * 2 ** Math.min(failures, 10), capMs);
}

/**
 * How long to wait before the next poll of the job list: none while paused; every ~4 s while any job on screen may
 * still change, ~30 s once all have finished (or the chosen interval); after failures, exponential back-off from
 * that base, capped, so a struggling CI is not hammered.
 */
export function nextPollDelay(opts: {
  paused: boolean;
  interval: "auto" | number;
  states: readonly string[] | undefined;
  failures: number;
}): number | false {
  if (opts.paused) return false;
  const anyActive = (opts.states ?? []).some((s) => !isFinishedState(s));
  const base = opts.interval === "auto" ? (anyActive || !opts.states ? POLL_ACTIVE_MS : POLL_IDLE_MS) : opts.interval;
  if (opts.failures <= 0) return base;
  return backedOff(Math.max(base, POLL_ACTIVE_MS), opts.failures, POLL_MAX_BACKOFF_MS);
}

/** The job page's next poll: every 3 s, backing off after failures; none once the job has finished (and CI answers). */
export function jobPollDelay(opts: { state: string | undefined; failures: number }): number | false {
  if (opts.failures > 0) return backedOff(JOB_POLL_MS, opts.failures, JOB_MAX_BACKOFF_MS);
  return opts.state && isFinishedState(opts.state) ? false : JOB_POLL_MS;
}
