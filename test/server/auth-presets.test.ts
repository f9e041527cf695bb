import { createPrivateKey, sign as nodeSign } from "node:crypto";
import { exportPKCS8, exportSPKI } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { identify } from "@/lib/server/auth";
import { resetKeyCachesForTests } from "@/lib/server/auth/jwt-keys";
import { parseConfig } from "@/lib/server/config-schema";
import {
  now,
  REAL_CI_ENV,
  signingKey,
  signToken,
  startKeyServer,
  type KeyServer,
  type SigningKey,
} from "./auth-support";

/**
 * Each AUTH_JWT_PRESET against its SSO front's exact token format, signed locally and served from a local key server
 * at the front's own paths (only the host differs: the key URL points at 127.0.0.1).
 */

let keys: KeyServer;
beforeAll(async () => {
  keys = await startKeyServer();
});
afterAll(async () => keys.close());
afterEach(() => resetKeyCachesForTests());

const jwtEnv = (extra: Record<string, string>) => parseConfig({ ...REAL_CI_ENV, AUTH_MODE: "jwt", ...extra });

describe("pomerium", () => {
  let key: SigningKey;
  const config = () =>
    jwtEnv({
      AUTH_JWT_PRESET: "pomerium",
      AUTH_JWKS_URL: `${keys.url}/.well-known/pomerium/jwks.json`,
      AUTH_OPERATOR_GROUPS: "media-ops",
    });
  // Pomerium's assertion: iss and aud are the route's host name (jwt_issuer_format: hostOnly), groups as names.
  const claims = () => ({
    iss: "ci-console.corp",
    aud: "ci-console.corp",
    jti: "2f1c",
    sub: "0oa1",
    user: "0oa1",
    email: "ann@corp.example",
    groups: ["00g1", "media-ops"],
    name: "Ann",
  });
  beforeAll(async () => {
    key = await signingKey("ES256", "pomerium-signing-key");
    keys.set("/.well-known/pomerium/jwks.json", { keys: [key.publicJwk] });
  });

  it("accepts X-Pomerium-Jwt-Assertion for this route", async () => {
    const r = await identify(new Headers({ "x-pomerium-jwt-assertion": await signToken(key, claims()) }), config());
    expect(r.ok && r.identity).toMatchObject({
      id: "ann@corp.example",
      groups: ["00g1", "media-ops"],
      canTrigger: true,
    });
  });

  it("refuses an assertion minted for another route, or sent in the Authorization header", async () => {
    expect(
      await identify(
        new Headers({
          "x-pomerium-jwt-assertion": await signToken(key, { ...claims(), aud: "grafana.corp", iss: "grafana.corp" }),
        }),
        config(),
      ),
    ).toMatchObject({ ok: false, status: 401 });
    expect(
      await identify(new Headers({ authorization: `Bearer ${await signToken(key, claims())}` }), config()),
    ).toMatchObject({ ok: false, status: 401 });
  });
});

describe("cloudflare", () => {
  let key: SigningKey;
  const TEAM = "https://corp.cloudflareaccess.com";
  const AUD = "4714c1358e65fe4b408ad6d432a5f878f08194bdb4752441fd56faefa9b2b6f2";
  const config = () =>
    jwtEnv({
      AUTH_JWT_PRESET: "cloudflare",
      AUTH_JWT_ISSUER: TEAM,
      AUTH_JWT_AUDIENCE: AUD,
      AUTH_JWKS_URL: `${keys.url}/cdn-cgi/access/certs`,
      AUTH_OPERATOR_USERS: "ann@corp.example",
    });
  // Access application token: aud is an array holding the AUD tag; no groups claim.
  const claims = () => ({
    aud: [AUD],
    email: "ann@corp.example",
    iss: TEAM,
    nbf: now(),
    sub: "7335d417",
    type: "app",
    identity_nonce: "6ei69kawdKzMIAPF",
    country: "NL",
  });
  beforeAll(async () => {
    key = await signingKey("RS256", "1a1c3986a44ce6390be42ec772b031df8f433fdc71716db821dc0c39af3bce49");
    // The certs document carries the JWKS plus PEM copies (public_cert, public_certs).
    const pem = await exportSPKI(key.publicKey);
    keys.set("/cdn-cgi/access/certs", {
      keys: [key.publicJwk],
      public_cert: { kid: key.kid, cert: pem },
      public_certs: [{ kid: key.kid, cert: pem }],
    });
  });

  it("accepts Cf-Access-Jwt-Assertion; the operator is named by AUTH_OPERATOR_USERS", async () => {
    const r = await identify(new Headers({ "cf-access-jwt-assertion": await signToken(key, claims()) }), config());
    expect(r.ok && r.identity).toMatchObject({ id: "ann@corp.example", groups: [], canTrigger: true });
  });

  it("checks aud (Backstage's cfAccess does not): another application's token is refused", async () => {
    const r = await identify(
      new Headers({
        "cf-access-jwt-assertion": await signToken(key, { ...claims(), aud: ["another-application-aud-tag"] }),
      }),
      config(),
    );
    expect(r).toMatchObject({ ok: false, status: 401, reason: "The sign-in token's aud claim is not accepted" });
  });
});

describe("iap", () => {
  let key: SigningKey;
  const AUD = "/projects/123456789/global/backendServices/987654321";
  const config = () =>
    jwtEnv({
      AUTH_JWT_PRESET: "iap",
      AUTH_JWT_AUDIENCE: AUD,
      AUTH_JWKS_URL: `${keys.url}/iap/verify/public_key-jwk`,
      AUTH_OPERATOR_USERS: "ann@corp.example",
    });
  const claims = () => ({
    aud: AUD,
    iss: "https://cloud.google.com/iap",
    sub: "accounts.google.com:10769150350006150715",
    email: "ann@corp.example",
    hd: "corp.example",
  });
  beforeAll(async () => {
    key = await signingKey("ES256", "0oeLcQ");
    keys.set("/iap/verify/public_key-jwk", { keys: [key.publicJwk] });
  });

  it("accepts x-goog-iap-jwt-assertion with Google's issuer", async () => {
    const r = await identify(new Headers({ "x-goog-iap-jwt-assertion": await signToken(key, claims()) }), config());
    expect(r.ok && r.identity).toMatchObject({ id: "ann@corp.example", canTrigger: true });
  });

  it("refuses another backend service's token and a token from another issuer", async () => {
    expect(
      await identify(
        new Headers({
          "x-goog-iap-jwt-assertion": await signToken(key, {
            ...claims(),
            aud: "/projects/123456789/global/backendServices/1",
          }),
        }),
        config(),
      ),
    ).toMatchObject({ ok: false });
    expect(
      await identify(
        new Headers({
          "x-goog-iap-jwt-assertion": await signToken(key, { ...claims(), iss: "https://accounts.google.com" }),
        }),
        config(),
      ),
    ).toMatchObject({ ok: false });
  });
});

describe("alb", () => {
  const ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/ci-console/50dc6c495c0c9188";
  const KID = "a3b2c1d0-1234-4abc-9def-0123456789ab";
  const ISS = "https://idp.corp";
  let key: SigningKey;
  const config = (extra: Record<string, string> = {}) =>
    jwtEnv({
      AUTH_JWT_PRESET: "alb",
      AUTH_ALB_ARN: ARN,
      AUTH_JWT_ISSUER: ISS,
      AUTH_JWKS_URL: keys.url,
      AUTH_OPERATOR_GROUPS: "media-ops",
      ...extra,
    });
  /** base64url WITH "=" padding, as ALB writes it. */
  const padded = (b: Buffer) => {
    const s = b.toString("base64url");
    return s + "=".repeat((4 - (s.length % 4)) % 4);
  };

  async function albToken(
    claims: Record<string, unknown>,
    header: Record<string, unknown> = {},
    signWith = key,
  ): Promise<string> {
    const exp = now() + 120;
    const h = padded(
      Buffer.from(
        JSON.stringify({
          typ: "JWT",
          kid: KID,
          alg: "ES256",
          iss: ISS,
          client: "alb-client-id",
          signer: ARN,
          exp,
          ...header,
        }),
      ),
    );
    const p = padded(
      Buffer.from(
        JSON.stringify({ sub: "0oa1", email: "ann@corp.example", groups: ["media-ops"], exp, iss: ISS, ...claims }),
      ),
    );
    const pk = createPrivateKey(await exportPKCS8(signWith.privateKey));
    const sig = nodeSign("sha256", Buffer.from(`${h}.${p}`), { key: pk, dsaEncoding: "ieee-p1363" });
    return `${h}.${p}.${padded(sig)}`;
  }

  beforeAll(async () => {
    key = await signingKey("ES256", KID);
    keys.set(`/${KID}`, await exportSPKI(key.publicKey));
  });

  it("verifies the padded ES256 token with the PEM key fetched by kid, and checks signer", async () => {
    const token = await albToken({});
    expect(token).toMatch(/=/); // the format really is padded
    const r = await identify(new Headers({ "x-amzn-oidc-data": token }), config());
    expect(r.ok && r.identity).toMatchObject({ id: "ann@corp.example", canTrigger: true });
  });

  it("checks signer (Backstage's awsAlb does not), iss, client, expiry and the signature", async () => {
    const other = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/someone-else/50dc6c495c0c9188";
    const refusedWith = async (token: string, reason: string, cfg = config()) =>
      expect(await identify(new Headers({ "x-amzn-oidc-data": token }), cfg)).toMatchObject({
        ok: false,
        status: 401,
        reason,
      });
    await refusedWith(await albToken({}, { signer: other }), "The sign-in token was signed by another load balancer");
    await refusedWith(await albToken({ iss: "https://evil.example" }), "The sign-in token's issuer is not accepted");
    await refusedWith(await albToken({ exp: now() - 120 }), "The sign-in token has expired");
    await refusedWith(
      await albToken({}, { client: "another-client" }),
      "The sign-in token is for another client",
      config({ AUTH_JWT_AUDIENCE: "alb-client-id" }),
    );
    await refusedWith(
      await albToken({}, {}, await signingKey("ES256", KID)),
      "The sign-in token's signature is invalid",
    );
    await refusedWith(await albToken({}, { alg: "HS256" }), "The sign-in token's algorithm is not accepted");
  });

  it("never puts a hostile kid into the key URL", async () => {
    const before = keys.hits(`/${KID}`);
    const r = await identify(new Headers({ "x-amzn-oidc-data": await albToken({}, { kid: "../../evil" }) }), config());
    expect(r).toMatchObject({ ok: false, reason: "The sign-in token was signed by an unknown key" });
    expect(keys.hits("/evil") + keys.hits(`/${KID}`) - before).toBe(0);
  });
});

describe("oauth2-proxy --pass-authorization-header", () => {
  let key: SigningKey;
  const ISS = "https://keycloak.corp/realms/corp";
  const config = () =>
    jwtEnv({
      AUTH_JWT_PRESET: "oauth2-proxy",
      AUTH_JWT_ISSUER: ISS,
      AUTH_JWT_AUDIENCE: "ci-console",
      AUTH_JWKS_URL: `${keys.url}/realms/corp/protocol/openid-connect/certs`,
      AUTH_OPERATOR_GROUPS: "media-ops",
    });
  beforeAll(async () => {
    key = await signingKey("RS256", "kc-rsa");
    keys.set("/realms/corp/protocol/openid-connect/certs", { keys: [key.publicJwk] });
  });

  it("accepts the IdP's ID token as Authorization: Bearer", async () => {
    const idToken = await signToken(key, {
      iss: ISS,
      aud: "ci-console",
      azp: "ci-console",
      sub: "f1",
      email: "ann@corp.example",
      email_verified: true,
      groups: ["media-ops"],
    });
    const r = await identify(new Headers({ authorization: `Bearer ${idToken}` }), config());
    expect(r.ok && r.identity).toMatchObject({ id: "ann@corp.example", canTrigger: true });
  });
});
