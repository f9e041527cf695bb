/**
 * The `oidc` mode's part of the configuration contract (README "Native OIDC"). Pure, like config-schema.ts, which
 * spreads `oidcEnvShape` into its schema and calls `parseOidcConfig` when AUTH_MODE=oidc. Errors are plain Errors
 * naming the variable (never its value); config-schema turns them into ConfigError.
 */
import { z } from "zod";

const text = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string().trim().optional(),
);

export const oidcEnvShape = {
  OIDC_ISSUER: text,
  OIDC_CLIENT_ID: text,
  OIDC_CLIENT_SECRET: text,
  OIDC_GROUPS_CLAIM: text,
  OIDC_SCOPES: text,
  AUTH_SESSION_SECRET: text,
  AUTH_SESSION_TTL: text,
};

type OidcEnv = { [K in keyof typeof oidcEnvShape]?: string };

export interface OidcConfig {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** AUTH_SESSION_SECRET: the cookie keys are derived from it (lib/server/auth/session.ts). */
  sessionSecret: string;
  /** Claim holding the groups array; a dotted path (`realm_access.roles`) reaches into nested objects. */
  groupsClaim: string;
  scopes: string;
  sessionTtlSeconds: number;
  /** `${PUBLIC_ORIGIN}/auth/callback`, registered at the identity provider. */
  redirectUri: URL;
  /** The session cookie carries `Secure` (and the `__Host-` prefix) unless the app is served over http on loopback. */
  secureCookies: boolean;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** http is tolerated only on the loopback interface (tests, a laptop); everything else must be https. */
export function isHttpLoopback(url: URL): boolean {
  return url.protocol === "http:" && LOOPBACK.has(url.hostname);
}

function httpsOrLoopback(value: string, variable: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${variable} must be a URL such as https://ci-console.corp`);
  }
  if (url.protocol !== "https:" && !isHttpLoopback(url))
    throw new Error(`${variable} must use https (http only on 127.0.0.1 / localhost)`);
  return url;
}

/** PUBLIC_ORIGIN as an origin string (no path), or undefined when unset. */
export function parsePublicOrigin(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const url = httpsOrLoopback(value, "PUBLIC_ORIGIN");
  if (url.pathname !== "/" || url.search || url.hash)
    throw new Error("PUBLIC_ORIGIN must be an origin only, such as https://ci-console.corp (no path)");
  return url.origin;
}

const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** "8h", "30m", "3600" (seconds): between 5 minutes and 7 days. */
export function parseSessionTtl(value: string | undefined): number {
  if (!value) return 8 * 3600;
  const match = /^(\d{1,7})([smhd]?)$/.exec(value);
  const seconds = match ? Number(match[1]) * TTL_UNITS[match[2] || "s"]! : NaN;
  if (!(seconds >= 300 && seconds <= 7 * 86400))
    throw new Error("AUTH_SESSION_TTL must be a duration between 5m and 7d, such as 8h, 30m or 3600");
  return seconds;
}

function required(value: string | undefined, variable: string): string {
  if (!value) throw new Error(`${variable} is required when AUTH_MODE=oidc`);
  return value;
}

/** Validates the oidc mode's variables; throws an Error naming the first bad one. */
export function parseOidcConfig(env: OidcEnv, publicOrigin: string | undefined): OidcConfig {
  const origin = required(publicOrigin, "PUBLIC_ORIGIN");
  const issuer = httpsOrLoopback(required(env.OIDC_ISSUER, "OIDC_ISSUER"), "OIDC_ISSUER");
  const clientId = required(env.OIDC_CLIENT_ID, "OIDC_CLIENT_ID");
  const clientSecret = required(env.OIDC_CLIENT_SECRET, "OIDC_CLIENT_SECRET");
  const sessionSecret = required(env.AUTH_SESSION_SECRET, "AUTH_SESSION_SECRET");
  if (sessionSecret.length < 32)
    throw new Error("AUTH_SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -base64 48`)");
  const groupsClaim = env.OIDC_GROUPS_CLAIM ?? "groups";
  if (!/^[\w:/.-]{1,200}$/.test(groupsClaim))
    throw new Error("OIDC_GROUPS_CLAIM must be a claim name or dotted path, such as groups");
  const scopes = env.OIDC_SCOPES ?? "openid email profile";
  if (!scopes.split(/\s+/).includes("openid")) throw new Error("OIDC_SCOPES must include openid");
  return {
    issuer,
    clientId,
    clientSecret,
    sessionSecret,
    groupsClaim,
    scopes,
    sessionTtlSeconds: parseSessionTtl(env.AUTH_SESSION_TTL),
    redirectUri: new URL("/auth/callback", origin),
    secureCookies: !isHttpLoopback(new URL(origin)),
  };
}
