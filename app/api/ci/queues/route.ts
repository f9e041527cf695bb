import { loadPicker } from "@/lib/server/jobs-service";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

/** Media queues, for the wizard's QueueId picker. */
export const GET = withApi("GET /api/ci/queues", async ({ url, identity }) =>
  jsonResponse(200, { items: await loadPicker("queues", url.searchParams.get("bucket"), undefined, identity) }),
);
