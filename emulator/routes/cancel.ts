/**
 * `PUT /inventorytriggerjob/<jobId>?cancel` (docs/ci-api.md §1): 200, empty body; only Submitted, Running and Pause
 * jobs can be cancelled. Refusals are 400 InvalidArgument (see README).
 */
import { isCancellable } from "../store/job-states";
import { invalidArgument } from "../ci-error";
import { jobStatus } from "../store/lifecycle";
import type { CiResult } from "../types";
import type { RouteContext } from "./context";

export function handleCancel(ctx: RouteContext): CiResult {
  if (!ctx.query.has("cancel"))
    throw invalidArgument("PUT on a batch job needs the cancel action: PUT /inventorytriggerjob/<jobId>?cancel");
  const jobId = ctx.jobId ?? "";
  const job = ctx.store.jobs.get(jobId);
  if (!job) throw invalidArgument(`The batch job ${jobId} does not exist`);
  const { state } = jobStatus(job, ctx.now);
  if (!isCancellable(state))
    throw invalidArgument(`The batch job ${jobId} is already finished (State ${state}) and cannot be cancelled`);
  job.override = { state: "Cancel", at: ctx.now };
  return { status: 200, body: "" };
}
