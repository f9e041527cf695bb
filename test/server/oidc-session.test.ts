import { EncryptJWT } from "jose";
import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/server/config-schema";
import { identifyOidc } from "@/lib/server/auth/oidc";
import {
  readSession,
  sealSession,
  sessionClearCookie,
  sessionCookieName,
  sessionSetCookie,
} from "@/lib/server/auth/oidc-session";
import { seal, unseal } from "@/lib/server/auth/session";
import { safeReturnTo } from "@/lib/server/auth/oidc-login";
import { identify } from "@/lib/server/auth/identify";

const base = {
  CI_SECRET_ID: "id",
  CI_SECRET_KEY: "k",
  CI_BUCKET: "examplebucket-1250000000",
  CI_REGION: "ap-beijing",
  AUTH_MODE: "oidc",
  PUBLIC_ORIGIN: "https://ci-console.corp",
  OIDC_ISSUER: "https://idp.corp",
  OIDC_CLIENT_ID: "ci-console",
  OIDC_CLIENT_SECRET: "client-secret",
  AUTH_SESSION_SECRET: "s".repeat(40),
  AUTH_OPERATOR_GROUPS: "media-ops",
};
const config = parseConfig(base);
const oidc = config.auth.oidc!;
const alice = { user: "alice@example.com", subject: "alice", groups: ["media-ops"] };
const withCookie = (value: string, name = sessionCookieName(oidc)) =>
  new Headers({ cookie: `other=1; ${name}=${value}` });

describe("oidc session cookie", () => {
  it("round-trips a session and derives the role from the current operator groups", async () => {
    const value = await sealSession(alice, oidc);
    expect(value).not.toContain("alice");
    expect(await readSession(withCookie(value), oidc)).toEqual(alice);
    // Roles are applied by identify() for every mode (lib/server/auth/roles.ts), so ask it, not the oidc module.
    const r = await identify(withCookie(value), config);
    expect(r).toEqual({
      ok: true,
      identity: { id: "alice@example.com", name: "alice", groups: ["media-ops"], canTrigger: true },
    });
    const viewer = await identify(withCookie(await sealSession({ ...alice, groups: ["readers"] }, oidc)), config);
    expect(viewer.ok && viewer.identity.canTrigger).toBe(false);
  });

  it("treats absent, garbage, oversized, tampered and foreign cookies as not signed in (never throws)", async () => {
    const good = await sealSession(alice, oidc);
    const tampered = good.slice(0, -3) + (good.endsWith("AAA") ? "BBB" : "AAA");
    const cases = [
      new Headers(),
      withCookie("garbage"),
      withCookie("a.b.c.d.e"),
      withCookie("x".repeat(10_000)),
      withCookie(tampered),
      withCookie(good, "wrong-name"),
    ];
    for (const headers of cases) expect((await identifyOidc(headers, config)).ok).toBe(false);
  });

  it("refuses a cookie sealed with another secret, for another purpose, for another IdP, or expired", async () => {
    const otherSecret = parseConfig({ ...base, AUTH_SESSION_SECRET: "t".repeat(40) }).auth.oidc!;
    expect(await readSession(withCookie(await sealSession(alice, otherSecret)), oidc)).toBeNull();
    const otherIdp = parseConfig({ ...base, OIDC_ISSUER: "https://other-idp.corp" }).auth.oidc!;
    expect(await readSession(withCookie(await sealSession(alice, otherIdp)), oidc)).toBeNull();
    // A login-attempt cookie is not a session even with the same secret.
    const loginSealed = await seal(
      { sub: "alice", user: "alice@example.com", groups: [] },
      "login",
      oidc.sessionSecret,
      600,
    );
    expect(await readSession(withCookie(loginSealed), oidc)).toBeNull();
    expect(await unseal(loginSealed, "login", oidc.sessionSecret)).not.toBeNull();
    const expired = await seal(
      { sub: "alice", user: "alice@example.com", groups: [] },
      "session",
      oidc.sessionSecret,
      -120,
    );
    expect(await readSession(withCookie(expired), oidc)).toBeNull();
  });

  it("refuses a JWE made with the right key but without expiry", async () => {
    const { hkdfSync } = await import("node:crypto");
    const key = new Uint8Array(hkdfSync("sha256", oidc.sessionSecret, "ci-batch-console", "cookie:session:v1", 32));
    const noExp = await new EncryptJWT({ sub: "a", user: "a@x", groups: [] })
      .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
      .setIssuer("ci-batch-console")
      .setAudience("session")
      .setIssuedAt()
      .encrypt(key);
    expect(await unseal(noExp, "session", oidc.sessionSecret)).toBeNull();
  });

  it("sets HttpOnly, SameSite=Lax, Secure and the __Host- prefix over https; plain name without Secure on http loopback", async () => {
    const cookie = sessionSetCookie("v", oidc);
    expect(cookie).toMatch(/^__Host-ci-console-session=v; Path=\/; Max-Age=28800; HttpOnly; SameSite=Lax; Secure$/);
    expect(sessionClearCookie(oidc)).toContain("Max-Age=0");
    const local = parseConfig({ ...base, PUBLIC_ORIGIN: "http://127.0.0.1:3000", AUTH_SESSION_TTL: "30m" }).auth.oidc!;
    expect(sessionSetCookie("v", local)).toBe("ci-console-session=v; Path=/; Max-Age=1800; HttpOnly; SameSite=Lax");
  });
});

describe("safeReturnTo", () => {
  it("keeps paths on this site and refuses anything that would leave it", () => {
    expect(safeReturnTo("/jobs?state=Running")).toBe("/jobs?state=Running");
    for (const bad of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example",
      "jobs",
      "",
      null,
      "/auth/login",
      "/a\nb",
    ])
      expect(safeReturnTo(bad)).toBe("/jobs");
  });
});
