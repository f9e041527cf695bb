/**
 * The part of a route's fault plan that acts before the request is processed. Its own file because CI and COS routes
 * share it (server.ts) while each writes the refusal in its own error document.
 */
import { CiFault } from "./ci-error";
import type { ErrorAnswer } from "./error-answer";
import { NO_FAULT, type FaultPlan, type Faults } from "./faults";
import type { Stats } from "./stats";

export type FaultPlanKey = Parameters<Faults["plan"]>[0];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Counts the request, waits the injected latency, then says whether to drop the connection or answer an injected
 * 500 / SlowDown or the configured error answer instead.
 */
export function faultGate(stats: Stats, faults: Faults) {
  return async function faultsBefore(
    key: FaultPlanKey | null,
  ): Promise<{ plan: FaultPlan; early: "drop" | CiFault | ErrorAnswer | null }> {
    stats.request(key ?? "unmatched");
    const plan: FaultPlan = key ? faults.plan(key) : NO_FAULT;
    if (plan.latencyMs > 0) {
      stats.fault("latency");
      await sleep(plan.latencyMs);
    }
    if (plan.before === "drop") return { plan, early: "drop" };
    if (plan.before === "errorAnswer" && plan.errorAnswer) {
      stats.fault("errorAnswer");
      return { plan, early: plan.errorAnswer };
    }
    if (plan.before === "error") {
      stats.fault("error");
      return { plan, early: new CiFault(500, "InternalError", "We encountered an internal error. Please try again.") };
    }
    if (plan.before === "slowDown") {
      stats.fault("slowDown");
      return { plan, early: new CiFault(503, "SlowDown", "Please reduce your request rate.") };
    }
    return { plan, early: null };
  };
}
