import "server-only";
import type { MeAnswer } from "@/lib/jobs/api-contract";
import { roleOf } from "./auth/roles";
import type { Identity } from "./auth/types";
import type { AppConfig } from "./config-schema";

/** Where the dashboard's own sign-out lives; only AUTH_MODE=oidc has one (SSO fronts sign out at the front). */
const OIDC_SIGN_OUT_URL = "/auth/logout";

/** Who the caller is and what they may do, plus the buckets this dashboard serves: /api/me and every page's cache. */
export function toMe(identity: Identity, config: AppConfig): MeAnswer {
  return {
    user: { id: identity.id, name: identity.name, groups: identity.groups },
    canTrigger: identity.canTrigger,
    role: roleOf(identity),
    signOutUrl: config.auth.mode === "oidc" ? OIDC_SIGN_OUT_URL : null,
    buckets: config.buckets.map(({ bucket, region }) => ({ bucket, region })),
    emulator: config.emulator,
  };
}
