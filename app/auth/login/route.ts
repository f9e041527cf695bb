import { getConfig } from "@/lib/server/config";
import { startLogin } from "@/lib/server/auth/oidc-login";
import { logEvent } from "@/lib/server/logger";
import { authProblemResponse, notInOidcMode } from "../problem-response";

export const dynamic = "force-dynamic";

/** Starts an OpenID Connect sign-in: redirect to the identity provider (code flow, PKCE, state, nonce). */
export async function GET(req: Request): Promise<Response> {
  const oidc = getConfig().auth.oidc;
  if (!oidc) return notInOidcMode();
  try {
    const { location, setCookie } = await startLogin(oidc, new URL(req.url).searchParams.get("returnTo") ?? "/jobs");
    return new Response(null, {
      status: 303,
      headers: { Location: location.href, "Set-Cookie": setCookie, "Cache-Control": "no-store" },
    });
  } catch (e) {
    logEvent({ level: "error", route: "GET /auth/login", error: e instanceof Error ? e.name : "unknown" });
    return authProblemResponse(
      502,
      "The identity provider could not be reached. Try again in a moment; if it persists, tell the team.",
    );
  }
}
