import { loadJob } from "@/lib/server/jobs/job";
import { ApiProblem } from "@/lib/server/problem";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

/** One job, with the XML exactly as CI returned it. */
export const GET = withApi<{ jobId: string }>("GET /api/jobs/[jobId]", async ({ url, params, log, identity }) => {
  const found = await loadJob(params.jobId, url.searchParams.get("bucket"), identity);
  if (!found)
    throw new ApiProblem(404, "NoSuchJob", `Job ${params.jobId} does not exist (CI lists it in NonExistJobIds)`);
  log.ciRequestId = found.requestId;
  return jsonResponse(200, found);
});
