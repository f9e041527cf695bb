import { NextResponse, type NextRequest } from "next/server";
import { oidcSignInRedirect } from "@/lib/server/auth/oidc-gate";
import { contentSecurityPolicy, hstsHeader, newNonce } from "@/lib/server/security-headers";

/** Paths the sign-in gate leaves alone: /auth is the sign-in itself (API routes never reach the proxy, see config). */
const UNGATED = /^\/auth(?:\/|$)/;

/**
 * Runs before every page (not API routes or static assets, see `config`):
 * 1. in AUTH_MODE=oidc, a page visit without a session is sent to sign in (other modes: no-op);
 * 2. gives each request a fresh CSP nonce. Next reads the CSP from the *request* headers to put the nonce on its
 *    scripts, so it is set there and on the response (node_modules/next/dist/docs/01-app/02-guides/
 *    content-security-policy.md). Every page renders per request already, so nonces cost no static rendering.
 * The constant headers (nosniff, COOP, CORP…) are in next.config.js.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (!UNGATED.test(request.nextUrl.pathname)) {
    const signIn = await oidcSignInRedirect(request.headers, request.nextUrl);
    if (signIn === "unauthorized") return new NextResponse(null, { status: 401 });
    if (signIn) return NextResponse.redirect(signIn, 303);
  }

  const nonce = newNonce();
  const hsts = hstsHeader(process.env.HSTS_MAX_AGE);
  const csp = contentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV === "development",
    upgradeInsecureRequests: hsts !== null,
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

export const config = {
  // Pages only. Not build assets or public files (static bytes, no scripts to nonce), and not /api: a route that
  // answers JSON needs no nonce (next.config.js gives it a policy that allows nothing), and running the proxy there
  // would make Next buffer request bodies for it, undoing read-body's streaming limit (e2e/body-limit.spec.ts).
  matcher: ["/((?!api/|_next/static|_next/image|favicon\\.ico|icon\\.svg|robots\\.txt).*)"],
};
