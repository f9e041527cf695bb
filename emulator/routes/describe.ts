/** `GET /inventorytriggerjob/<jobId>` (docs/ci-api.md §1.4): an unknown ID is a 200 with `<NonExistJobIds>`. */
import { renderJobDetail } from "../store/job-detail";
import { xmlResponse } from "../xml-response";
import type { CiResult } from "../types";
import type { RouteContext } from "./context";

export function handleDescribe(ctx: RouteContext): CiResult {
  const jobId = ctx.jobId ?? "";
  const job = ctx.store.jobs.get(jobId);
  if (!job) return xmlResponse(ctx.requestId, { NonExistJobIds: [jobId] });
  return xmlResponse(ctx.requestId, { JobsDetail: [renderJobDetail(job, ctx.now, "query")] });
}
