import "server-only";
import { getConfig } from "../config";
import { readSession } from "./oidc-session";

/**
 * In AUTH_MODE=oidc a page visit without a valid session goes to the sign-in (and comes back to the same page
 * afterwards). Called from proxy.ts for page paths only: /api answers 401 JSON itself (with-api.ts), /auth is the
 * sign-in itself. Returns the redirect target, "unauthorized" for a router prefetch, or null to let the request through.
 */
export async function oidcSignInRedirect(headers: Headers, url: URL): Promise<URL | "unauthorized" | null> {
  let config;
  try {
    config = getConfig();
  } catch {
    return null; // a configuration error is reported by start-up validation and by the page itself
  }
  const oidc = config.auth.oidc;
  if (!oidc || (await readSession(headers, oidc))) return null;
  // A router prefetch must not start a sign-in behind the user's back (each would set a login-attempt cookie).
  if (headers.get("next-router-prefetch")) return "unauthorized";
  const login = new URL("/auth/login", config.publicOrigin);
  login.searchParams.set("returnTo", url.pathname + url.search);
  return login;
}
