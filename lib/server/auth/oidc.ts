import "server-only";
import type { AppConfig } from "../config-schema";
import { displayName } from "./roles";
import { readSession } from "./oidc-session";
import type { IdentityResult } from "./types";

/**
 * `oidc` mode: the caller is whoever the encrypted session cookie (set by app/auth/callback after a real OpenID
 * Connect login) says. No cookie, or one that fails to decrypt, means "not signed in" (401), never a 5xx. Only the
 * person and their groups come from here: identify.ts applies the roles (deny by default, lib/server/auth/roles.ts)
 * to them as for every other mode, so `canTrigger` below is never used as it stands.
 */
export async function identifyOidc(headers: Headers, config: AppConfig): Promise<IdentityResult> {
  const oidc = config.auth.oidc;
  if (!oidc) return { ok: false, reason: "OIDC sign-in is not configured" };
  const session = await readSession(headers, oidc);
  if (!session) return { ok: false, reason: "Not signed in: open /auth/login to sign in" };
  return {
    ok: true,
    identity: { id: session.user, name: displayName(session.user), groups: session.groups, canTrigger: false },
  };
}
