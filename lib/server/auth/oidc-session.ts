import "server-only";
import type { JWTPayload } from "jose";
import type { OidcConfig } from "./oidc-config";
import { readCookie, seal, serializeCookie, unseal } from "./session";

/**
 * The signed-in person as the session cookie carries them. Only what the dashboard needs: who (for the audit log)
 * and which groups (for the role, decided on every request from the current AUTH_OPERATOR_GROUPS).
 */
export interface OidcSession {
  user: string;
  subject: string;
  groups: string[];
}

/** `__Host-` pins the cookie to this exact host, path / and Secure; not available over http loopback. */
export function sessionCookieName(config: OidcConfig): string {
  return config.secureCookies ? "__Host-ci-console-session" : "ci-console-session";
}

export async function sealSession(session: OidcSession, config: OidcConfig): Promise<string> {
  // `idp` ties the session to this issuer and client: pointing the app at another IdP signs everyone out.
  const claims: JWTPayload = { sub: session.subject, user: session.user, groups: session.groups, idp: idpTag(config) };
  return seal(claims, "session", config.sessionSecret, config.sessionTtlSeconds);
}

const idpTag = (config: OidcConfig) => `${config.issuer.href} ${config.clientId}`;

/** The session in this request's cookie, or null (absent, garbage, tampered, expired, other IdP). */
export async function readSession(headers: Headers, config: OidcConfig): Promise<OidcSession | null> {
  const payload = await unseal(
    readCookie(headers.get("cookie"), sessionCookieName(config)),
    "session",
    config.sessionSecret,
  );
  if (!payload || payload.idp !== idpTag(config)) return null;
  const { user, sub, groups } = payload;
  if (
    typeof user !== "string" ||
    typeof sub !== "string" ||
    !Array.isArray(groups) ||
    !groups.every((g) => typeof g === "string")
  )
    return null;
  return { user, subject: sub, groups };
}

export function sessionSetCookie(value: string, config: OidcConfig): string {
  return serializeCookie(sessionCookieName(config), value, {
    secure: config.secureCookies,
    path: "/",
    maxAgeSeconds: config.sessionTtlSeconds,
  });
}

export function sessionClearCookie(config: OidcConfig): string {
  return serializeCookie(sessionCookieName(config), "", { secure: config.secureCookies, path: "/", maxAgeSeconds: 0 });
}
