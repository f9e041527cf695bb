import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/server/config-schema";

const base = {
  CI_SECRET_ID: "id",
  CI_SECRET_KEY: "super-secret-value",
  CI_BUCKET: "examplebucket-1250000000",
  CI_REGION: "ap-beijing",
  AUTH_MODE: "header",
  AUTH_PROXY_SECRET: "a-proxy-secret-of-at-least-32-characters",
  PUBLIC_ORIGIN: "https://ci-console.corp",
};

describe("parseConfig", () => {
  it("reads one bucket and derives the CI host", () => {
    const c = parseConfig(base);
    expect(c.buckets).toEqual([
      {
        bucket: "examplebucket-1250000000",
        region: "ap-beijing",
        host: "examplebucket-1250000000.ci.ap-beijing.myqcloud.com",
      },
    ]);
    expect(c.auth.mode).toBe("header");
    expect(c.cacheMs).toBe(1000);
    expect(c.shutdownGraceMs).toBe(25_000);
    expect(parseConfig({ ...base, SHUTDOWN_GRACE_MS: "5000" }).shutdownGraceMs).toBe(5_000);
  });

  it("reads several buckets from CI_BUCKETS, the first being the default", () => {
    const c = parseConfig({ ...base, CI_BUCKETS: "a-1250000000@ap-shanghai, b-1250000000@ap-guangzhou" });
    expect(c.buckets.map((b) => b.host)).toEqual([
      "a-1250000000.ci.ap-shanghai.myqcloud.com",
      "b-1250000000.ci.ap-guangzhou.myqcloud.com",
    ]);
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
    [{ ...base, CI_ENDPOINT: "http://ci-proxy.internal:8080" }, /^Invalid configuration: CI_ENDPOINT: .*https/],
    [{ ...base, CI_ENDPOINT: "http://10.0.0.5" }, /CI_ENDPOINT/],
    [{ ...base, CI_BUDGET_QPS: "0" }, /CI_BUDGET_QPS/],
    [{ ...base, CI_BUDGET_BURST: "1.5" }, /CI_BUDGET_BURST/],
    [{ ...base, CI_BUDGET_USER_PER_MIN: "lots" }, /CI_BUDGET_USER_PER_MIN/],
  ])("fails fast with one message naming the variable (%#)", (env, pattern) => {
    expect(() => parseConfig(env as Record<string, string>)).toThrow(ConfigError);
    expect(() => parseConfig(env as Record<string, string>)).toThrow(pattern);
  });

  it("accepts plain http only for a loopback CI_ENDPOINT", () => {
    for (const ok of [
      "http://127.0.0.1:9100",
      "http://localhost:9100",
      "http://[::1]:9100",
      "https://ci-proxy.internal",
    ]) {
      expect(parseConfig({ ...base, CI_ENDPOINT: ok }).endpoint?.href).toBe(new URL(ok).href);
    }
  });

  it("has a CI call budget well under any plausible CI limit by default, and reads it from the environment", () => {
    expect(parseConfig(base).budget).toEqual({ qps: 5, burst: 10, userPerMinute: 120, userBurst: 30 });
    expect(
      parseConfig({
        ...base,
        CI_BUDGET_QPS: "2.5",
        CI_BUDGET_BURST: "4",
        CI_BUDGET_USER_PER_MIN: "30",
        CI_BUDGET_USER_BURST: "5",
      }).budget,
    ).toEqual({
      qps: 2.5,
      burst: 4,
      userPerMinute: 30,
      userBurst: 5,
    });
  });

  it("never puts a secret value in its message", () => {
    try {
      parseConfig({ ...base, CI_BUCKET: "BAD", CI_SECRET_KEY: "super-secret-value" });
    } catch (e) {
      expect(String(e)).not.toContain("super-secret-value");
    }
  });

  it("refuses anonymous access to real CI in every NODE_ENV; no flag re-enables it (test/server/auth-config.test.ts has the rest)", () => {
    for (const NODE_ENV of ["production", "development", "test", undefined]) {
      expect(() => parseConfig({ ...base, NODE_ENV, AUTH_MODE: "none" })).toThrow(/AUTH_MODE/);
      expect(() => parseConfig({ ...base, NODE_ENV, AUTH_MODE: "none", ALLOW_ANONYMOUS: "1" })).toThrow(ConfigError);
      expect(() => parseConfig({ ...base, NODE_ENV, CI_EMULATOR: "1" })).toThrow(/CI_EMULATOR/);
    }
  });
});
