import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { EMULATOR_DEFAULTS } from "@/emulator/env";
import { EMULATOR_DEMO_KEYS, isBuiltInEmulator } from "@/lib/server/auth/built-in-emulator";
import { ConfigError, parseConfig } from "@/lib/server/config-schema";
import { PROXY_SECRET, PUBLIC_ORIGIN, REAL_CI_ENV } from "./auth-support";

const header = { ...REAL_CI_ENV, AUTH_MODE: "header", AUTH_PROXY_SECRET: PROXY_SECRET };
const jwt = {
  ...REAL_CI_ENV,
  AUTH_MODE: "jwt",
  AUTH_JWKS_URL: "https://idp.corp/jwks",
  AUTH_JWT_ISSUER: "https://idp.corp",
  AUTH_JWT_AUDIENCE: "ci-console",
};
const oidc = {
  ...REAL_CI_ENV,
  AUTH_MODE: "oidc",
  OIDC_ISSUER: "https://idp.corp",
  OIDC_CLIENT_ID: "ci-console",
  OIDC_CLIENT_SECRET: "client-secret-value",
  AUTH_SESSION_SECRET: "s".repeat(32),
};
const emulator = {
  ...EMULATOR_DEMO_KEYS,
  CI_SECRET_ID: EMULATOR_DEMO_KEYS.secretId,
  CI_SECRET_KEY: EMULATOR_DEMO_KEYS.secretKey,
  CI_BUCKET: "examplebucket-1250000000",
  CI_REGION: "ap-beijing",
  CI_ENDPOINT: "http://127.0.0.1:9100",
};

type Env = Record<string, string | undefined>;

function refusal(env: Env): string {
  try {
    parseConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a start-up refusal");
}

describe("start-up refusals: one line naming the variable, never its value", () => {
  const cases: [string, Env, string][] = [
    ["no AUTH_MODE against real CI", { ...REAL_CI_ENV }, "AUTH_MODE"],
    ["an unknown AUTH_MODE", { ...header, AUTH_MODE: "magic" }, "AUTH_MODE"],
    ["none against real CI", { ...REAL_CI_ENV, AUTH_MODE: "none" }, "AUTH_MODE"],
    [
      "none with a real-looking key on loopback",
      { ...REAL_CI_ENV, CI_ENDPOINT: "http://127.0.0.1:9100", AUTH_MODE: "none" },
      "AUTH_MODE",
    ],
    [
      "none with the demo keys on a remote endpoint",
      { ...emulator, CI_ENDPOINT: "https://ci.example.com", AUTH_MODE: "none", PUBLIC_ORIGIN },
      "AUTH_MODE",
    ],
    [
      "none with the demo keys and no endpoint (real CI)",
      { ...emulator, CI_ENDPOINT: undefined, AUTH_MODE: "none", PUBLIC_ORIGIN },
      "AUTH_MODE",
    ],
    ["CI_EMULATOR=1 next to a real key", { ...header, CI_EMULATOR: "1" }, "CI_EMULATOR"],
    [
      "CI_EMULATOR=1 with a real key on loopback",
      { ...header, CI_ENDPOINT: "http://127.0.0.1:9100", CI_EMULATOR: "1" },
      "CI_EMULATOR",
    ],
    ["ALLOW_ANONYMOUS (gone)", { ...header, ALLOW_ANONYMOUS: "1" }, "ALLOW_ANONYMOUS"],
    ["header mode without a proxy secret", { ...header, AUTH_PROXY_SECRET: undefined }, "AUTH_PROXY_SECRET"],
    ["a blank proxy secret", { ...header, AUTH_PROXY_SECRET: "   " }, "AUTH_PROXY_SECRET"],
    ["a 1-character proxy secret", { ...header, AUTH_PROXY_SECRET: "x" }, "AUTH_PROXY_SECRET"],
    ["a 31-character proxy secret", { ...header, AUTH_PROXY_SECRET: "p".repeat(31) }, "AUTH_PROXY_SECRET"],
    ["a short previous secret", { ...header, AUTH_PROXY_SECRET_PREVIOUS: "old" }, "AUTH_PROXY_SECRET_PREVIOUS"],
    [
      "a previous secret without a current one",
      { ...REAL_CI_ENV, AUTH_MODE: "jwt", AUTH_PROXY_SECRET_PREVIOUS: "o".repeat(40) },
      "AUTH_PROXY_SECRET_PREVIOUS",
    ],
    ["a bad groups separator", { ...header, AUTH_GROUPS_SEPARATOR: " " }, "AUTH_GROUPS_SEPARATOR"],
    ["a bad header name", { ...header, AUTH_USER_HEADER: "x user" }, "AUTH_USER_HEADER"],
    ["no PUBLIC_ORIGIN outside the emulator", { ...header, PUBLIC_ORIGIN: undefined }, "PUBLIC_ORIGIN"],
    ["a PUBLIC_ORIGIN with a path", { ...header, PUBLIC_ORIGIN: "https://ci-console.corp/app" }, "PUBLIC_ORIGIN"],
    ["a PUBLIC_ORIGIN that is no URL", { ...header, PUBLIC_ORIGIN: "ci-console" }, "PUBLIC_ORIGIN"],
    ["AUTH_EVERYONE_OPERATES=yes", { ...header, AUTH_EVERYONE_OPERATES: "yes" }, "AUTH_EVERYONE_OPERATES"],
    ["jwt without a key URL", { ...jwt, AUTH_JWKS_URL: undefined }, "AUTH_JWKS_URL"],
    ["jwt keys over plain http to another host", { ...jwt, AUTH_JWKS_URL: "http://idp.corp/jwks" }, "AUTH_JWKS_URL"],
    ["jwt without an issuer", { ...jwt, AUTH_JWT_ISSUER: undefined }, "AUTH_JWT_ISSUER"],
    ["jwt without an audience", { ...jwt, AUTH_JWT_AUDIENCE: undefined }, "AUTH_JWT_AUDIENCE"],
    ["alg none", { ...jwt, AUTH_JWT_ALGORITHMS: "none" }, "AUTH_JWT_ALGORITHMS"],
    ["HMAC algorithms", { ...jwt, AUTH_JWT_ALGORITHMS: "RS256,HS256" }, "AUTH_JWT_ALGORITHMS"],
    ["an unknown algorithm", { ...jwt, AUTH_JWT_ALGORITHMS: "RS1" }, "AUTH_JWT_ALGORITHMS"],
    ["an unknown preset", { ...jwt, AUTH_JWT_PRESET: "okta" }, "AUTH_JWT_PRESET"],
    [
      "cloudflare without the AUD tag",
      {
        ...REAL_CI_ENV,
        AUTH_MODE: "jwt",
        AUTH_JWT_PRESET: "cloudflare",
        AUTH_JWT_ISSUER: "https://corp.cloudflareaccess.com",
      },
      "AUTH_JWT_AUDIENCE",
    ],
    ["iap without the audience", { ...REAL_CI_ENV, AUTH_MODE: "jwt", AUTH_JWT_PRESET: "iap" }, "AUTH_JWT_AUDIENCE"],
    [
      "alb without the ARN",
      { ...REAL_CI_ENV, AUTH_MODE: "jwt", AUTH_JWT_PRESET: "alb", AUTH_JWT_ISSUER: "https://idp.corp" },
      "AUTH_ALB_ARN",
    ],
    [
      "alb with a malformed ARN",
      {
        ...REAL_CI_ENV,
        AUTH_MODE: "jwt",
        AUTH_JWT_PRESET: "alb",
        AUTH_JWT_ISSUER: "https://idp.corp",
        AUTH_ALB_ARN: "arn:nope",
      },
      "AUTH_ALB_ARN",
    ],
    ["oidc without an issuer", { ...oidc, OIDC_ISSUER: undefined }, "OIDC_ISSUER"],
    ["oidc without a client id", { ...oidc, OIDC_CLIENT_ID: undefined }, "OIDC_CLIENT_ID"],
    ["oidc without a client secret", { ...oidc, OIDC_CLIENT_SECRET: " " }, "OIDC_CLIENT_SECRET"],
    [
      "oidc with a short session secret",
      { ...oidc, AUTH_SESSION_SECRET: "short-session-secret" },
      "AUTH_SESSION_SECRET",
    ],
    ["oidc without a session secret", { ...oidc, AUTH_SESSION_SECRET: undefined }, "AUTH_SESSION_SECRET"],
  ];

  it.each(cases)("%s", (_title, env, variable) => {
    const message = refusal(env);
    expect(message).toContain(variable);
    expect(message).not.toContain("\n");
    for (const secret of [
      REAL_CI_ENV.CI_SECRET_KEY,
      env.AUTH_PROXY_SECRET,
      env.AUTH_PROXY_SECRET_PREVIOUS,
      env.AUTH_SESSION_SECRET,
      env.OIDC_CLIENT_SECRET,
    ]) {
      if (secret && secret.trim().length > 3) expect(message).not.toContain(secret.trim());
    }
  });

  it("refuses in every NODE_ENV, not only in production", () => {
    for (const NODE_ENV of ["production", "development", "test", undefined]) {
      expect(refusal({ ...REAL_CI_ENV, AUTH_MODE: "none", NODE_ENV })).toContain("AUTH_MODE");
      expect(refusal({ ...header, AUTH_PROXY_SECRET: undefined, NODE_ENV })).toContain("AUTH_PROXY_SECRET");
      expect(refusal({ ...header, CI_EMULATOR: "1", NODE_ENV })).toContain("CI_EMULATOR");
    }
  });

  it("stops the real server start-up with exactly that line on stderr and exit code 1", () => {
    // What instrumentation.ts runs at start-up (lib/server/startup-check.ts runStartupChecks).
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        'import("./lib/server/startup-check.ts").then((m) => (m.runStartupChecks ?? m.default.runStartupChecks)())',
      ],
      {
        env: { PATH: process.env.PATH, ...header, NODE_ENV: "production", AUTH_PROXY_SECRET: "short" },
        encoding: "utf8",
      },
    );
    expect(r.status).toBe(1);
    const lines = r.stderr.split("\n").filter((l) => l.trim() !== "");
    expect(lines).toEqual(["Invalid configuration: AUTH_PROXY_SECRET: must be at least 32 characters"]);
  });
});

describe("what is accepted", () => {
  it("the built-in emulator is decided from both facts: loopback endpoint and the emulator's own demo keys", () => {
    expect(EMULATOR_DEMO_KEYS).toEqual({
      secretId: EMULATOR_DEFAULTS.secretId,
      secretKey: EMULATOR_DEFAULTS.secretKey,
    });
    const facts = { secretId: EMULATOR_DEMO_KEYS.secretId, secretKey: EMULATOR_DEMO_KEYS.secretKey };
    for (const host of ["127.0.0.1:9100", "localhost:9100", "[::1]:9100", "127.1.2.3"])
      expect(isBuiltInEmulator({ ...facts, endpoint: new URL(`http://${host}`) })).toBe(true);
    expect(isBuiltInEmulator({ ...facts, endpoint: new URL("http://10.0.0.5:9100") })).toBe(false);
    expect(isBuiltInEmulator({ ...facts, endpoint: undefined })).toBe(false);
    expect(isBuiltInEmulator({ ...facts, secretKey: "another-key", endpoint: new URL("http://127.0.0.1:9100") })).toBe(
      false,
    );
  });

  it("against the built-in emulator: none by default, header mode without a secret, no PUBLIC_ORIGIN needed", () => {
    const c = parseConfig({ ...emulator, CI_EMULATOR: "1" });
    expect(c.auth.mode).toBe("none");
    expect(c.emulator).toBe(true);
    expect(c.publicOrigin).toBeUndefined();
    expect(parseConfig({ ...emulator, AUTH_MODE: "header" }).auth.header.proxySecrets).toEqual([]);
  });

  it("header mode with a current and a previous secret, custom headers and separator", () => {
    const c = parseConfig({
      ...header,
      AUTH_PROXY_SECRET_PREVIOUS: "q".repeat(32),
      AUTH_USER_HEADER: "X-Auth-Request-Email",
      AUTH_GROUPS_SEPARATOR: ";",
      AUTH_OPERATOR_GROUPS: "CN=ops,OU=groups;media-ops",
    });
    expect(c.auth.header).toEqual({
      userHeader: "x-auth-request-email",
      groupsHeader: "x-forwarded-groups",
      groupsSeparator: ";",
      proxySecrets: [PROXY_SECRET, "q".repeat(32)],
    });
    expect(c.auth.roles.operatorGroups).toEqual(["CN=ops,OU=groups", "media-ops"]);
    expect(c.publicOrigin?.origin).toBe(PUBLIC_ORIGIN);
  });

  it("roles deny by default", () => {
    expect(parseConfig(header).auth.roles).toEqual({
      operatorGroups: [],
      operatorUsers: [],
      everyoneOperates: false,
      allowedGroups: [],
    });
  });

  it("oidc: parses the provider and session settings, groups claim defaults to groups", () => {
    const parsed = parseConfig(oidc).auth.oidc!;
    expect({ ...parsed, issuer: parsed.issuer.href, redirectUri: parsed.redirectUri.href }).toEqual({
      issuer: "https://idp.corp/",
      clientId: "ci-console",
      clientSecret: "client-secret-value",
      sessionSecret: "s".repeat(32),
      groupsClaim: "groups",
      scopes: "openid email profile",
      sessionTtlSeconds: 8 * 3600,
      redirectUri: `${new URL(oidc.PUBLIC_ORIGIN).origin}/auth/callback`,
      secureCookies: new URL(oidc.PUBLIC_ORIGIN).protocol === "https:",
    });
  });

  it.each([
    [
      "pomerium",
      {},
      {
        header: "x-pomerium-jwt-assertion",
        keyUrl: "https://ci-console.corp/.well-known/pomerium/jwks.json",
        issuer: "ci-console.corp",
        audience: "ci-console.corp",
        algorithms: ["ES256", "RS256"],
      },
    ],
    [
      "cloudflare",
      {
        AUTH_JWT_ISSUER: "https://corp.cloudflareaccess.com",
        AUTH_JWT_AUDIENCE: "4714c1358e65fe4b408ad6d432a5f878f08194bdb4752441fd56faefa9b2b6f2",
      },
      {
        header: "cf-access-jwt-assertion",
        keyUrl: "https://corp.cloudflareaccess.com/cdn-cgi/access/certs",
        issuer: "https://corp.cloudflareaccess.com",
        algorithms: ["RS256"],
      },
    ],
    [
      "iap",
      { AUTH_JWT_AUDIENCE: "/projects/123456789/global/backendServices/987654321" },
      {
        header: "x-goog-iap-jwt-assertion",
        keyUrl: "https://www.gstatic.com/iap/verify/public_key-jwk",
        issuer: "https://cloud.google.com/iap",
        algorithms: ["ES256"],
      },
    ],
    [
      "alb",
      {
        AUTH_JWT_ISSUER: "https://idp.corp",
        AUTH_ALB_ARN:
          "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/ci-console/50dc6c495c0c9188",
      },
      {
        header: "x-amzn-oidc-data",
        keySource: "alb-pem",
        keyUrl: "https://public-keys.auth.elb.eu-west-1.amazonaws.com/",
        issuer: "https://idp.corp",
        algorithms: ["ES256"],
      },
    ],
    [
      "oauth2-proxy",
      { AUTH_JWKS_URL: "https://idp.corp/keys", AUTH_JWT_ISSUER: "https://idp.corp", AUTH_JWT_AUDIENCE: "ci-console" },
      { header: "authorization", keyUrl: "https://idp.corp/keys", algorithms: ["RS256", "ES256"] },
    ],
  ])("preset %s fills in its documented header, key URL and issuer", (preset, extra, expected) => {
    const c = parseConfig({ ...REAL_CI_ENV, AUTH_MODE: "jwt", AUTH_JWT_PRESET: preset, ...extra });
    const { keyUrl, ...rest } = c.auth.jwt!;
    const { keyUrl: wantUrl, ...want } = expected as { keyUrl: string };
    expect(keyUrl.href).toBe(wantUrl);
    expect(rest).toMatchObject(want);
  });
});
