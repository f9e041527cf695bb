/**
 * AUTH_JWT_PRESET fills in what each SSO front documents; every value can still be set explicitly (the tests point
 * the key URLs at a local key server with the same paths).
 *
 * - pomerium: `X-Pomerium-Jwt-Assertion`, keys at `<route>/.well-known/pomerium/jwks.json`, `iss` and `aud` = the
 *   route's host name (Pomerium's default `jwt_issuer_format: hostOnly`), ES256 by default.
 * - cloudflare: `Cf-Access-Jwt-Assertion`, keys at `https://<team>.cloudflareaccess.com/cdn-cgi/access/certs`,
 *   `iss` = the team domain, `aud` = the application's AUD tag, RS256. No groups: use AUTH_OPERATOR_USERS.
 * - iap: `x-goog-iap-jwt-assertion`, keys at `https://www.gstatic.com/iap/verify/public_key-jwk`,
 *   `iss` = `https://cloud.google.com/iap`, `aud` = `/projects/<number>/global/backendServices/<id>` (or
 *   `/projects/<number>/apps/<project>`), ES256. No groups: use AUTH_OPERATOR_USERS.
 * - alb: `x-amzn-oidc-data`, one PEM key per `kid` at `https://public-keys.auth.elb.<region>.amazonaws.com/<kid>`,
 *   ES256, base64url *with padding*, `signer` = the load balancer ARN, `iss` = the IdP's issuer, no `aud`.
 * - oauth2-proxy (`--pass-authorization-header`): `Authorization: Bearer <IdP ID token>`; the IdP's jwks_uri,
 *   issuer and client id (`aud`).
 */
import { isLoopbackHostname } from "./built-in-emulator";
import { fail, headerName, secureUrl, text } from "./config-fail";
import { JWT_PRESETS, type JwtAuthConfig, type JwtPreset } from "./types";

type Env = Record<string, string | undefined>;

/** Asymmetric only: `none` and HMAC (HS*) are never accepted, so a public key can never double as a shared secret. */
const SAFE_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];
const ALB_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:([a-z0-9-]+):\d{12}:loadbalancer\/app\/[A-Za-z0-9-]+\/[a-f0-9]+$/;

interface PresetDefaults {
  header: string;
  keyUrl?: string;
  issuer?: string;
  audience?: string;
  algorithms: string[];
  audienceRequired: boolean;
}

function presetDefaults(preset: JwtPreset | undefined, env: Env, publicOrigin: URL | undefined): PresetDefaults {
  const issuerVar = text(env, "AUTH_JWT_ISSUER");
  switch (preset) {
    case "pomerium":
      return {
        header: "x-pomerium-jwt-assertion",
        keyUrl: publicOrigin && `${publicOrigin.origin}/.well-known/pomerium/jwks.json`,
        issuer: publicOrigin?.host,
        audience: publicOrigin?.host,
        algorithms: ["ES256", "RS256"],
        audienceRequired: true,
      };
    case "cloudflare":
      return {
        header: "cf-access-jwt-assertion",
        keyUrl: issuerVar && `${issuerVar.replace(/\/+$/, "")}/cdn-cgi/access/certs`,
        algorithms: ["RS256"],
        audienceRequired: true,
      };
    case "iap":
      return {
        header: "x-goog-iap-jwt-assertion",
        keyUrl: "https://www.gstatic.com/iap/verify/public_key-jwk",
        issuer: "https://cloud.google.com/iap",
        algorithms: ["ES256"],
        audienceRequired: true,
      };
    case "alb": {
      const region = ALB_ARN.exec(text(env, "AUTH_ALB_ARN") ?? "")?.[1];
      return {
        header: "x-amzn-oidc-data",
        keyUrl: region && `https://public-keys.auth.elb.${region}.amazonaws.com`,
        algorithms: ["ES256"],
        audienceRequired: false,
      };
    }
    default:
      return { header: "authorization", algorithms: ["RS256", "ES256"], audienceRequired: true };
  }
}

function parseAlgorithms(env: Env, fallback: string[]): string[] {
  const raw = text(env, "AUTH_JWT_ALGORITHMS");
  if (raw === undefined) return fallback;
  const algs = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (algs.length === 0) fail("AUTH_JWT_ALGORITHMS", "list at least one algorithm, e.g. RS256,ES256");
  for (const alg of algs) {
    if (alg.toLowerCase() === "none" || /^HS/i.test(alg))
      fail("AUTH_JWT_ALGORITHMS", "none and HMAC (HS256/384/512) are never accepted");
    if (!SAFE_ALGORITHMS.includes(alg)) fail("AUTH_JWT_ALGORITHMS", `use only ${SAFE_ALGORITHMS.join(", ")}`);
  }
  return algs;
}

/** Validates the jwt-mode variables (AUTH_JWT_*, AUTH_JWKS_URL, AUTH_ALB_ARN) with the preset's defaults filled in. */
export function resolveJwtConfig(env: Env, publicOrigin: URL | undefined): JwtAuthConfig {
  const presetRaw = text(env, "AUTH_JWT_PRESET");
  if (presetRaw !== undefined && !(JWT_PRESETS as readonly string[]).includes(presetRaw))
    fail("AUTH_JWT_PRESET", `must be one of ${JWT_PRESETS.join(", ")}`);
  const preset = presetRaw as JwtPreset | undefined;
  const d = presetDefaults(preset, env, publicOrigin);

  let albArn: string | undefined;
  if (preset === "alb") {
    albArn =
      text(env, "AUTH_ALB_ARN") ??
      fail(
        "AUTH_ALB_ARN",
        "is required with AUTH_JWT_PRESET=alb (the load balancer's ARN, checked against the token's signer)",
      );
    if (!ALB_ARN.test(albArn))
      fail(
        "AUTH_ALB_ARN",
        "must look like arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/app/<name>/<id>",
      );
  }
  const keyUrlRaw =
    text(env, "AUTH_JWKS_URL") ??
    d.keyUrl ??
    fail("AUTH_JWKS_URL", "is required in jwt mode (the identity provider's JWKS URL)");
  const issuer =
    text(env, "AUTH_JWT_ISSUER") ??
    d.issuer ??
    fail("AUTH_JWT_ISSUER", "is required in jwt mode (the exact iss of the tokens)");
  const audience = text(env, "AUTH_JWT_AUDIENCE") ?? d.audience;
  if (audience === undefined && d.audienceRequired)
    fail("AUTH_JWT_AUDIENCE", "is required in jwt mode (the exact aud of the tokens)");
  const header = headerName(env, "AUTH_JWT_HEADER", d.header);
  return {
    preset,
    header,
    keySource: preset === "alb" ? "alb-pem" : "jwks",
    keyUrl: secureUrl("AUTH_JWKS_URL", keyUrlRaw, isLoopbackHostname),
    issuer,
    audience,
    algorithms: parseAlgorithms(env, d.algorithms),
    userClaim: text(env, "AUTH_JWT_USER_CLAIM") ?? "email",
    groupsClaim: text(env, "AUTH_JWT_GROUPS_CLAIM") ?? "groups",
    albArn,
  };
}
