import { describe, expect, it } from "vitest";
import { isCrossOriginChange, isMisdirected, type RequestFacts } from "@/lib/server/auth/origin";

const PUBLIC = new URL("https://ci-console.corp");
const facts = (f: Partial<RequestFacts>): RequestFacts => ({
  host: "ci-console.corp",
  forwardedHost: null,
  origin: null,
  secFetchSite: null,
  ...f,
});

describe("the host rule (421 in production)", () => {
  it("accepts PUBLIC_ORIGIN's host, in any letter case", () => {
    expect(isMisdirected(facts({}), PUBLIC, true)).toBe(false);
    expect(isMisdirected(facts({ host: "CI-Console.corp" }), PUBLIC, true)).toBe(false);
  });

  it("refuses another Host, a missing Host, and a forged X-Forwarded-Host", () => {
    expect(isMisdirected(facts({ host: "rebound.example" }), PUBLIC, true)).toBe(true);
    expect(isMisdirected(facts({ host: "10.0.0.5:3000" }), PUBLIC, true)).toBe(true);
    expect(isMisdirected(facts({ host: null }), PUBLIC, true)).toBe(true);
    expect(isMisdirected(facts({ forwardedHost: "evil.example" }), PUBLIC, true)).toBe(true);
    // X-Forwarded-Host cannot rescue a wrong Host.
    expect(isMisdirected(facts({ host: "evil.example", forwardedHost: "ci-console.corp" }), PUBLIC, true)).toBe(true);
  });

  it("is not enforced outside production or without PUBLIC_ORIGIN (the built-in emulator)", () => {
    expect(isMisdirected(facts({ host: "rebound.example" }), PUBLIC, false)).toBe(false);
    expect(isMisdirected(facts({ host: "rebound.example" }), undefined, true)).toBe(false);
  });
});

describe("the origin rule for changes", () => {
  it("compares Origin with PUBLIC_ORIGIN, not with the Host the client sent", () => {
    expect(isCrossOriginChange(facts({ origin: "https://ci-console.corp" }), PUBLIC)).toBe(false);
    expect(isCrossOriginChange(facts({ origin: "http://rebound.example", host: "rebound.example" }), PUBLIC)).toBe(
      true,
    );
    expect(isCrossOriginChange(facts({ origin: "http://ci-console.corp" }), PUBLIC)).toBe(true); // scheme counts
    expect(isCrossOriginChange(facts({ origin: "null" }), PUBLIC)).toBe(true);
  });

  it("refuses anything a browser labels cross-site; non-browser clients (no Origin, no Sec-Fetch-Site) pass", () => {
    expect(isCrossOriginChange(facts({ secFetchSite: "cross-site", origin: "https://ci-console.corp" }), PUBLIC)).toBe(
      true,
    );
    expect(isCrossOriginChange(facts({ secFetchSite: "same-site" }), PUBLIC)).toBe(true);
    expect(isCrossOriginChange(facts({ secFetchSite: "same-origin", origin: "https://ci-console.corp" }), PUBLIC)).toBe(
      false,
    );
    expect(isCrossOriginChange(facts({}), PUBLIC)).toBe(false);
  });

  it("against the built-in emulator (no PUBLIC_ORIGIN) it falls back to the request's own host", () => {
    expect(isCrossOriginChange(facts({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }), undefined)).toBe(
      false,
    );
    expect(isCrossOriginChange(facts({ host: "127.0.0.1:3000", origin: "http://evil.example" }), undefined)).toBe(true);
  });
});
