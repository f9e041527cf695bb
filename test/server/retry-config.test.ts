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

describe("RETRY_LIST_PREFIX", () => {
  it("is optional: unset or blank turns retry off", () => {
    expect(parseConfig(base).retryListPrefix).toBeUndefined();
    expect(parseConfig({ ...base, RETRY_LIST_PREFIX: "  " }).retryListPrefix).toBeUndefined();
    expect(parseConfig({ ...base, RETRY_LIST_PREFIX: "retry-lists/" }).retryListPrefix).toBe("retry-lists/");
    expect(parseConfig({ ...base, RETRY_LIST_PREFIX: "ops/重试/" }).retryListPrefix).toBe("ops/重试/");
  });

  it.each([
    ["retry-lists", "must end with /"],
    ["/retry-lists/", "no leading /"],
    ["retry\u0007lists/", "control characters"],
    [`${"x".repeat(600)}/`, "at most 512"],
  ])("refuses %j with one line naming the variable, never its value", (value, why) => {
    let message = "";
    try {
      parseConfig({ ...base, RETRY_LIST_PREFIX: value });
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      message = (e as Error).message;
    }
    expect(message).toContain("RETRY_LIST_PREFIX");
    expect(message).toContain(why);
    expect(message).not.toContain(value.trim());
    expect(message.split("\n")).toHaveLength(1);
  });
});
