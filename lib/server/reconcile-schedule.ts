import "server-only";
/**
 * When audit rows whose outcome was lost are settled from CI: one pass per bucket at most every minute, whatever
 * the number of pages or polls that would like one (a job page with an open row polls every 3 s per tab), with a
 * few rows per pass, at the CI budget's lowest priority, and rows that stay undecided resting longer each time.
 */
import type { CiTarget } from "@/lib/ci/client";
import { ciReconcileLookup } from "./audit-lookup";
import { ReconcileBackoff } from "./audit-reconcile";
import { withPriority } from "./ci-budget";
import { getRuntime } from "./ci-runtime";
import { logEvent } from "./logger";
import { runReconcilePass } from "./reconcile-pass";

export const RECONCILE_EVERY_MS = 60_000;
/** Each row costs one CI call. */
export const RECONCILE_ROWS_PER_PASS = 10;

interface ScheduleState {
  lastPassAt: Map<string, number>;
  backoff: ReconcileBackoff;
}

// Process-wide (Next bundles route handlers and pages separately): one schedule per bucket, not one per bundle.
const KEY = Symbol.for("ci-batch-console.reconcile-schedule");
function state(): ScheduleState {
  const holder = globalThis as { [KEY]?: ScheduleState };
  holder[KEY] ??= { lastPassAt: new Map(), backoff: new ReconcileBackoff() };
  return holder[KEY];
}

/** Runs the bucket's reconcile pass when one is due; true when it ran (the caller may re-read the history). */
export async function reconcileIfDue(target: CiTarget, now: () => number = Date.now): Promise<boolean> {
  const s = state();
  const t = now();
  if (t - (s.lastPassAt.get(target.bucket) ?? Number.NEGATIVE_INFINITY) < RECONCILE_EVERY_MS) return false;
  s.lastPassAt.set(target.bucket, t); // before the pass: concurrent readers do not start a second one
  const { client } = getRuntime();
  // One pass at a time per bucket, across instances too (lib/server/reconcile-pass.ts); null: another instance runs it.
  const report = await withPriority("heavy", () =>
    runReconcilePass(target.bucket, ciReconcileLookup(client, target), {
      limit: RECONCILE_ROWS_PER_PASS,
      backoff: s.backoff,
    }),
  );
  if (report && report.checked > 0)
    logEvent({ level: "info", event: "audit-reconcile", bucket: target.bucket, ...report });
  return true;
}

/** Tests start each case with no pass behind them. */
export function resetReconcileScheduleForTests(): void {
  delete (globalThis as { [KEY]?: ScheduleState })[KEY];
}
