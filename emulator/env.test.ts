/** The emulator's environment contract. */
import { describe, expect, it } from "vitest";
import { EmulatorEnvError, parseEmulatorEnv } from "./env";

describe("parseEmulatorEnv", () => {
  it("applies the documented defaults (empty values count as unset)", () => {
    expect(parseEmulatorEnv({ EMULATOR_PORT: "", EMULATOR_BUCKETS: " " })).toEqual({
      port: 9100,
      host: "127.0.0.1",
      secretId: "emulator-secret-id",
      secretKey: "emulator-secret-key",
      buckets: [{ bucket: "examplebucket-1250000000", region: "ap-beijing" }],
      stepMs: 20_000,
      seedCount: 160,
      seed: "1",
    });
  });

  it("reads every variable", () => {
    const env = parseEmulatorEnv({
      EMULATOR_PORT: "9310",
      EMULATOR_HOST: "0.0.0.0",
      EMULATOR_SECRET_ID: "id",
      EMULATOR_SECRET_KEY: "key",
      EMULATOR_BUCKETS: "examplebucket-1250000000@ap-beijing, archive-1250000000@ap-shanghai",
      EMULATOR_STEP_MS: "1500",
      EMULATOR_SEED_COUNT: "10",
      EMULATOR_SEED: "demo",
    });
    expect(env).toMatchObject({ port: 9310, host: "0.0.0.0", stepMs: 1500, seedCount: 10, seed: "demo" });
    expect(env.buckets).toEqual([
      { bucket: "examplebucket-1250000000", region: "ap-beijing" },
      { bucket: "archive-1250000000", region: "ap-shanghai" },
    ]);
  });

  it("throws one message naming every bad variable", () => {
    let error: unknown;
    try {
      parseEmulatorEnv({ EMULATOR_PORT: "70000", EMULATOR_BUCKETS: "examplebucket", EMULATOR_STEP_MS: "fast" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EmulatorEnvError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Invalid emulator environment: /);
    for (const v of ["EMULATOR_PORT", "EMULATOR_BUCKETS", "EMULATOR_STEP_MS"]) expect(message).toContain(v);
    expect(message.split("\n")).toHaveLength(1);
  });
});
