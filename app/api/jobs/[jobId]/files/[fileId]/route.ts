import { loadBatchFile } from "@/lib/server/jobs/batch-files";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

/** One file of a batch: its workflow instance with each step, or its media job. */
export const GET = withApi<{ jobId: string; fileId: string }>(
  "GET /api/jobs/[jobId]/files/[fileId]",
  async ({ url, params, identity, log }) => {
    const file = await loadBatchFile(params.jobId, params.fileId, url.searchParams.get("bucket"), identity);
    log.ciRequestId = file.requestId || undefined;
    return jsonResponse(200, file);
  },
);
