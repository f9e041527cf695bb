import "server-only";
import { errors, jwtVerify } from "jose";
import { AlbTokenError, verifyAlbToken } from "./alb";
import { personFromClaims } from "./jwt-claims";
import { remoteKeySet, UnknownKeyError } from "./jwt-keys";
import type { JwtAuthConfig, VerifiedResult } from "./types";

/** Real assertions are 1–4 kB; anything far larger is refused before parsing. */
const MAX_TOKEN_LENGTH = 8_192;
const CLOCK_TOLERANCE_S = 60;
/** Three base64url segments; ALB pads each with "=". */
const COMPACT_JWS = /^[A-Za-z0-9_-]+={0,2}\.[A-Za-z0-9_-]+={0,2}\.[A-Za-z0-9_-]+={0,2}$/;

function tokenFrom(headers: Headers, cfg: JwtAuthConfig): { token: string } | { reason: string } {
  const raw = headers.get(cfg.header)?.trim();
  if (!raw) return { reason: "Not signed in: no sign-in token from the SSO front" };
  if (raw.length > MAX_TOKEN_LENGTH) return { reason: "The sign-in token is too large" };
  let token = raw;
  if (cfg.header === "authorization") {
    const m = /^Bearer +(\S+)$/i.exec(raw);
    if (!m) return { reason: "The Authorization header must be a Bearer token" };
    token = m[1]!;
  }
  // A comma means the header arrived twice (Node joins repeated lines with ", ").
  if (!COMPACT_JWS.test(token)) return { reason: "The sign-in token is malformed" };
  return { token };
}

/** Why a token was refused, in words for the person; never the token itself. */
function refusal(e: unknown): string {
  if (e instanceof AlbTokenError) return e.message;
  if (e instanceof UnknownKeyError || e instanceof errors.JWKSNoMatchingKey)
    return "The sign-in token was signed by an unknown key";
  if (e instanceof errors.JWTExpired) return "The sign-in token has expired";
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === "nbf") return "The sign-in token is not valid yet";
    return `The sign-in token's ${e.claim} claim is not accepted`;
  }
  if (e instanceof errors.JOSEAlgNotAllowed) return "The sign-in token's algorithm is not accepted";
  if (e instanceof errors.JWSSignatureVerificationFailed) return "The sign-in token's signature is invalid";
  if (e instanceof errors.JWKSTimeout || e instanceof errors.JWKSInvalid)
    return "The sign-in keys could not be fetched; try again shortly";
  return "The sign-in token could not be verified";
}

/**
 * AUTH_MODE=jwt: the SSO front signs an assertion per request; it is verified against the IdP's published keys
 * (issuer, audience, algorithm allow-list, expiry required, 60 s clock tolerance) before any claim is trusted.
 */
export async function identifyJwt(headers: Headers, cfg: JwtAuthConfig): Promise<VerifiedResult> {
  const found = tokenFrom(headers, cfg);
  if ("reason" in found) return { ok: false, reason: found.reason };
  try {
    let payload: Record<string, unknown>;
    if (cfg.keySource === "alb-pem") {
      payload = await verifyAlbToken(found.token, cfg);
    } else {
      const verified = await jwtVerify(found.token, remoteKeySet(cfg.keyUrl), {
        issuer: cfg.issuer,
        audience: cfg.audience,
        algorithms: cfg.algorithms,
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ["exp"],
      });
      payload = verified.payload as Record<string, unknown>;
    }
    return personFromClaims(payload, cfg.userClaim, cfg.groupsClaim);
  } catch (e) {
    return { ok: false, reason: refusal(e) };
  }
}
