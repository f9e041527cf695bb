import { describe, expect, it } from "vitest";
import { identify } from "@/lib/server/auth";
import { EMULATOR_DEMO_KEYS } from "@/lib/server/auth/built-in-emulator";
import { parseConfig } from "@/lib/server/config-schema";

// `npm start` without a key: the built-in emulator, AUTH_MODE=none (scripts/start.mjs).
const emulator = {
  CI_SECRET_ID: EMULATOR_DEMO_KEYS.secretId,
  CI_SECRET_KEY: EMULATOR_DEMO_KEYS.secretKey,
  CI_BUCKET: "examplebucket-1250000000",
  CI_REGION: "ap-beijing",
  CI_ENDPOINT: "http://127.0.0.1:9100",
  AUTH_MODE: "none",
};

describe("AUTH_MODE=none (built-in emulator only)", () => {
  it("everyone is the one local operator, who may trigger and cancel without any operator setting", async () => {
    const r = await identify(new Headers(), parseConfig(emulator));
    expect(r).toEqual({
      ok: true,
      identity: { id: "local-operator", name: "Local operator", groups: [], canTrigger: true },
    });
  });

  it("headers claiming another person change nothing", async () => {
    const r = await identify(
      new Headers({ "x-forwarded-email": "mallory@example.com", "x-forwarded-groups": "admins" }),
      parseConfig(emulator),
    );
    expect(r).toMatchObject({ ok: true, identity: { id: "local-operator", canTrigger: true } });
  });
});
