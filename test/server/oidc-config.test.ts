import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/server/config-schema";

const base = {
  CI_SECRET_ID: "id",
  CI_SECRET_KEY: "k",
  CI_BUCKET: "examplebucket-1250000000",
  CI_REGION: "ap-beijing",
  AUTH_MODE: "oidc",
  PUBLIC_ORIGIN: "https://ci-console.corp",
  OIDC_ISSUER: "https://idp.corp/realms/main",
  OIDC_CLIENT_ID: "ci-console",
  OIDC_CLIENT_SECRET: "client-secret-value",
  AUTH_SESSION_SECRET: "s".repeat(32),
};

/** The one line start-up would print, which must name the variable and never echo a value. */
function failure(env: Record<string, string | undefined>): string {
  try {
    parseConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("AUTH_MODE=oidc configuration", () => {
  it("parses a complete configuration with defaults", () => {
    const oidc = parseConfig(base).auth.oidc!;
    expect(oidc.issuer.href).toBe("https://idp.corp/realms/main");
    expect(oidc.redirectUri.href).toBe("https://ci-console.corp/auth/callback");
    expect(oidc).toMatchObject({
      groupsClaim: "groups",
      scopes: "openid email profile",
      sessionTtlSeconds: 8 * 3600,
      secureCookies: true,
    });
  });

  it.each([
    ["OIDC_ISSUER", { OIDC_ISSUER: undefined }],
    ["OIDC_CLIENT_ID", { OIDC_CLIENT_ID: " " }],
    ["OIDC_CLIENT_SECRET", { OIDC_CLIENT_SECRET: undefined }],
    ["AUTH_SESSION_SECRET", { AUTH_SESSION_SECRET: undefined }],
    ["AUTH_SESSION_SECRET", { AUTH_SESSION_SECRET: "short-secret-of-31-characters!!" }],
    ["PUBLIC_ORIGIN", { PUBLIC_ORIGIN: undefined }],
    ["PUBLIC_ORIGIN", { PUBLIC_ORIGIN: "http://ci-console.corp" }],
    ["PUBLIC_ORIGIN", { PUBLIC_ORIGIN: "https://ci-console.corp/app" }],
    ["OIDC_ISSUER", { OIDC_ISSUER: "http://idp.corp" }],
    ["AUTH_SESSION_TTL", { AUTH_SESSION_TTL: "forever" }],
    ["AUTH_SESSION_TTL", { AUTH_SESSION_TTL: "30d" }],
    ["OIDC_SCOPES", { OIDC_SCOPES: "email profile" }],
  ])("refuses to start naming %s", (variable, change) => {
    const message = failure({ ...base, ...change });
    expect(message).toContain(variable);
    expect(message).not.toContain("client-secret-value");
  });

  it("accepts http only on loopback (tests), where cookies cannot be Secure", () => {
    const oidc = parseConfig({ ...base, PUBLIC_ORIGIN: "http://127.0.0.1:3420", OIDC_ISSUER: "http://localhost:4420" })
      .auth.oidc!;
    expect(oidc.secureCookies).toBe(false);
  });

  it("leaves the other modes untouched by the OIDC variables", () => {
    expect(
      parseConfig({ ...base, AUTH_MODE: "header", AUTH_PROXY_SECRET: "p".repeat(32), OIDC_ISSUER: undefined }).auth
        .oidc,
    ).toBeUndefined();
  });
});
