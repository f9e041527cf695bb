/**
 * Roles, deny by default: nobody may trigger or cancel unless named in AUTH_OPERATOR_GROUPS / AUTH_OPERATOR_USERS
 * (exact, case-sensitive) or AUTH_EVERYONE_OPERATES=1 says so. AUTH_ALLOWED_GROUPS narrows who may look at all.
 */
import type { IdentityResult, RolesConfig, VerifiedUser } from "./types";

export type Role = "operator" | "viewer";

/** A person's display name: the part of an e-mail address before the @. */
export function displayName(id: string): string {
  const at = id.indexOf("@");
  return at > 0 ? id.slice(0, at) : id;
}

export function isOperator(user: VerifiedUser, roles: RolesConfig): boolean {
  return (
    roles.everyoneOperates ||
    roles.operatorUsers.includes(user.id) ||
    user.groups.some((g) => roles.operatorGroups.includes(g))
  );
}

/** Applies the roles to a verified person: a 403 result for someone outside AUTH_ALLOWED_GROUPS, else their identity. */
export function decideAccess(user: VerifiedUser, roles: RolesConfig): IdentityResult {
  const canTrigger = isOperator(user, roles);
  // Operators are always allowed to look: naming someone an operator and then hiding the jobs would make no sense.
  if (roles.allowedGroups.length > 0 && !canTrigger && !user.groups.some((g) => roles.allowedGroups.includes(g))) {
    return {
      ok: false,
      status: 403,
      reason: "You are signed in, but not in a group that may use this dashboard (AUTH_ALLOWED_GROUPS)",
    };
  }
  return { ok: true, identity: { id: user.id, name: displayName(user.id), groups: user.groups, canTrigger } };
}

export function roleOf(identity: { canTrigger: boolean }): Role {
  return identity.canTrigger ? "operator" : "viewer";
}
