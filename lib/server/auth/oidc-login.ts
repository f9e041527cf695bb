import "server-only";
import * as oidc from "openid-client";
import type { OidcConfig } from "./oidc-config";
import { providerConfiguration } from "./oidc-client";
import { sealSession, sessionSetCookie, type OidcSession } from "./oidc-session";
import { readCookie, seal, serializeCookie, unseal } from "./session";

/**
 * Authorization code flow with PKCE, state and nonce (openid-client does the protocol checks: state, PKCE, ID token
 * signature, iss, aud, nonce, exp). What the browser carries between /auth/login and /auth/callback lives in a
 * short-lived encrypted cookie scoped to /auth, so nothing is stored on the server.
 */
const LOGIN_TTL_SECONDS = 600;
const MAX_GROUPS = 200;

export class OidcLoginError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "OidcLoginError";
  }
}

/**
 * One cookie per attempt, named after its state: two tabs signing in at once (or a page prefetching behind the
 * user's back) cannot overwrite each other's attempt. They expire after LOGIN_TTL_SECONDS anyway.
 */
const loginCookieName = (config: OidcConfig, state: string) =>
  `${config.secureCookies ? "__Secure-" : ""}ci-console-login-${state.replace(/[^\w-]/g, "").slice(0, 16)}`;
const loginCookie = (config: OidcConfig, state: string, value: string, maxAge: number) =>
  serializeCookie(loginCookieName(config, state), value, {
    secure: config.secureCookies,
    path: "/auth",
    maxAgeSeconds: maxAge,
  });

/** Only a path on this site: `//evil.example` and `/\evil.example` would leave it (open redirect). */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || value.length > 2000)
    return "/jobs";
  if (/[\u0000-\u001f]/.test(value) || value.startsWith("/auth/")) return "/jobs";
  return value;
}

/** Where to send the browser to sign in, and the cookie that remembers this attempt. */
export async function startLogin(config: OidcConfig, returnTo: string): Promise<{ location: URL; setCookie: string }> {
  const provider = await providerConfiguration(config);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const location = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: config.redirectUri.href,
    scope: config.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const sealed = await seal(
    { codeVerifier, state, nonce, returnTo: safeReturnTo(returnTo) },
    "login",
    config.sessionSecret,
    LOGIN_TTL_SECONDS,
  );
  return { location, setCookie: loginCookie(config, state, sealed, LOGIN_TTL_SECONDS) };
}

/** Reads a claim by name or dotted path (`realm_access.roles`). */
function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  return path
    .split(".")
    .reduce<unknown>(
      (v, key) => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined),
      claims,
    );
}

function groupsFrom(value: unknown): string[] | undefined {
  if (typeof value === "string") return [value];
  if (!Array.isArray(value)) return undefined;
  return value
    .filter((g): g is string => typeof g === "string" && g.length > 0 && g.length <= 256)
    .slice(0, MAX_GROUPS);
}

function sessionFrom(claims: Record<string, unknown>, groupsClaim: string): OidcSession {
  const subject = claims.sub;
  if (typeof subject !== "string" || !subject) throw new OidcLoginError(502, "The identity provider sent no subject");
  // The audit log names people by e-mail; an address the IdP itself marks unverified is not trusted for that.
  const email = typeof claims.email === "string" && claims.email_verified !== false ? claims.email : undefined;
  const username = typeof claims.preferred_username === "string" ? claims.preferred_username : undefined;
  const user = email ?? username ?? subject;
  if (user.length > 254 || /[\s,;<>"]/.test(user))
    throw new OidcLoginError(502, "The identity provider sent a malformed user name");
  return { subject, user, groups: groupsFrom(claimAt(claims, groupsClaim)) ?? [] };
}

/**
 * Completes the login: checks the attempt cookie, exchanges the code, reads the ID token's claims (and the userinfo
 * endpoint when the groups claim is not in the ID token). Returns the cookies to set and where to go.
 */
export async function finishLogin(
  requestUrl: URL,
  cookieHeader: string | null,
  config: OidcConfig,
): Promise<{ returnTo: string; setCookies: string[] }> {
  const stateParam = requestUrl.searchParams.get("state") ?? "";
  const attempt = stateParam
    ? await unseal(readCookie(cookieHeader, loginCookieName(config, stateParam)), "login", config.sessionSecret)
    : null;
  const { codeVerifier, state, nonce, returnTo } = (attempt ?? {}) as Record<string, unknown>;
  if (typeof codeVerifier !== "string" || typeof state !== "string" || typeof nonce !== "string") {
    throw new OidcLoginError(400, "This sign-in link has expired or was opened in another browser. Start again.");
  }
  // The IdP redirected to PUBLIC_ORIGIN/auth/callback; the exchange must name that exact redirect_uri.
  const currentUrl = new URL(config.redirectUri);
  currentUrl.search = requestUrl.search;
  const provider = await providerConfiguration(config);
  let claims: Record<string, unknown>;
  try {
    const tokens = await oidc.authorizationCodeGrant(provider, currentUrl, {
      pkceCodeVerifier: codeVerifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
    claims = { ...tokens.claims() };
    if (claimAt(claims, config.groupsClaim) === undefined && provider.serverMetadata().userinfo_endpoint) {
      const info = await oidc.fetchUserInfo(provider, tokens.access_token, String(claims.sub));
      claims = { ...info, ...claims };
    }
  } catch (e) {
    if (e instanceof oidc.AuthorizationResponseError) {
      throw new OidcLoginError(401, `The identity provider did not sign you in (${e.error}).`);
    }
    // Network trouble is the IdP's (502); anything else is a response that failed a check: state, PKCE, ID token.
    const unreachable =
      e instanceof TypeError || (e instanceof Error && (e.name === "AbortError" || e.name === "TimeoutError"));
    throw new OidcLoginError(
      unreachable ? 502 : 400,
      "Sign-in could not be completed with the identity provider. Start again; if it persists, tell the team.",
    );
  }
  const session = sessionFrom(claims, config.groupsClaim);
  const sealedSession = await sealSession(session, config);
  return {
    returnTo: safeReturnTo(typeof returnTo === "string" ? returnTo : undefined),
    setCookies: [sessionSetCookie(sealedSession, config), loginCookie(config, state, "", 0)],
  };
}

/** RP-initiated logout at the IdP when it offers one (end_session_endpoint), else null. */
export async function endSessionUrl(config: OidcConfig, postLogoutRedirect: URL): Promise<URL | null> {
  try {
    const provider = await providerConfiguration(config);
    if (!provider.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(provider, {
      client_id: config.clientId,
      post_logout_redirect_uri: postLogoutRedirect.href,
    });
  } catch {
    return null; // the IdP is unreachable: the app's own session is cleared all the same
  }
}
