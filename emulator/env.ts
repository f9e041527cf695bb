/** The emulator's environment contract (README "Running it"), validated with zod into one clear message. */
import { z } from "zod";
import { BUCKET_PATTERN, REGION_PATTERN } from "./model/ci-formats";
import type { BucketConfig } from "./types";

export const EMULATOR_DEFAULTS = {
  port: 9100,
  host: "127.0.0.1",
  secretId: "emulator-secret-id",
  secretKey: "emulator-secret-key",
  buckets: "examplebucket-1250000000@ap-beijing",
  stepMs: 20_000,
  seedCount: 160,
  seed: "1",
} as const;

const bucketList = z.string().transform((raw, ctx): BucketConfig[] => {
  const items = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) {
    ctx.addIssue({ code: "custom", message: "list at least one bucket@region" });
    return z.NEVER;
  }
  const out: BucketConfig[] = [];
  for (const item of items) {
    const [bucket, region, ...rest] = item.split("@");
    if (!bucket || !region || rest.length || !BUCKET_PATTERN.test(bucket) || !REGION_PATTERN.test(region)) {
      ctx.addIssue({
        code: "custom",
        message: `"${item}" is not bucket@region, e.g. examplebucket-1250000000@ap-beijing`,
      });
      return z.NEVER;
    }
    if (out.some((b) => b.bucket === bucket && b.region === region)) continue;
    out.push({ bucket, region });
  }
  return out;
});

const int = (min: number, max: number) =>
  z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const envSchema = z.object({
  EMULATOR_PORT: int(0, 65_535).default(EMULATOR_DEFAULTS.port),
  EMULATOR_HOST: z.string().min(1).default(EMULATOR_DEFAULTS.host),
  EMULATOR_SECRET_ID: z.string().min(1).default(EMULATOR_DEFAULTS.secretId),
  EMULATOR_SECRET_KEY: z.string().min(1).default(EMULATOR_DEFAULTS.secretKey),
  EMULATOR_BUCKETS: bucketList.default(() => [{ bucket: "examplebucket-1250000000", region: "ap-beijing" }]),
  EMULATOR_STEP_MS: int(1, 3_600_000).default(EMULATOR_DEFAULTS.stepMs),
  EMULATOR_SEED_COUNT: int(0, 100_000).default(EMULATOR_DEFAULTS.seedCount),
  EMULATOR_SEED: z.string().min(1).max(64).default(EMULATOR_DEFAULTS.seed),
});

export interface EmulatorEnv {
  port: number;
  host: string;
  secretId: string;
  secretKey: string;
  buckets: BucketConfig[];
  stepMs: number;
  seedCount: number;
  seed: string;
}

export class EmulatorEnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmulatorEnvError";
  }
}

/** Reads EMULATOR_* variables; empty values count as unset. Throws one EmulatorEnvError naming every bad variable. */
export function parseEmulatorEnv(env: Record<string, string | undefined>): EmulatorEnv {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v.trim() !== "") picked[key] = v.trim();
  }
  const r = envSchema.safeParse(picked);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${String(i.path[0])} ${i.message}`);
    throw new EmulatorEnvError(`Invalid emulator environment: ${problems.join("; ")}`);
  }
  const e = r.data;
  return {
    port: e.EMULATOR_PORT,
    host: e.EMULATOR_HOST,
    secretId: e.EMULATOR_SECRET_ID,
    secretKey: e.EMULATOR_SECRET_KEY,
    buckets: e.EMULATOR_BUCKETS,
    stepMs: e.EMULATOR_STEP_MS,
    seedCount: e.EMULATOR_SEED_COUNT,
    seed: e.EMULATOR_SEED,
  };
}
