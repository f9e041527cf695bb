import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT } from "jose";
import Provider from "oidc-provider";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
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
 * jwt mode against a real OpenID provider (oidc-provider from npm, its own RSA and EC keys, a groups claim): it
 * issues the tokens, its JWKS endpoint serves the keys. The refusals use tokens signed locally and a local key server.
 */

const AUDIENCE = "urn:ci-console";
const people = {
  "operator-client": { email: "olivia@corp.example", groups: ["readers", "media-ops"] },
  "viewer-client": { email: "victor@corp.example", groups: ["readers"] },
} as const;
const CLIENT_SECRET = "client-secret-for-the-test-provider-0123";

let providerServer: Server;
let issuer: string;

async function privateJwk(alg: "RS256" | "ES256", kid: string) {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg, use: "sig" };
}

beforeAll(async () => {
  providerServer = createServer();
  await new Promise<void>((r) => providerServer.listen(0, "127.0.0.1", r));
  issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: Object.keys(people).map((client_id) => ({
      client_id,
      client_secret: CLIENT_SECRET,
      grant_types: ["client_credentials"],
      redirect_uris: [],
      response_types: [],
    })),
    jwks: { keys: [await privateJwk("RS256", "provider-rsa"), await privateJwk("ES256", "provider-ec")] },
    features: {
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        // A JWT access token per resource; the ":ec" resource is signed with the provider's EC key.
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({
          scope: "api",
          audience: resource === `${AUDIENCE}:ec` ? AUDIENCE : resource,
          accessTokenFormat: "jwt",
          jwt: { sign: { alg: resource.endsWith(":ec") ? "ES256" : "RS256" } },
        }),
      },
    },
    // The person behind each client: an email and a groups claim, as a company IdP would put them in.
    extraTokenClaims: (ctx: { oidc: { client?: { clientId: string } } }) =>
      people[ctx.oidc.client!.clientId as keyof typeof people],
  });
  providerServer.on("request", provider.callback());
});
afterAll(async () => new Promise<void>((r) => providerServer.close(() => r())));
afterEach(() => {
  resetKeyCachesForTests();
  vi.useRealTimers();
});

async function issuedToken(clientId: keyof typeof people, resource = AUDIENCE): Promise<string> {
  const res = await fetch(`${issuer}/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${clientId}:${CLIENT_SECRET}`).toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: "client_credentials", scope: "api", resource }),
  });
  const body = (await res.json()) as { access_token?: string; error?: string };
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.access_token!;
}

const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

describe("jwt mode with tokens from a real OpenID provider", () => {
  const providerConfig = () =>
    parseConfig({
      ...REAL_CI_ENV,
      AUTH_MODE: "jwt",
      AUTH_JWKS_URL: `${issuer}/jwks`,
      AUTH_JWT_ISSUER: issuer,
      AUTH_JWT_AUDIENCE: AUDIENCE,
      AUTH_OPERATOR_GROUPS: "media-ops",
    });

  it("signs the person in with their groups deciding the role (RS256 and ES256 keys)", async () => {
    const rsaToken = await issuedToken("operator-client");
    const ecToken = await issuedToken("viewer-client", `${AUDIENCE}:ec`);
    expect(JSON.parse(Buffer.from(rsaToken.split(".")[0]!, "base64url").toString())).toMatchObject({
      alg: "RS256",
      kid: "provider-rsa",
    });
    expect(JSON.parse(Buffer.from(ecToken.split(".")[0]!, "base64url").toString())).toMatchObject({
      alg: "ES256",
      kid: "provider-ec",
    });
    const config = providerConfig();
    expect(await identify(bearer(rsaToken), config)).toEqual({
      ok: true,
      identity: { id: "olivia@corp.example", name: "olivia", groups: ["readers", "media-ops"], canTrigger: true },
    });
    expect(await identify(bearer(ecToken), config)).toEqual({
      ok: true,
      identity: { id: "victor@corp.example", name: "victor", groups: ["readers"], canTrigger: false },
    });
  });

  it("refuses the provider's token for another audience or issuer", async () => {
    const token = await issuedToken("operator-client");
    const base = { ...REAL_CI_ENV, AUTH_MODE: "jwt", AUTH_JWKS_URL: `${issuer}/jwks` };
    expect(
      await identify(
        bearer(token),
        parseConfig({ ...base, AUTH_JWT_ISSUER: issuer, AUTH_JWT_AUDIENCE: "urn:other-app" }),
      ),
    ).toMatchObject({ ok: false, status: 401, reason: "The sign-in token's aud claim is not accepted" });
    expect(
      await identify(
        bearer(token),
        parseConfig({ ...base, AUTH_JWT_ISSUER: "https://evil.example", AUTH_JWT_AUDIENCE: AUDIENCE }),
      ),
    ).toMatchObject({ ok: false, reason: "The sign-in token's iss claim is not accepted" });
  });
});

describe("jwt refusals (tokens signed locally, keys from a local key server)", () => {
  let keys: KeyServer;
  let rsa: SigningKey;
  let ec: SigningKey;
  const ISS = "https://idp.corp";
  const claims = { iss: ISS, aud: "ci-console", email: "ann@corp.example", groups: ["media-ops"] };
  const config = () =>
    parseConfig({
      ...REAL_CI_ENV,
      AUTH_MODE: "jwt",
      AUTH_JWKS_URL: `${keys.url}/jwks`,
      AUTH_JWT_ISSUER: ISS,
      AUTH_JWT_AUDIENCE: "ci-console",
      AUTH_OPERATOR_GROUPS: "media-ops",
    });

  beforeAll(async () => {
    keys = await startKeyServer();
    rsa = await signingKey("RS256", "rsa-1");
    ec = await signingKey("ES256", "ec-1");
  });
  beforeEach(() => keys.set("/jwks", { keys: [rsa.publicJwk, ec.publicJwk] }));
  afterAll(async () => keys.close());

  const refused = async (headers: Headers, reason?: string) => {
    const r = await identify(headers, config());
    expect(r).toMatchObject({ ok: false, status: 401, ...(reason ? { reason } : {}) });
  };

  it("accepts a good token (the baseline every refusal below differs from)", async () => {
    const r = await identify(bearer(await signToken(rsa, claims)), config());
    expect(r.ok && r.identity).toMatchObject({ id: "ann@corp.example", canTrigger: true });
  });

  it("alg: none", async () => {
    const unsigned = new UnsecuredJWT({ ...claims, exp: now() + 300 }).encode();
    await refused(bearer(unsigned));
  });

  it("HS256 signed with the public key as the HMAC secret", async () => {
    const pem = new TextEncoder().encode(await exportSPKI(rsa.publicKey));
    const forged = await new SignJWT({ ...claims, exp: now() + 300 })
      .setProtectedHeader({ alg: "HS256", kid: "rsa-1" })
      .sign(pem);
    await refused(bearer(forged), "The sign-in token's algorithm is not accepted");
  });

  it("wrong iss, wrong aud, no exp, expired beyond the 60 s tolerance, nbf in the future", async () => {
    await refused(
      bearer(await signToken(rsa, { ...claims, iss: "https://evil.example" })),
      "The sign-in token's iss claim is not accepted",
    );
    await refused(
      bearer(await signToken(rsa, { ...claims, aud: "another-app" })),
      "The sign-in token's aud claim is not accepted",
    );
    await refused(bearer(await signToken(rsa, { ...claims, exp: undefined })));
    await refused(
      bearer(await signToken(rsa, { ...claims, iat: now() - 600, exp: now() - 61 })),
      "The sign-in token has expired",
    );
    await refused(bearer(await signToken(rsa, { ...claims, nbf: now() + 120 })), "The sign-in token is not valid yet");
    // Within the tolerance: a few seconds of clock skew between the SSO front and us is fine.
    expect((await identify(bearer(await signToken(ec, { ...claims, exp: now() - 30 })), config())).ok).toBe(true);
  });

  it("a signature from another key with a known kid", async () => {
    const impostor = await signingKey("RS256", "rsa-1");
    await refused(bearer(await signToken(impostor, claims)), "The sign-in token's signature is invalid");
  });

  it("malformed tokens, 10 kB headers, a missing Bearer prefix, a header sent twice", async () => {
    const good = await signToken(rsa, claims);
    for (const value of [
      "Bearer",
      "Bearer not.a.jwt",
      "Bearer a.b",
      `Bearer ${"A".repeat(10_240)}.${"B".repeat(10)}.C`,
      "Bearer ..",
      `Basic ${good}`,
      good,
      `Bearer ${good}, Bearer ${good}`,
      "Bearer e30.e30.e30",
      "Bearer eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln",
    ]) {
      await refused(new Headers({ authorization: value }));
    }
    await refused(new Headers(), "Not signed in: no sign-in token from the SSO front");
  });

  it("no usable user claim", async () => {
    await refused(
      bearer(await signToken(rsa, { ...claims, email: undefined })),
      "The sign-in token has no usable email claim",
    );
    await refused(bearer(await signToken(rsa, { ...claims, email: ["a@corp"] })));
  });

  it("an unknown kid is refused; once the IdP rotates, the new key is accepted after the refetch cool-down", async () => {
    const rotated = await signingKey("ES256", "ec-2");
    const token = await signToken(rotated, claims);
    expect((await identify(bearer(await signToken(rsa, claims)), config())).ok).toBe(true);
    const fetchesBefore = keys.hits("/jwks");
    await refused(bearer(token), "The sign-in token was signed by an unknown key");
    // A flood of unknown kids does not become a flood of fetches.
    for (let i = 0; i < 5; i++)
      await refused(bearer(await signToken(await signingKey("ES256", `made-up-${i}`), claims)));
    expect(keys.hits("/jwks") - fetchesBefore).toBe(0);
    keys.set("/jwks", { keys: [ec.publicJwk, rotated.publicJwk] });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 31_000 });
    const r = await identify(bearer(await signToken(rotated, claims)), config());
    expect(r.ok && r.identity.id).toBe("ann@corp.example");
    expect(keys.hits("/jwks") - fetchesBefore).toBe(1);
  });

  it("groups from a dotted claim path and from a namespaced claim name", async () => {
    const nested = parseConfig({
      ...REAL_CI_ENV,
      AUTH_MODE: "jwt",
      AUTH_JWKS_URL: `${keys.url}/jwks`,
      AUTH_JWT_ISSUER: ISS,
      AUTH_JWT_AUDIENCE: "ci-console",
      AUTH_JWT_GROUPS_CLAIM: "realm_access.roles",
      AUTH_OPERATOR_GROUPS: "ops",
    });
    const r = await identify(
      bearer(await signToken(rsa, { ...claims, groups: undefined, realm_access: { roles: ["ops", 7] } })),
      nested,
    );
    expect(r.ok && r.identity).toMatchObject({ groups: ["ops"], canTrigger: true });
    const namespaced = parseConfig({
      ...REAL_CI_ENV,
      AUTH_MODE: "jwt",
      AUTH_JWKS_URL: `${keys.url}/jwks`,
      AUTH_JWT_ISSUER: ISS,
      AUTH_JWT_AUDIENCE: "ci-console",
      AUTH_JWT_GROUPS_CLAIM: "https://corp.example/groups",
    });
    const n = await identify(
      bearer(await signToken(rsa, { ...claims, "https://corp.example/groups": ["x"] })),
      namespaced,
    );
    expect(n.ok && n.identity.groups).toEqual(["x"]);
  });
});
