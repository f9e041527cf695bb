import { getConfig } from "@/lib/server/config";
import { toMe } from "@/lib/server/me";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

/** Who the caller is and what they may do, plus the buckets this dashboard serves. */
export const GET = withApi("GET /api/me", async ({ identity }) => jsonResponse(200, toMe(identity, getConfig())));
