import { getConfig } from "@/lib/server/config";
import { finishLogin, OidcLoginError } from "@/lib/server/auth/oidc-login";
import { logEvent } from "@/lib/server/logger";
import { authProblemResponse, notInOidcMode } from "../problem-response";

export const dynamic = "force-dynamic";

/** The identity provider sends the browser back here with a code; exchange it and set the session cookie. */
export async function GET(req: Request): Promise<Response> {
  const config = getConfig();
  const oidc = config.auth.oidc;
  if (!oidc) return notInOidcMode();
  try {
    const { returnTo, setCookies } = await finishLogin(new URL(req.url), req.headers.get("cookie"), oidc);
    const headers = new Headers({ Location: new URL(returnTo, config.publicOrigin).href, "Cache-Control": "no-store" });
    for (const cookie of setCookies) headers.append("Set-Cookie", cookie);
    return new Response(null, { status: 303, headers });
  } catch (e) {
    const status = e instanceof OidcLoginError ? e.status : 500;
    logEvent({
      level: status >= 500 ? "error" : "info",
      route: "GET /auth/callback",
      status,
      error: e instanceof Error ? e.name : "unknown",
    });
    return authProblemResponse(status, e instanceof OidcLoginError ? e.message : "Sign-in failed. Start again.");
  }
}
