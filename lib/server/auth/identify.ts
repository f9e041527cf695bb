import "server-only";
import type { AppConfig } from "../config-schema";
import { getConfig } from "../config";
import { logEvent } from "../logger";
import { identifyHeader } from "./header";
import { identifyJwt } from "./jwt";
import { identifyNone, LOCAL_OPERATOR_NAME } from "./none";
import { identifyOidc } from "./oidc";
import { decideAccess } from "./roles";
import type { IdentityResult, VerifiedResult } from "./types";

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
      return r.ok
        ? { ok: true, user: { id: r.identity.id, groups: r.identity.groups } }
        : { ok: false, reason: r.reason };
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
  if (decided.ok && config.auth.mode === "none") {
    // The one local operator of a newcomer's `npm start`: config allows this mode only against the built-in
    // emulator (lib/server/auth/auth-env.ts), where no real job can be started, so they may trigger and cancel.
    decided.identity.name = LOCAL_OPERATOR_NAME;
    decided.identity.canTrigger = true;
  }
  return decided;
}
