import { retryPlan, startRetry } from "@/lib/server/jobs/retry";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

/** What a retry of the batch's failed files would do (the review step): nothing is written to COS or sent to CI. */
export const GET = withApi<{ jobId: string }>("GET /api/jobs/[jobId]/retry", async ({ url, params, identity }) => {
  return jsonResponse(200, await retryPlan(params.jobId, url.searchParams.get("bucket"), identity));
});

/** Writes the URL list of failed files and triggers a batch over it; Idempotency-Key honoured as for POST /api/jobs. */
export const POST = withApi<{ jobId: string }>(
  "POST /api/jobs/[jobId]/retry",
  async ({ req, url, params, identity, log }) => {
    const answer = await startRetry(identity, params.jobId, {
      bucket: url.searchParams.get("bucket"),
      idempotencyKey: req.headers.get("idempotency-key"),
    });
    log.ciRequestId = (answer.body as { requestId?: string } | null)?.requestId;
    return jsonResponse(answer.status, answer.body);
  },
  { mutation: true },
);
