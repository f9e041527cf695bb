/**
 * The jwt mode (AUTH_MODE=jwt: a signed assertion verified with jose) comes from a parallel branch. This file says
 * whether this build's configuration schema knows it, and holds the env the app behind Apache runs with, written
 * against the documented variables (README "Deploying behind SSO").
 */
import { parseConfig } from "../../lib/server/config-schema";
import { SSO } from "./sso-env";

export function jwtAppEnv(): Record<string, string> {
  return {
    AUTH_MODE: "jwt",
    // No PUBLIC_ORIGIN: against the built-in emulator it is optional, and without it the app's own port can be called
    // directly (the around-the-proxy refusals below are then decided by the token, not by the Host rule's 421).
    AUTH_JWT_HEADER: "authorization",
    AUTH_JWKS_URL: `${SSO.issuer}/jwks`,
    AUTH_JWT_ISSUER: SSO.issuer,
    // mod_auth_openidc forwards the ID token it received as client `apache-sso`: that is the audience.
    AUTH_JWT_AUDIENCE: SSO.apacheClient.id,
    AUTH_JWT_USER_CLAIM: "email",
    AUTH_JWT_GROUPS_CLAIM: "groups",
  };
}

/**
 * True when AUTH_MODE=jwt parses. Only an error about AUTH_MODE itself means "not in this build"; any other
 * complaint (a missing variable after a merge) returns true, so the app fails to start and the run fails loudly.
 */
export function jwtModeAvailable(): boolean {
  try {
    parseConfig({ ...SSO.baseAppEnv("jwt-probe"), ...jwtAppEnv() });
    return true;
  } catch (e) {
    return !/AUTH_MODE/.test(e instanceof Error ? e.message : "");
  }
}
