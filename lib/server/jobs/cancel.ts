import "server-only";
import { CiError } from "@/lib/ci/errors";
import type { CancelAnswer } from "@/lib/jobs/api-contract";
import { isCancellable, isFinishedState } from "@/lib/jobs/states";
import { getRuntime } from "../ci-runtime";
import type { Identity } from "../identity";
import { ApiProblem } from "../problem";
import { failureOutcome, writeIntent, writeOutcome } from "./audit-writes";
import { assertJobId } from "./job";
import { resolveTarget } from "./target";

/** Cancels through CI; a job that already finished gets a clear 409 instead of CI's generic refusal. */
export async function cancelJob(identity: Identity, jobId: string, bucket?: string | null): Promise<CancelAnswer> {
  assertJobId(jobId);
  const target = resolveTarget(bucket);
  const { client, reads } = getRuntime();
  const current = await client.getJob(target, jobId);
  if (!current.job) throw new ApiProblem(404, "NoSuchJob", `Job ${jobId} does not exist in ${target.bucket}`);
  if (!isCancellable(current.job.State)) {
    throw new ApiProblem(
      409,
      "JobFinished",
      `Job ${jobId} is already ${current.job.State}; only Submitted, Running or paused jobs can be cancelled`,
      {
        extra: { state: current.job.State },
      },
    );
  }
  const auditId = await writeIntent({ identity, action: "cancel", bucket: target.bucket, jobId });
  try {
    const { requestId } = await client.cancelJob(target, jobId);
    await writeOutcome(auditId, { outcome: "success", jobId, ciRequestId: requestId }, "cancel");
    return { ok: true, requestId };
  } catch (e) {
    if (!(e instanceof CiError)) throw e;
    const definiteRefusal = e.status >= 400 && e.status < 500;
    if (e.outcomeUnknown || definiteRefusal) {
      const after = await client.getJob(target, jobId).catch(() => null);
      // The answer was lost but the cancel took effect: that is a success, not an error.
      if (e.outcomeUnknown && after?.job?.State === "Cancel") {
        await writeOutcome(auditId, { outcome: "success", jobId, ciRequestId: e.requestId }, "cancel");
        return { ok: true, requestId: e.requestId ?? after.requestId };
      }
      await writeOutcome(auditId, { ...failureOutcome(e), jobId }, "cancel");
      // It may have finished between our look and the cancel: say so plainly.
      if (definiteRefusal && after?.job && isFinishedState(after.job.State)) {
        throw new ApiProblem(
          409,
          "JobFinished",
          `Job ${jobId} finished (${after.job.State}) before it could be cancelled`,
        );
      }
      throw e;
    }
    await writeOutcome(auditId, { ...failureOutcome(e), jobId }, "cancel");
    throw e;
  } finally {
    await reads.clear(`${target.bucket}|`);
  }
}
