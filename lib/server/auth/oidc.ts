import "server-only";
import type { AppConfig } from "../config-schema";
import type { IdentityResult } from "../identity";
import { readSession } from "./oidc-session";

/**
 * `oidc` mode: the caller is whoever the encrypted session cookie (set by app/auth/callback after a real OpenID
 * Connect login) says. No cookie, or one that fails to decrypt, means "not signed in" (401), never a 5xx.
 */
export async function identifyOidc(headers: Headers, config: AppConfig): Promise<IdentityResult> {
  const oidc = config.auth.oidc;
  if (!oidc) return { ok: false, reason: "OIDC sign-in is not configured" };
  const session = await readSession(headers, oidc);
  if (!session) return { ok: false, reason: "Not signed in: open /auth/login to sign in" };
  // INTEGRATOR: take the role from lib/server/auth/roles.ts (deny by default) once auth-core's branch is merged.
  const operators = config.auth.operatorGroups;
  const canTrigger = operators.length === 0 || session.groups.some((g) => operators.includes(g));
  const name = session.user.includes("@") ? session.user.slice(0, session.user.indexOf("@")) : session.user;
  return { ok: true, identity: { id: session.user, name, groups: session.groups, canTrigger } };
}
