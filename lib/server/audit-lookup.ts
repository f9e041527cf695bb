import "server-only";
import { requestType } from "@/lib/jobs/request-type";
import type { CiClient, CiTarget } from "@/lib/ci/client";
import { formatCiTime } from "@/lib/jobs/ci-time";
import { candidateFromJob, verdictForCancel, verdictForTrigger, type ReconcileLookup } from "./audit";

/**
 * Answers "what happened?" for an audit row whose outcome was lost, by asking CI (see audit-reconcile.ts for the
 * rules): a cancel by the job's state now; a trigger by CI's jobs with the same Name created around that time.
 */
export function ciReconcileLookup(client: CiClient, target: CiTarget): ReconcileLookup {
  return async (row, ctx) => {
    if (row.action === "cancel") {
      if (!row.jobId) return null;
      const { job } = await client.getJob(target, row.jobId);
      return verdictForCancel(job?.State ?? null);
    }
    const request = (row.request ?? {}) as { Name?: unknown; Type?: unknown };
    if (typeof request.Name !== "string") return null;
    const { jobs } = await client.listJobs(target, {
      name: request.Name,
      type: requestType(request.Type) ?? undefined,
      startCreationTime: formatCiTime(ctx.window.from, 480),
      endCreationTime: formatCiTime(ctx.window.to, 480),
      size: 100,
    });
    return verdictForTrigger(row, jobs.map(candidateFromJob), ctx);
  };
}
