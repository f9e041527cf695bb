import { loadBatchFiles, parseFilesQuery } from "@/lib/server/jobs/batch-files";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

/** The files inside a batch: counts by state and one page of per-file results (lib/jobs/batch-files.ts). */
export const GET = withApi<{ jobId: string }>("GET /api/jobs/[jobId]/files", async ({ url, params, identity, log }) => {
  const page = await loadBatchFiles(params.jobId, parseFilesQuery(url.searchParams), identity);
  log.ciRequestId = page.requestId || undefined;
  return jsonResponse(200, page);
});
