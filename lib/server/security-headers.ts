/**
 * The per-request security headers that proxy.ts sets (the constant ones live in next.config.js). Pure and free of
 * "server-only" so the proxy bundle can import it and unit tests can call it.
 *
 * Scripts: a fresh nonce per request plus 'strict-dynamic' — Next reads the nonce from the request's CSP and puts it
 * on its own inline and chunk scripts (node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md), and
 * scripts those load are trusted in turn. No 'unsafe-inline' for scripts: an injected <script> has no nonce.
 * Styles keep 'unsafe-inline': React and Radix set inline `style` attributes, which a nonce cannot cover.
 */

/** 128 random bits, base64: unguessable and unique per request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export interface CspOptions {
  nonce: string;
  /** `next dev` needs eval for its error overlay and stack reconstruction (never in production). */
  dev: boolean;
  /** Only when the site is served over https (HSTS on): on plain-http localhost it would break every asset. */
  upgradeInsecureRequests: boolean;
}

export function contentSecurityPolicy({ nonce, dev, upgradeInsecureRequests }: CspOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(upgradeInsecureRequests ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Upper bound for HSTS_MAX_AGE: two years, the preload list's own ceiling. */
export const HSTS_MAX_AGE_LIMIT = 63_072_000;

/**
 * `Strict-Transport-Security` for HSTS_MAX_AGE (seconds), or null when unset or 0 (the default: localhost is http,
 * and a browser that saw HSTS for it would refuse plain http there for months). Start-up validation
 * (config-schema.ts) has already refused a malformed value; anything odd here is treated as off.
 */
export function hstsHeader(raw: string | undefined): string | null {
  if (!raw || !/^\d{1,9}$/.test(raw.trim())) return null;
  const seconds = Number(raw.trim());
  if (seconds <= 0 || seconds > HSTS_MAX_AGE_LIMIT) return null;
  return `max-age=${seconds}`; // no includeSubDomains: sibling hosts of the company domain are not ours to decide
}
