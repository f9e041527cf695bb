import "server-only";
import { flattenedVerify } from "jose";
import { albKey } from "./jwt-keys";
import type { JwtAuthConfig } from "./types";

export class AlbTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AlbTokenError";
  }
}

const CLOCK_TOLERANCE_S = 60;

/**
 * AWS ALB's `x-amzn-oidc-data` is not a standard compact JWT: base64url *with* `=` padding, the load balancer's
 * ARN in the header's `signer`, the client id in `client`, and no `aud`. The signature covers the segments exactly
 * as sent (padding included), so they go to jose's flattened verifier unchanged; only the signature is unpadded.
 */
export async function verifyAlbToken(token: string, cfg: JwtAuthConfig): Promise<Record<string, unknown>> {
  const parts = token.split(".");
  if (parts.length !== 3) throw new AlbTokenError("The sign-in token is malformed");
  const [protectedB64, payloadB64, signatureB64] = parts as [string, string, string];
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(protectedB64, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    throw new AlbTokenError("The sign-in token is malformed");
  }
  if (typeof header !== "object" || header === null) throw new AlbTokenError("The sign-in token is malformed");
  if (typeof header.alg !== "string" || !cfg.algorithms.includes(header.alg))
    throw new AlbTokenError("The sign-in token's algorithm is not accepted");
  if (header.signer !== cfg.albArn) throw new AlbTokenError("The sign-in token was signed by another load balancer");
  if (cfg.audience !== undefined && header.client !== cfg.audience)
    throw new AlbTokenError("The sign-in token is for another client");
  const key = await albKey(cfg.keyUrl, header.kid, header.alg);
  const { payload } = await flattenedVerify(
    { protected: protectedB64, payload: payloadB64, signature: signatureB64.replace(/=+$/, "") },
    key,
    { algorithms: cfg.algorithms },
  );
  const claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== "number") throw new AlbTokenError("The sign-in token has no expiry");
  if (claims.exp < now - CLOCK_TOLERANCE_S) throw new AlbTokenError("The sign-in token has expired");
  if (typeof claims.nbf === "number" && claims.nbf > now + CLOCK_TOLERANCE_S)
    throw new AlbTokenError("The sign-in token is not valid yet");
  if (claims.iss !== cfg.issuer) throw new AlbTokenError("The sign-in token's issuer is not accepted");
  return claims;
}
