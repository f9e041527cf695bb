/** Reading the person out of a verified token's claims. */
import type { VerifiedResult } from "./types";

const MAX_GROUPS = 200;

/** A claim by exact name first (namespaced claims like `https://corp/groups` contain dots), else a dotted path. */
export function claimAt(payload: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(payload, path)) return payload[path];
  let node: unknown = payload;
  for (const part of path.split(".")) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

export function personFromClaims(
  payload: Record<string, unknown>,
  userClaim: string,
  groupsClaim: string,
): VerifiedResult {
  const user = claimAt(payload, userClaim);
  if (typeof user !== "string" || !/^[^\s,;<>"]{1,254}$/.test(user))
    return { ok: false, reason: `The sign-in token has no usable ${userClaim} claim` };
  const raw = claimAt(payload, groupsClaim);
  const list = Array.isArray(raw) ? raw : typeof raw === "string" ? [raw] : [];
  const groups = [
    ...new Set(list.filter((g): g is string => typeof g === "string" && g.length > 0 && g.length <= 256)),
  ].slice(0, MAX_GROUPS);
  return { ok: true, user: { id: user, groups } };
}
