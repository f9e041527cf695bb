import { parsePreviewQuery, previewInput } from "@/lib/server/jobs/input-preview";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

/** What a batch's Input would touch (Prefix, Object, UrlFile or Manifest), in at most 10 COS calls. */
export const GET = withApi("GET /api/inputs/preview", async ({ url }) => {
  const query = parsePreviewQuery(url.searchParams);
  return jsonResponse(200, await previewInput(query));
});
