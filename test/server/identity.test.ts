import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/server/config-schema";
import { identify } from "@/lib/server/identity";

const env = { CI_SECRET_ID: "id", CI_SECRET_KEY: "k", CI_BUCKET: "examplebucket-1250000000", CI_REGION: "ap-beijing", AUTH_MODE: "header" };

describe("identify", async () => {
  it("takes the user and groups from the SSO headers", async () => {
    const r = await identify(new Headers({ "x-forwarded-email": "ann@example.com", "x-forwarded-groups": "ops, media" }), parseConfig(env));
    expect(r).toEqual({ ok: true, identity: { id: "ann@example.com", name: "ann", groups: ["ops", "media"], canTrigger: true } });
  });

  it("refuses a request with no identity", async () => {
    expect((await identify(new Headers(), parseConfig(env))).ok).toBe(false);
  });

  it("only operator groups may trigger when AUTH_OPERATOR_GROUPS is set", async () => {
    const config = parseConfig({ ...env, AUTH_OPERATOR_GROUPS: "media-ops" });
    const viewer = await identify(new Headers({ "x-forwarded-email": "v@example.com", "x-forwarded-groups": "readers" }), config);
    const operator = await identify(new Headers({ "x-forwarded-email": "o@example.com", "x-forwarded-groups": "readers,media-ops" }), config);
    expect(viewer.ok && viewer.identity.canTrigger).toBe(false);
    expect(operator.ok && operator.identity.canTrigger).toBe(true);
  });

  it("requires the proxy secret when one is configured (a forged user header alone is refused)", async () => {
    const config = parseConfig({ ...env, AUTH_PROXY_SECRET: "proxy-s3cret" });
    expect((await identify(new Headers({ "x-forwarded-email": "mallory@example.com" }), config)).ok).toBe(false);
    expect((await identify(new Headers({ "x-forwarded-email": "mallory@example.com", "x-auth-proxy-secret": "wrong" }), config)).ok).toBe(false);
    expect((await identify(new Headers({ "x-forwarded-email": "ann@example.com", "x-auth-proxy-secret": "proxy-s3cret" }), config)).ok).toBe(true);
  });

  it("honours custom header names", async () => {
    const config = parseConfig({ ...env, AUTH_USER_HEADER: "X-Auth-Request-User", AUTH_GROUPS_HEADER: "X-Auth-Request-Groups" });
    const r = await identify(new Headers({ "x-auth-request-user": "bob", "x-auth-request-groups": "g" }), config);
    expect(r.ok && r.identity.id).toBe("bob");
  });

  it("gives a local operator in AUTH_MODE=none", async () => {
    const r = await identify(new Headers(), parseConfig({ ...env, AUTH_MODE: "none" }));
    expect(r.ok && r.identity.canTrigger).toBe(true);
  });

  it("rejects a malformed identity header", async () => {
    expect((await identify(new Headers({ "x-forwarded-email": "a b<script>" }), parseConfig(env))).ok).toBe(false);
  });
});
