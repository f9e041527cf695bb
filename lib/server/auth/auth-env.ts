/**
 * The auth part of the configuration contract (README "Configuration" and "Deploying behind SSO"): explicit modes,
 * no silent fallback between them, deny by default. Pure: the caller passes the environment and the facts about CI.
 */
import { isLoopbackHostname } from "./built-in-emulator";
import { fail, flag, headerName, text } from "./config-fail";
import { resolveJwtConfig } from "./jwt-presets";
import { parseOidcConfig, type OidcConfig } from "./oidc-config";
import { AUTH_MODES, type AuthConfig, type AuthMode, type HeaderAuthConfig, type RolesConfig } from "./types";

type Env = Record<string, string | undefined>;

/** Shared secrets shorter than this are guessable; Apache, nginx and oauth2-proxy configs hold 32+ easily. */
export const MIN_SECRET_LENGTH = 32;

export interface AuthFacts {
  /** lib/server/auth/built-in-emulator.ts: loopback CI_ENDPOINT and the emulator's demo keys. */
  builtInEmulator: boolean;
  publicOrigin?: URL;
}

function secret(env: Env, variable: string): string | undefined {
  const v = text(env, variable);
  if (v !== undefined && v.length < MIN_SECRET_LENGTH)
    fail(variable, `must be at least ${MIN_SECRET_LENGTH} characters`);
  return v;
}

function splitList(raw: string | undefined, separator: string): string[] {
  return (raw ?? "")
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
}

function parseMode(env: Env, facts: AuthFacts): AuthMode {
  if (env.ALLOW_ANONYMOUS !== undefined)
    fail("ALLOW_ANONYMOUS", "is no longer supported; AUTH_MODE=none runs only against the built-in emulator");
  const raw = env.AUTH_MODE?.trim();
  if (!raw) {
    if (facts.builtInEmulator) return "none";
    fail("AUTH_MODE", `is required: ${AUTH_MODES.join(" | ")} (README "Deploying behind SSO")`);
  }
  if (!(AUTH_MODES as readonly string[]).includes(raw)) fail("AUTH_MODE", `must be one of ${AUTH_MODES.join(", ")}`);
  const mode = raw as AuthMode;
  if (mode === "none" && !facts.builtInEmulator) {
    fail(
      "AUTH_MODE",
      "none is allowed only against the built-in emulator (loopback CI_ENDPOINT with its demo keys); choose header, jwt or oidc",
    );
  }
  return mode;
}

function parseHeader(env: Env, mode: AuthMode, facts: AuthFacts): HeaderAuthConfig {
  const separator = env.AUTH_GROUPS_SEPARATOR ?? ",";
  if (separator.length < 1 || separator.length > 3 || separator.trim() === "")
    fail("AUTH_GROUPS_SEPARATOR", "must be 1 to 3 non-space characters, e.g. ; or |");
  const current = secret(env, "AUTH_PROXY_SECRET");
  const previous = secret(env, "AUTH_PROXY_SECRET_PREVIOUS");
  if (previous !== undefined && current === undefined)
    fail("AUTH_PROXY_SECRET_PREVIOUS", "needs AUTH_PROXY_SECRET (the new secret) next to it");
  if (mode === "header" && current === undefined && !facts.builtInEmulator) {
    fail(
      "AUTH_PROXY_SECRET",
      `is required in header mode (at least ${MIN_SECRET_LENGTH} characters, sent by the proxy as x-auth-proxy-secret)`,
    );
  }
  return {
    userHeader: headerName(env, "AUTH_USER_HEADER", "x-forwarded-email"),
    groupsHeader: headerName(env, "AUTH_GROUPS_HEADER", "x-forwarded-groups"),
    groupsSeparator: separator,
    proxySecrets: [current, previous].filter((s): s is string => s !== undefined),
  };
}

/** The oidc mode's variables (lib/server/auth/oidc-config.ts); its plain Errors become one ConfigError line. */
function parseOidc(env: Env, publicOrigin: URL | undefined): OidcConfig {
  try {
    // The session cookie must be Secure: plain http only on loopback (tests), as for the issuer.
    if (publicOrigin && publicOrigin.protocol !== "https:" && !isLoopbackHostname(publicOrigin.hostname)) {
      return fail("PUBLIC_ORIGIN", "must use https in oidc mode (http only on 127.0.0.1 / localhost)");
    }
    // Blank means unset here as everywhere else in the configuration.
    const trimmed = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v?.trim() ? v.trim() : undefined]));
    return parseOidcConfig(trimmed, publicOrigin?.origin);
  } catch (e) {
    const message = e instanceof Error ? e.message : "invalid";
    const variable = /^[A-Z_]+/.exec(message)?.[0] ?? "OIDC";
    return fail(variable, message.slice(variable.length).trim());
  }
}

function parseRoles(env: Env, separator: string): RolesConfig {
  return {
    operatorGroups: splitList(env.AUTH_OPERATOR_GROUPS, separator),
    operatorUsers: splitList(env.AUTH_OPERATOR_USERS, ","),
    everyoneOperates: flag(env, "AUTH_EVERYONE_OPERATES"),
    allowedGroups: splitList(env.AUTH_ALLOWED_GROUPS, separator),
  };
}

/** Validates the auth variables; throws one ConfigError naming the first bad variable. */
export function parseAuthConfig(env: Env, facts: AuthFacts): AuthConfig {
  const mode = parseMode(env, facts);
  const header = parseHeader(env, mode, facts);
  return {
    mode,
    header,
    jwt: mode === "jwt" ? resolveJwtConfig(env, facts.publicOrigin) : undefined,
    oidc: mode === "oidc" ? parseOidc(env, facts.publicOrigin) : undefined,
    roles: parseRoles(env, header.groupsSeparator),
  };
}

/** PUBLIC_ORIGIN: the address people type; required unless the app talks to the built-in emulator. */
export function parsePublicOrigin(env: Env, facts: { builtInEmulator: boolean }): URL | undefined {
  const raw = text(env, "PUBLIC_ORIGIN");
  if (raw === undefined) {
    if (facts.builtInEmulator) return undefined;
    fail("PUBLIC_ORIGIN", "is required: the dashboard's address as people open it, e.g. https://ci-console.corp");
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    fail("PUBLIC_ORIGIN", "must be a URL such as https://ci-console.corp");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    fail("PUBLIC_ORIGIN", "must start with https:// (or http://)");
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash || url.username || url.password) {
    fail("PUBLIC_ORIGIN", "must be an origin only (scheme, host and port), no path");
  }
  return new URL(url.origin);
}
