/**
 * The env the app behind Apache runs with in AUTH_MODE=jwt (a signed assertion verified with jose), written against
 * the documented variables (README "Deploying behind SSO").
 */
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
