import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, hstsHeader, newNonce } from "@/lib/server/security-headers";

/**
 * Runs before every page and API route (not static assets, see `config`): gives each request a fresh CSP nonce.
 * Next reads the CSP from the *request* headers to put the nonce on its scripts, so it is set there and on the
 * response (node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md). Every page renders per request
 * already, so nonces cost no static rendering. The constant headers (nosniff, COOP, CORP…) are in next.config.js.
 */
export function proxy(request: NextRequest): NextResponse {
  // Host check (421 Misdirected Request for an unexpected Host in production) goes here, before anything renders.

  const nonce = newNonce();
  const hsts = hstsHeader(process.env.HSTS_MAX_AGE);
  const csp = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", upgradeInsecureRequests: hsts !== null });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

export const config = {
  // Everything but build assets and public files: those are static bytes with no scripts to nonce.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg|robots\\.txt).*)"],
};
