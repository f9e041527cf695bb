/** Kept so existing imports keep working; the sign-in modes live in lib/server/auth/ (one file per mode). */
export { getIdentity, identify } from "./auth";
export type { Identity, IdentityResult } from "./auth";
