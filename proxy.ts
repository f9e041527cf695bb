import { NextResponse, type NextRequest } from "next/server";
import { oidcSignInRedirect } from "@/lib/server/auth/oidc-gate";

/** Runs before every page: in AUTH_MODE=oidc, a visitor without a session is sent to sign in (other modes: no-op). */
export async function proxy(request: NextRequest) {
  const signIn = await oidcSignInRedirect(request.headers, request.nextUrl);
  if (signIn === "unauthorized") return new NextResponse(null, { status: 401 });
  return signIn ? NextResponse.redirect(signIn, 303) : NextResponse.next();
}

export const config = {
  // Pages only: API routes answer 401 JSON, /auth is the sign-in itself, the rest are static files.
  matcher: ["/((?!api/|auth/|_next/|favicon\\.ico|icon\\.svg).*)"],
};
