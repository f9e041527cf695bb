import "server-only";
import { hkdfSync } from "node:crypto";
import { EncryptJWT, jwtDecrypt, type JWTPayload } from "jose";

/**
 * Sealed cookies for the `oidc` mode: JWE (dir + A256GCM, via jose) so the browser can neither read nor alter them.
 * Two purposes, two keys derived from AUTH_SESSION_SECRET with HKDF, and the purpose is also bound as the token's
 * audience: a login-transaction cookie can never be replayed as a session and vice versa.
 */
export type SealPurpose = "session" | "login";

const ISSUER = "ci-batch-console";
/** A cookie longer than this is refused before any decryption (the browser limit is ~4 kB). */
export const MAX_COOKIE_CHARS = 4000;

const keyCache = new Map<string, Uint8Array>();

function keyFor(secret: string, purpose: SealPurpose): Uint8Array {
  const id = `${purpose}\0${secret}`;
  let key = keyCache.get(id);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "ci-batch-console", `cookie:${purpose}:v1`, 32));
    keyCache.set(id, key);
  }
  return key;
}

/** Encrypts `claims` for `ttlSeconds`; the result is a compact JWE fit for a cookie value. */
export async function seal(
  claims: JWTPayload,
  purpose: SealPurpose,
  secret: string,
  ttlSeconds: number,
): Promise<string> {
  return new EncryptJWT(claims)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuer(ISSUER)
    .setAudience(purpose)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .encrypt(keyFor(secret, purpose));
}

/**
 * The claims of a sealed value, or null for anything else: garbage, tampered, expired, other purpose, other key.
 * Never throws, so a bad cookie means "not signed in", not a 5xx.
 */
export async function unseal(
  value: string | undefined,
  purpose: SealPurpose,
  secret: string,
): Promise<JWTPayload | null> {
  if (!value || value.length > MAX_COOKIE_CHARS || value.split(".").length !== 5) return null;
  try {
    const { payload } = await jwtDecrypt(value, keyFor(secret, purpose), {
      issuer: ISSUER,
      audience: purpose,
      requiredClaims: ["exp", "iat"],
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
    });
    return payload;
  } catch {
    return null;
  }
}

/** One cookie's value from a Cookie header (first occurrence wins, as browsers send the most specific first). */
export function readCookie(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  secure: boolean;
  path: string;
  maxAgeSeconds: number;
}

/** A Set-Cookie value: HttpOnly and SameSite=Lax always; Secure unless the app runs over http on loopback. */
export function serializeCookie(name: string, value: string, o: CookieOptions): string {
  return [
    `${name}=${value}`,
    `Path=${o.path}`,
    `Max-Age=${o.maxAgeSeconds}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(o.secure ? ["Secure"] : []),
  ].join("; ");
}
