import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/server/config-schema";
import { contentSecurityPolicy, hstsHeader, newNonce } from "@/lib/server/security-headers";

// The built-in emulator's facts (demo keys, loopback endpoint): sign-in settings are not what these tests are about.
const base = {
  CI_SECRET_ID: "emulator-secret-id",
  CI_SECRET_KEY: "emulator-secret-key",
  CI_ENDPOINT: "http://127.0.0.1:9100",
  CI_BUCKET: "examplebucket-1250000000",
  CI_REGION: "ap-beijing",
};

describe("security headers", () => {
  it("a nonce is 128 random bits, different every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });

  it("script-src trusts the nonce and what it loads, never inline code or eval in production", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", dev: false, upgradeInsecureRequests: false });
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src "));
    expect(scriptSrc).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "abc", dev: true, upgradeInsecureRequests: false })).toContain(
      "'strict-dynamic' 'unsafe-eval'",
    );
    expect(contentSecurityPolicy({ nonce: "abc", dev: false, upgradeInsecureRequests: true })).toMatch(
      /; upgrade-insecure-requests$/,
    );
  });

  it("HSTS only when HSTS_MAX_AGE asks for it", () => {
    expect(hstsHeader(undefined)).toBeNull();
    expect(hstsHeader("")).toBeNull();
    expect(hstsHeader("0")).toBeNull();
    expect(hstsHeader("abc")).toBeNull();
    expect(hstsHeader("31536000")).toBe("max-age=31536000");
  });

  it.each([["-1"], ["1.5"], ["soon"], ["99999999"]])("start-up refuses HSTS_MAX_AGE=%s, naming the variable", (v) => {
    expect(() => parseConfig({ ...base, HSTS_MAX_AGE: v })).toThrow(ConfigError);
    expect(() => parseConfig({ ...base, HSTS_MAX_AGE: v })).toThrow(/HSTS_MAX_AGE/);
  });

  it("start-up accepts HSTS_MAX_AGE in seconds, or unset", () => {
    expect(() => parseConfig({ ...base, HSTS_MAX_AGE: "31536000" })).not.toThrow();
    expect(() => parseConfig({ ...base, HSTS_MAX_AGE: "" })).not.toThrow();
  });
});
