import "server-only";
import { createRemoteJWKSet, importSPKI, type CryptoKey, type JWTVerifyGetKey } from "jose";

/**
 * Key caches. Keys stay cached (a verification is then pure CPU); a token naming an unknown `kid` triggers a
 * refetch, at most once per cool-down, so a flood of made-up key ids cannot become a flood of fetches to the IdP,
 * while a real rotation is picked up on the next request after the cool-down.
 */
export const KEY_REFETCH_COOLDOWN_MS = 30_000;
const KEY_CACHE_MAX_AGE_MS = 10 * 60_000;
const KEY_FETCH_TIMEOUT_MS = 5_000;

const jwksSets = new Map<string, JWTVerifyGetKey>();

/** The JWKS at `url`, fetched on first use and cached (jose's remote key set: cool-down and max age above). */
export function remoteKeySet(url: URL): JWTVerifyGetKey {
  let set = jwksSets.get(url.href);
  if (!set) {
    set = createRemoteJWKSet(url, {
      cooldownDuration: KEY_REFETCH_COOLDOWN_MS,
      cacheMaxAge: KEY_CACHE_MAX_AGE_MS,
      timeoutDuration: KEY_FETCH_TIMEOUT_MS,
    });
    jwksSets.set(url.href, set);
  }
  return set;
}

/** AWS ALB key ids are UUIDs; anything else never reaches a URL. */
const ALB_KID = /^[A-Za-z0-9-]{1,128}$/;
const albKeys = new Map<string, CryptoKey>();
let lastAlbMiss = Number.NEGATIVE_INFINITY;

export class UnknownKeyError extends Error {
  constructor() {
    super("unknown key");
    this.name = "UnknownKeyError";
  }
}

/**
 * ALB publishes one PEM public key per kid at `<base>/<kid>`. Found keys are cached for good (ALB never changes a
 * published key); after a miss, unknown kids are not fetched again until the cool-down has passed.
 */
export async function albKey(base: URL, kid: unknown, alg: string): Promise<CryptoKey> {
  if (typeof kid !== "string" || !ALB_KID.test(kid)) throw new UnknownKeyError();
  const cacheKey = `${base.href}|${kid}`;
  const cached = albKeys.get(cacheKey);
  if (cached) return cached;
  if (Date.now() - lastAlbMiss < KEY_REFETCH_COOLDOWN_MS) throw new UnknownKeyError();
  const res = await fetch(`${base.href.replace(/\/+$/, "")}/${kid}`, {
    signal: AbortSignal.timeout(KEY_FETCH_TIMEOUT_MS),
  }).catch(() => null);
  if (!res || !res.ok) {
    lastAlbMiss = Date.now();
    throw new UnknownKeyError();
  }
  const key = await importSPKI((await res.text()).trim(), alg);
  albKeys.set(cacheKey, key);
  return key;
}

/** Tests start each case with empty caches. */
export function resetKeyCachesForTests(): void {
  jwksSets.clear();
  albKeys.clear();
  lastAlbMiss = Number.NEGATIVE_INFINITY;
}
