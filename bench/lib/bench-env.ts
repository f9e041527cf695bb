/**
 * Ports, credentials and identities of the benchmarks. Everything runs on 127.0.0.1, on ports 3360–3369 (app) and
 * 9360–9369 (emulator), so benchmarks never collide with the browser tests or other builds.
 */
export const BENCH = {
  host: "127.0.0.1",
  emulatorPort: 9360,
  appPorts: [3360, 3361, 3362, 3363] as const,
  // The emulator's demo pair on loopback: the built-in emulator rule (lib/server/auth/built-in-emulator.ts) applies.
  secretId: "emulator-secret-id",
  secretKey: "emulator-secret-key",
  bucket: "examplebucket-1250000000",
  region: "ap-beijing",
  buckets: "examplebucket-1250000000@ap-beijing,archive-1250000000@ap-shanghai",
  identity: { "x-forwarded-email": "bench.operator@example.com", "x-forwarded-groups": "media-ops" },
  /** Where `next build` put the production build the benchmarks serve. */
  distDir: process.env.NEXT_DIST_DIR || ".next",
} as const;

export const ciHost = `${BENCH.bucket}.ci.${BENCH.region}.myqcloud.com`;

export function emulatorEnv(port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    EMULATOR_PORT: String(port),
    EMULATOR_HOST: BENCH.host,
    EMULATOR_SECRET_ID: BENCH.secretId,
    EMULATOR_SECRET_KEY: BENCH.secretKey,
    EMULATOR_BUCKETS: BENCH.buckets,
    // Slow lifecycle: states only change when a benchmark forces them.
    EMULATOR_STEP_MS: "3600000",
    EMULATOR_SEED_COUNT: "160",
    ...extra,
  };
}

export function appEnv(emulatorPort: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: "production",
    NEXT_DIST_DIR: BENCH.distDir,
    CI_SECRET_ID: BENCH.secretId,
    CI_SECRET_KEY: BENCH.secretKey,
    CI_BUCKETS: BENCH.buckets,
    CI_ENDPOINT: `http://${BENCH.host}:${emulatorPort}`,
    CI_EMULATOR: "1",
    AUTH_MODE: "header",
    AUTH_OPERATOR_GROUPS: "media-ops",
    CI_TIMEOUT_MS: "5000",
    NEXT_TELEMETRY_DISABLED: "1",
    // The CI call budget is exercised by its own tests and benchmark; here it must not get in the way.
    CI_BUDGET_QPS: "1000",
    CI_BUDGET_BURST: "10000",
    CI_BUDGET_USER_PER_MIN: "60000",
    CI_BUDGET_USER_BURST: "10000",

    ...extra,
  };
}
