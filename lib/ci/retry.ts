/**
 * Retry timing: capped exponential backoff with full jitter (delay drawn uniformly from [0, min(cap, base·2^n))),
 * so that many dashboards retrying after one CI hiccup do not come back in step.
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  random: () => number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 100, capMs: 2_000, random: Math.random };

/** Delay before retry number `attempt + 1` (attempt 0 = the first call failed). */
export function backoffDelay(attempt: number, policy: BackoffPolicy): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(policy.random() * ceiling);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
