import "server-only";
import * as oidc from "openid-client";
import type { OidcConfig } from "./oidc-config";
import { isHttpLoopback } from "./oidc-config";

/**
 * The identity provider as openid-client sees it, discovered once per issuer from its
 * `/.well-known/openid-configuration` and reused. A failed discovery is forgotten, so the next sign-in tries again
 * (the IdP may have been down for a moment).
 */
const discovered = new Map<string, Promise<oidc.Configuration>>();

export function providerConfiguration(config: OidcConfig): Promise<oidc.Configuration> {
  const id = `${config.issuer.href}\0${config.clientId}`;
  let pending = discovered.get(id);
  if (!pending) {
    pending = oidc.discovery(config.issuer, config.clientId, undefined, oidc.ClientSecretBasic(config.clientSecret), {
      // http is accepted for the issuer only on loopback (tests); config validation refuses it anywhere else.
      execute: isHttpLoopback(config.issuer) ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
    });
    pending.catch(() => discovered.delete(id));
    discovered.set(id, pending);
  }
  return pending;
}

/** Tests start and stop identity providers. */
export function forgetDiscoveredProviders(): void {
  discovered.clear();
}
