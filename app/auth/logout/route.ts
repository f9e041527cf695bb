import { getConfig } from "@/lib/server/config";
import { endSessionUrl } from "@/lib/server/auth/oidc-login";
import { sessionClearCookie } from "@/lib/server/auth/oidc-session";
import { authProblemResponse, continueToResponse, notInOidcMode } from "../problem-response";

export const dynamic = "force-dynamic";

/**
 * Sign-out: clears the session cookie, then (RP-initiated logout) sends the browser on to the identity provider's
 * end_session_endpoint so the IdP session ends too; it returns to /auth/signed-out. POST only, from this site's own
 * pages: a link or prefetch cannot sign anyone out.
 */
export async function POST(req: Request): Promise<Response> {
  const config = getConfig();
  const oidc = config.auth.oidc;
  if (!oidc) return notInOidcMode();
  const site = req.headers.get("sec-fetch-site");
  const origin = req.headers.get("origin");
  if ((site && site !== "same-origin" && site !== "none") || (origin && origin !== config.publicOrigin?.origin)) {
    return authProblemResponse(403, "Sign-out is accepted only from this dashboard's own pages.");
  }
  const signedOut = new URL("/auth/signed-out", config.publicOrigin);
  const clear = { "Set-Cookie": sessionClearCookie(oidc) };
  const idpSignOut = await endSessionUrl(oidc, signedOut);
  if (idpSignOut)
    return continueToResponse(
      idpSignOut,
      "You are signed out of the dashboard. Signing you out at the identity provider…",
      clear,
    );
  return new Response(null, {
    status: 303,
    headers: { Location: signedOut.href, "Cache-Control": "no-store", ...clear },
  });
}

export function GET(): Response {
  return new Response("Sign out with the button in the page header (POST).", {
    status: 405,
    headers: { Allow: "POST" },
  });
}
