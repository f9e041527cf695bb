import "server-only";
import { timingSafeEqual } from "node:crypto";
import { headers as nextHeaders } from "next/headers";
import type { AppConfig } from "./config-schema";
import { identifyOidc } from "./auth/oidc";
import { getConfig } from "./config";

export interface Identity {
  id: string;
  name: string;
  groups: string[];
  /** May trigger and cancel jobs. */
  canTrigger: boolean;
}

export type IdentityResult = { ok: true; identity: Identity } | { ok: false; reason: string };

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const USER_PATTERN = /^[^\s,;<>"]{1,254}$/;

/**
 * Who is calling. Behind the SSO proxy the user and groups come from trusted headers; the optional proxy secret proves
 * that the request came through the proxy and not around it with a forged header.
 */
export async function identify(headers: Headers, config: AppConfig = getConfig()): Promise<IdentityResult> {
  const auth = config.auth;
  if (auth.mode === "oidc") return identifyOidc(headers, config);
  if (auth.mode === "none") {
    return { ok: true, identity: { id: "local-operator", name: "Local operator", groups: [], canTrigger: true } };
  }
  if (auth.proxySecret) {
    const given = headers.get("x-auth-proxy-secret") ?? "";
    if (!safeEqual(given, auth.proxySecret)) return { ok: false, reason: "Request did not come through the SSO proxy" };
  }
  const user = headers.get(auth.userHeader)?.trim() ?? "";
  if (!user) return { ok: false, reason: "Not signed in: no identity from the SSO proxy" };
  if (!USER_PATTERN.test(user)) return { ok: false, reason: "The SSO identity header is malformed" };
  const groups = (headers.get(auth.groupsHeader) ?? "")
    .split(",")
    .map((g) => g.trim())
    .filter(Boolean)
    .slice(0, 100);
  const canTrigger = auth.operatorGroups.length === 0 || groups.some((g) => auth.operatorGroups.includes(g));
  const name = user.includes("@") ? user.slice(0, user.indexOf("@")) : user;
  return { ok: true, identity: { id: user, name, groups, canTrigger } };
}

/** For server components: the caller's identity, or null when there is none. */
export async function getIdentity(): Promise<Identity | null> {
  const result = await identify(await nextHeaders());
  return result.ok ? result.identity : null;
}
