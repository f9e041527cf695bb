import type { VerifiedResult } from "./types";

/**
 * AUTH_MODE=none: the built-in emulator only (config refuses it otherwise), so a newcomer can try the dashboard
 * without an SSO. Everyone is this one local operator.
 */
export function identifyNone(): VerifiedResult {
  return { ok: true, user: { id: "local-operator", groups: [] } };
}

export const LOCAL_OPERATOR_NAME = "Local operator";
