import "server-only";
import type { AppConfig } from "../config-schema";
import type { IdentityResult } from "./types";

/**
 * AUTH_MODE=oidc: the dashboard signs people in itself and keeps them in an encrypted session cookie.
 * Placeholder until the sign-in routes land: nobody is signed in. Roles are applied by index.ts to the id and
 * groups returned here, so this function only has to say who the cookie belongs to.
 */
export function identifyOidc(_headers: Headers, _config: AppConfig): Promise<IdentityResult> | IdentityResult {
  return { ok: false, reason: "Not signed in" };
}
