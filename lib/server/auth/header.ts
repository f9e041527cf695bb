import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import type { HeaderAuthConfig, VerifiedResult } from "./types";

/** The header the SSO proxy adds with AUTH_PROXY_SECRET, proving the request came through it. */
export const PROXY_SECRET_HEADER = "x-auth-proxy-secret";

const USER_PATTERN = /^[^\s,;<>"]{1,254}$/;
const MAX_GROUPS = 200;
const MAX_GROUP_LENGTH = 256;

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Node joins repeated header lines with ", " before Next builds the request's Headers (see header-lines.test.ts),
 * so one line "a, b" and two lines "a" and "b" look the same here. Both separators split: ", " (how repeated lines
 * arrive, oauth2-proxy writes one line per group) and AUTH_GROUPS_SEPARATOR (default ","; use ";" or "|" for
 * LDAP-style names such as CN=ops,OU=groups, which must then not contain ", ").
 */
export function splitGroups(raw: string, separator: string): string[] | null {
  const groups = raw
    .split(", ")
    .flatMap((line) => line.split(separator))
    .map((g) => g.trim())
    .filter(Boolean);
  if (groups.length > MAX_GROUPS || groups.some((g) => g.length > MAX_GROUP_LENGTH)) return null;
  return [...new Set(groups)];
}

/**
 * AUTH_MODE=header: the SSO proxy in front sets the user and groups headers. The proxy secret (required except
 * against the built-in emulator) proves the request came through the proxy and not around it with forged headers.
 */
export function identifyHeader(headers: Headers, cfg: HeaderAuthConfig): VerifiedResult {
  if (cfg.proxySecrets.length > 0) {
    const given = headers.get(PROXY_SECRET_HEADER) ?? "";
    // Compare with every accepted secret (current and previous) so the timing does not tell which one matched.
    const matches = cfg.proxySecrets.map((s) => sameSecret(given, s));
    if (!matches.includes(true)) return { ok: false, reason: "Request did not come through the SSO proxy" };
  }
  const user = headers.get(cfg.userHeader)?.trim() ?? "";
  if (!user) return { ok: false, reason: "Not signed in: no identity from the SSO proxy" };
  // A comma means the header arrived twice (joined as "a, b"): a proxy that appends instead of replacing.
  if (user.includes(",")) return { ok: false, reason: "The SSO identity header arrived more than once" };
  if (!USER_PATTERN.test(user)) return { ok: false, reason: "The SSO identity header is malformed" };
  const groups = splitGroups(headers.get(cfg.groupsHeader) ?? "", cfg.groupsSeparator);
  if (!groups) return { ok: false, reason: "The SSO groups header is too long" };
  return { ok: true, user: { id: user, groups } };
}
