import { getConfig } from "@/lib/server/config";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

/** Who the caller is and what they may do, plus the buckets this dashboard serves. */
export const GET = withApi("GET /api/me", async ({ identity }) => {
  const config = getConfig();
  return jsonResponse(200, {
    user: { id: identity.id, name: identity.name, groups: identity.groups },
    canTrigger: identity.canTrigger,
    buckets: config.buckets.map(({ bucket, region }) => ({ bucket, region })),
    emulator: config.emulator,
  });
});
