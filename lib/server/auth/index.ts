import "server-only";
import { headers as nextHeaders } from "next/headers";
import { forbidden, notFound, unauthorized } from "next/navigation";
import type { AppConfig } from "../config-schema";
import { getConfig } from "../config";
import { logEvent } from "../logger";
import { identifyHeader } from "./header";
import { identifyJwt } from "./jwt";
import { identifyNone, LOCAL_OPERATOR_NAME } from "./none";
import { identifyOidc } from "./oidc";
import { isMisdirected, requestFacts } from "./origin";
import { decideAccess } from "./roles";
import type { Identity, IdentityResult, VerifiedResult } from "./types";

export type { Identity, IdentityResult } from "./types";

async function verify(headers: Headers, config: AppConfig): Promise<VerifiedResult> {
  const auth = config.auth;
  switch (auth.mode) {
    case "none":
      return identifyNone();
    case "header":
      return identifyHeader(headers, auth.header);
    case "jwt":
      return identifyJwt(headers, auth.jwt!);
    case "oidc": {
      // The oidc module says whose session cookie this is; roles are applied here like for every other mode.
      const r = await identifyOidc(headers, config);
      return r.ok ? { ok: true, user: { id: r.identity.id, groups: r.identity.groups } } : { ok: false, reason: r.reason };
    }
  }
}

/**
 * Who is calling and what they may do, for the mode AUTH_MODE names. Never throws: anything unexpected while
 * reading a hostile request is a refusal (401), not a 5xx.
 */
export async function identify(headers: Headers, config: AppConfig = getConfig()): Promise<IdentityResult> {
  let verified: VerifiedResult;
  try {
    verified = await verify(headers, config);
  } catch (e) {
    logEvent({ level: "error", route: "identify", error: e instanceof Error ? e.name : "unknown" });
    return { ok: false, status: 401, reason: "Your sign-in could not be verified" };
  }
  if (!verified.ok) return { ok: false, status: 401, reason: verified.reason };
  const decided = decideAccess(verified.user, config.auth.roles);
  if (decided.ok && config.auth.mode === "none") decided.identity.name = LOCAL_OPERATOR_NAME;
  return decided;
}

/**
 * For server components: the caller's identity. A request for another host ends in 404, a caller without a valid
 * sign-in in the 401 page (app/unauthorized.tsx), one outside AUTH_ALLOWED_GROUPS in the 403 page
 * (app/forbidden.tsx) — real status codes, not a 200 with a message.
 */
export async function getIdentity(): Promise<Identity> {
  const headers = await nextHeaders();
  const config = getConfig();
  if (isMisdirected(requestFacts(headers), config.publicOrigin, config.production)) notFound();
  const result = await identify(headers, config);
  if (result.ok) return result.identity;
  if (result.status === 403) forbidden();
  unauthorized();
}
