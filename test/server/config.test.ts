import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/server/config-schema";

const base = { CI_SECRET_ID: "id", CI_SECRET_KEY: "super-secret-value", CI_BUCKET: "examplebucket-1250000000", CI_REGION: "ap-beijing" };

describe("parseConfig", () => {
  it("reads one bucket and derives the CI host", () => {
    const c = parseConfig(base);
    expect(c.buckets).toEqual([{ bucket: "examplebucket-1250000000", region: "ap-beijing", host: "examplebucket-1250000000.ci.ap-beijing.myqcloud.com" }]);
    expect(c.auth.mode).toBe("header");
    expect(c.cacheMs).toBe(1000);
    expect(c.shutdownGraceMs).toBe(25_000);
    expect(parseConfig({ ...base, SHUTDOWN_GRACE_MS: "5000" }).shutdownGraceMs).toBe(5_000);
  });

  it("reads several buckets from CI_BUCKETS, the first being the default", () => {
    const c = parseConfig({ ...base, CI_BUCKETS: "a-1250000000@ap-shanghai, b-1250000000@ap-guangzhou" });
    expect(c.buckets.map((b) => b.host)).toEqual(["a-1250000000.ci.ap-shanghai.myqcloud.com", "b-1250000000.ci.ap-guangzhou.myqcloud.com"]);
  });

  it.each([
    [{ ...base, CI_SECRET_ID: undefined }, /CI_SECRET_ID/],
    [{ ...base, CI_SECRET_KEY: "" }, /CI_SECRET_KEY/],
    [{ ...base, CI_BUCKET: undefined }, /CI_BUCKET/],
    [{ ...base, CI_BUCKET: "Bad_Bucket" }, /bucket must look like/],
    [{ ...base, CI_BUCKETS: "a-1250000000" }, /CI_BUCKETS/],
    [{ ...base, CI_ENDPOINT: "not a url" }, /CI_ENDPOINT/],
    [{ ...base, CI_ENDPOINT: "ftp://x" }, /CI_ENDPOINT/],
    [{ ...base, AUTH_MODE: "magic" }, /AUTH_MODE/],
    [{ ...base, CI_TIMEOUT_MS: "-5" }, /CI_TIMEOUT_MS/],
    [{ ...base, SHUTDOWN_GRACE_MS: "soon" }, /SHUTDOWN_GRACE_MS/],
    [{ ...base, SHUTDOWN_GRACE_MS: "10" }, /SHUTDOWN_GRACE_MS: must be at least 1000/],
  ])("fails fast with one message naming the variable (%#)", (env, pattern) => {
    expect(() => parseConfig(env as Record<string, string>)).toThrow(ConfigError);
    expect(() => parseConfig(env as Record<string, string>)).toThrow(pattern);
  });

  it("never puts a secret value in its message", () => {
    try {
      parseConfig({ ...base, CI_BUCKET: "BAD", CI_SECRET_KEY: "super-secret-value" });
    } catch (e) {
      expect(String(e)).not.toContain("super-secret-value");
    }
  });

  it("refuses anonymous access to real CI in production unless explicitly allowed", () => {
    expect(() => parseConfig({ ...base, NODE_ENV: "production", AUTH_MODE: "none" })).toThrow(/ALLOW_ANONYMOUS/);
    expect(parseConfig({ ...base, NODE_ENV: "production", AUTH_MODE: "none", ALLOW_ANONYMOUS: "1" }).auth.mode).toBe("none");
    expect(parseConfig({ ...base, NODE_ENV: "production", CI_EMULATOR: "1" }).auth.mode).toBe("none");
  });
});
