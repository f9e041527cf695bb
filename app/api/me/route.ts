import { roleOf } from "@/lib/server/auth/roles";
import { getConfig } from "@/lib/server/config";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

/** Where the dashboard's own sign-out lives; only AUTH_MODE=oidc has one (SSO fronts sign out at the front). */
const OIDC_SIGN_OUT_URL = "/auth/logout";

/** Who the caller is and what they may do, plus the buckets this dashboard serves. */
export const GET = withApi("GET /api/me", async ({ identity }) => {
  const config = getConfig();
  return jsonResponse(200, {
    user: { id: identity.id, name: identity.name, groups: identity.groups },
    canTrigger: identity.canTrigger,
    role: roleOf(identity),
    signOutUrl: config.auth.mode === "oidc" ? OIDC_SIGN_OUT_URL : null,
    buckets: config.buckets.map(({ bucket, region }) => ({ bucket, region })),
    emulator: config.emulator,
  });
});
