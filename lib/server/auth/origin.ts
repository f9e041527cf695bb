/**
 * Which requests this dashboard answers, decided from PUBLIC_ORIGIN and never from the Host the client sends
 * (DNS rebinding makes an attacker's page same-origin with any Host it likes). Pure, so every rule has a test.
 */

export interface RequestFacts {
  host: string | null;
  forwardedHost: string | null;
  origin: string | null;
  secFetchSite: string | null;
}

/**
 * In production every request must be addressed to PUBLIC_ORIGIN's host (421 otherwise). A proxy that forwards a
 * different Host must be told to keep the original one (README "Deploying behind SSO"). X-Forwarded-Host, when
 * present, must name the same host too: it is a hint a client can forge, never a way around the rule.
 */
export function isMisdirected(facts: RequestFacts, publicOrigin: URL | undefined, production: boolean): boolean {
  if (!production || !publicOrigin) return false;
  const want = publicOrigin.host.toLowerCase();
  const host = facts.host?.trim().toLowerCase() ?? "";
  if (host !== want) return true;
  const forwarded = facts.forwardedHost?.trim().toLowerCase();
  return forwarded !== undefined && forwarded !== "" && forwarded !== want;
}

/**
 * May this request change something? Browsers label every cross-site request (Sec-Fetch-Site, Origin); a change is
 * accepted only when its Origin is PUBLIC_ORIGIN (or, against the built-in emulator where no PUBLIC_ORIGIN is set,
 * the request's own host). A request with neither header comes from a non-browser client, which CSRF cannot drive.
 */
export function isCrossOriginChange(facts: RequestFacts, publicOrigin: URL | undefined): boolean {
  const site = facts.secFetchSite;
  if (site && site !== "same-origin" && site !== "none") return true;
  if (!facts.origin) return false;
  let origin: URL;
  try {
    origin = new URL(facts.origin);
  } catch {
    return true;
  }
  if (publicOrigin) return origin.origin !== publicOrigin.origin;
  return origin.host !== (facts.forwardedHost ?? facts.host);
}

export function requestFacts(headers: Headers): RequestFacts {
  return {
    host: headers.get("host"),
    forwardedHost: headers.get("x-forwarded-host"),
    origin: headers.get("origin"),
    secFetchSite: headers.get("sec-fetch-site"),
  };
}
