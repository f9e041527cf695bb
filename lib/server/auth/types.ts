/** The vocabulary every sign-in mode speaks. */

export interface Identity {
  id: string;
  name: string;
  groups: string[];
  /** May trigger and cancel jobs. */
  canTrigger: boolean;
}

/**
 * `status` 401: nobody is signed in (or the proof is bad); 403: signed in, but outside AUTH_ALLOWED_GROUPS.
 * `reason` is shown to the caller, so it never echoes a header or token value.
 */
export type IdentityResult = { ok: true; identity: Identity } | { ok: false; reason: string; status?: 401 | 403 };

/** The person a mode has verified, before roles are applied. */
export interface VerifiedUser {
  id: string;
  groups: string[];
}

export type VerifiedResult = { ok: true; user: VerifiedUser } | { ok: false; reason: string };

export const AUTH_MODES = ["header", "jwt", "oidc", "none"] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export const JWT_PRESETS = ["pomerium", "cloudflare", "iap", "alb", "oauth2-proxy"] as const;
export type JwtPreset = (typeof JWT_PRESETS)[number];

export interface HeaderAuthConfig {
  userHeader: string;
  groupsHeader: string;
  /** Splits one header line into groups; repeated lines arrive joined with ", " (see header.ts). */
  groupsSeparator: string;
  /** Current secret first, then AUTH_PROXY_SECRET_PREVIOUS during a rotation. Empty only against the built-in emulator. */
  proxySecrets: string[];
}

export interface JwtAuthConfig {
  preset?: JwtPreset;
  /** Lower-case header name carrying the token. */
  header: string;
  /** `jwks`: a JSON Web Key Set; `alb-pem`: one PEM public key per kid at `<keyUrl>/<kid>` (AWS ALB). */
  keySource: "jwks" | "alb-pem";
  keyUrl: URL;
  issuer: string;
  /** Required except for ALB, whose tokens carry no `aud` (there it is compared with the header's `client`). */
  audience?: string;
  algorithms: string[];
  userClaim: string;
  groupsClaim: string;
  /** ALB only: the load balancer's ARN, compared with the token header's `signer`. */
  albArn?: string;
}

/** The oidc mode's settings: lib/server/auth/oidc-config.ts. */
export type { OidcConfig as OidcAuthConfig } from "./oidc-config";

export interface RolesConfig {
  operatorGroups: string[];
  operatorUsers: string[];
  everyoneOperates: boolean;
  /** Empty: every signed-in person may look. */
  allowedGroups: string[];
}

export interface AuthConfig {
  mode: AuthMode;
  header: HeaderAuthConfig;
  jwt?: JwtAuthConfig;
  oidc?: import("./oidc-config").OidcConfig;
  roles: RolesConfig;
}
