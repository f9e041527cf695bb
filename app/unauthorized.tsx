import { NotSignedIn } from "@/components/layout/not-signed-in";
import { getConfig } from "@/lib/server/config";

export const metadata = { title: "Not signed in" };

/** Rendered with status 401 when getIdentity() finds no valid sign-in (next.config.js: experimental.authInterrupts). */
export default function Unauthorized() {
  const config = getConfig();
  // The dashboard's own sign-in route exists only when it signs people in itself (AUTH_MODE=oidc).
  const signInUrl = config.auth.mode === "oidc" ? "/auth/login" : null;
  return <NotSignedIn signInUrl={signInUrl} publicOrigin={config.publicOrigin?.origin ?? null} />;
}
