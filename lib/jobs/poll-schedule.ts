/**
 * When to poll next: on the server's beat. Every open dashboard polls at the next multiple of its interval on the
 * server's clock (plus a small per-tab jitter), so dashboards watching the same view ask within the same fraction of a
 * second and the server's reuse window (CI_CACHE_MS, lib/server/coalesce.ts) turns their polls into one CI call per
 * interval. Polling at random phases instead costs CI one call per CI_CACHE_MS (bench/fan-in.bench.ts measures both).
 * Freshness does not suffer: consecutive polls are still one interval apart.
 */

/** Response header carrying the server's clock in ms since the epoch (set on every API answer). */
export const SERVER_TIME_HEADER = "x-server-time";

/** Spread of the per-tab jitter: small against the 1 s reuse window, large enough not to arrive in the same tick. */
export const POLL_JITTER_MS = 300;

/**
 * Delay until this tab's next poll: the next multiple of `intervalMs` on the server's clock, plus `jitterMs`. A beat
 * closer than a quarter interval (at most 1 s) away is skipped, so an answer that just arrived (a filter change, a
 * manual refresh) is not followed by a second poll at once.
 */
export function alignedPollDelay(intervalMs: number, serverNowMs: number, jitterMs: number): number {
  const untilBeat = intervalMs - (((serverNowMs % intervalMs) + intervalMs) % intervalMs);
  const delay = untilBeat + jitterMs;
  return delay < Math.min(intervalMs / 4, 1_000) ? delay + intervalMs : delay;
}

/** A tab's fixed jitter in [0, POLL_JITTER_MS): fixed, so its polls stay exactly one interval apart. */
export function pickPollJitter(random: () => number = Math.random): number {
  return Math.floor(random() * POLL_JITTER_MS);
}
