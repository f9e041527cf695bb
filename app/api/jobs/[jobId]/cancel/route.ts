import { cancelJob } from "@/lib/server/jobs/cancel";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

/** Cancels a job that CI is still working on. */
export const POST = withApi<{ jobId: string }>(
  "POST /api/jobs/[jobId]/cancel",
  async ({ url, params, identity, log }) => {
    const result = await cancelJob(identity, params.jobId, url.searchParams.get("bucket"));
    log.ciRequestId = result.requestId;
    return jsonResponse(200, result);
  },
  { mutation: true },
);
