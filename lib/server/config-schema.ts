/**
 * The configuration contract (README "Configuration"), validated once at start-up. Pure: no secrets are read here,
 * the caller passes the environment, so tests can try any combination.
 */
import { z } from "zod";
import { BUCKET_PATTERN, REGION_PATTERN } from "@/lib/jobs/request-schema";
import { parseAuthConfig, parsePublicOrigin } from "./auth/auth-env";
import { isBuiltInEmulator } from "./auth/built-in-emulator";
import type { AuthConfig } from "./auth/types";
import { ConfigError } from "./config-error";

export { ConfigError };

export interface BucketTarget {
  bucket: string;
  region: string;
  /** `<bucket>.ci.<region>.myqcloud.com`: signed and sent as Host whatever CI_ENDPOINT says. */
  host: string;
}

const optionalText = z.string().trim().min(1).optional().catch(undefined);
const list = (v: string | undefined) =>
  (v ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => v === "1" || v === "true");
const blankToUndefined = (v: unknown) =>
  typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v;
/** 127.0.0.0/8, ::1 and localhost: the only hosts CI_ENDPOINT may reach over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}
const positiveInt = (def: number) => z.coerce.number().int().min(0).max(600_000).default(def);
/** pino's levels; `silent` writes nothing (tests). */
export const logLevelSchema = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  CI_SECRET_ID: z.string().min(1, "CI_SECRET_ID is required (or run `npm start`, which uses the emulator)"),
  CI_SECRET_KEY: z.string().min(1, "CI_SECRET_KEY is required"),
  CI_SECURITY_TOKEN: optionalText,
  CI_BUCKET: z.string().optional(),
  CI_REGION: z.string().optional(),
  CI_BUCKETS: z.string().optional(),
  CI_ENDPOINT: z
    .string()
    .url("CI_ENDPOINT must be a URL such as http://127.0.0.1:9100")
    .refine((u) => /^https?:\/\//.test(u), "CI_ENDPOINT must be http:// or https://")
    // The signed requests (and the answers) would cross the network in clear text: only loopback may be http.
    .refine(
      (u) => !/^http:\/\//i.test(u) || isLoopbackHost(URL.canParse(u) ? new URL(u).hostname : ""),
      "CI_ENDPOINT must be https:// unless it is a loopback address",
    )
    .optional(),
  CI_EMULATOR: flag,
  CI_TIMEOUT_MS: positiveInt(10_000),
  CI_CACHE_MS: positiveInt(1_000),
  // The CI call budget (lib/server/ci-budget.ts): CI documents no QPS figure, so stay well under any plausible one.
  CI_BUDGET_QPS: z.coerce.number().positive().max(1_000).default(5),
  CI_BUDGET_BURST: z.coerce.number().int().min(1).max(10_000).default(10),
  CI_BUDGET_USER_PER_MIN: z.coerce.number().positive().max(60_000).default(120),
  CI_BUDGET_USER_BURST: z.coerce.number().int().min(1).max(10_000).default(30),
  // AUTH_* and PUBLIC_ORIGIN: lib/server/auth/auth-env.ts.
  OUTPUT_BUCKET_ALLOWLIST: z.string().optional(),
  // Audit log and idempotency keys: a shared PostgreSQL when set, else the embedded PGlite in DATA_DIR.
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, "DATABASE_URL must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default("./data")),
  // How long a SIGTERM waits for requests in flight before the process exits anyway (lib/server/shutdown.ts).
  SHUTDOWN_GRACE_MS: z.coerce
    .number()
    .int("must be a whole number of ms")
    .min(1_000, "must be at least 1000")
    .max(600_000, "must be at most 600000")
    .default(25_000),
  // Migrations run as this (owning) role when set; DATABASE_URL's role then only uses the tables (lib/server/db/README.md).
  DATABASE_MIGRATION_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, "DATABASE_MIGRATION_URL must be a postgres:// or postgresql:// URL")
      .optional(),
  ),
  // Seconds of Strict-Transport-Security (proxy.ts); off by default because localhost is plain http.
  HSTS_MAX_AGE: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{1,9}$/, "HSTS_MAX_AGE must be a whole number of seconds")
      .refine((v) => Number(v) <= 63_072_000, "HSTS_MAX_AGE must be at most 63072000 (two years)")
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(blankToUndefined, logLevelSchema.default("info")),
  // Where "Retry failed files" writes its URL lists in the batch's input bucket (lib/server/jobs/retry.ts); unset = retry off.
  RETRY_LIST_PREFIX: z.preprocess(
    blankToUndefined,
    z
      .string()
      .max(512, "RETRY_LIST_PREFIX must be at most 512 characters")
      .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "RETRY_LIST_PREFIX must not contain control characters")
      .refine((v) => !v.startsWith("/"), "RETRY_LIST_PREFIX is an object key prefix: no leading /")
      .refine((v) => v.endsWith("/"), "RETRY_LIST_PREFIX must end with / (a folder, e.g. lists/retry/)")
      .optional(),
  ),
  // Bearer token for /api/metrics; unset = loopback only (docs/operations.md).
  METRICS_TOKEN: z.preprocess(
    blankToUndefined,
    z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  ),
});

export interface AppConfig {
  secretId: string;
  secretKey: string;
  securityToken?: string;
  buckets: BucketTarget[];
  endpoint?: URL;
  emulator: boolean;
  timeoutMs: number;
  cacheMs: number;
  budget: { qps: number; burst: number; userPerMinute: number; userBurst: number };
  /** NODE_ENV=production: requests for another host than PUBLIC_ORIGIN's are refused (421). */
  production: boolean;
  /** Where people open the dashboard; changes must come from this origin. Unset only against the built-in emulator. */
  publicOrigin?: URL;
  auth: AuthConfig;
  outputBucketAllowlist: string[];
  database: { url?: string; migrationUrl?: string; dataDir: string };
  shutdownGraceMs: number;
  logLevel: z.infer<typeof logLevelSchema>;
  metricsToken?: string;
  /** Folder (ending in /) for retry URL lists in the input bucket; undefined = retry not configured. */
  retryListPrefix?: string;
}

function target(bucket: string, region: string, variable: string): BucketTarget {
  if (!BUCKET_PATTERN.test(bucket))
    throw new ConfigError(`${variable}: bucket must look like examplebucket-1250000000`);
  if (!REGION_PATTERN.test(region)) throw new ConfigError(`${variable}: region must look like ap-beijing`);
  return { bucket, region, host: `${bucket}.ci.${region}.myqcloud.com` };
}

/** Validates the environment; throws one ConfigError naming the first bad variable (never its value). */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? "configuration");
    throw new ConfigError(`Invalid configuration: ${variable}: ${issue.message}`);
  }
  const e = parsed.data;
  let buckets: BucketTarget[];
  if (e.CI_BUCKETS) {
    buckets = list(e.CI_BUCKETS).map((item) => {
      const [bucket, region, extra] = item.split("@");
      if (!bucket || !region || extra !== undefined)
        throw new ConfigError("CI_BUCKETS: use bucket@region, comma-separated");
      return target(bucket, region, "CI_BUCKETS");
    });
    if (buckets.length === 0) throw new ConfigError("CI_BUCKETS: list at least one bucket@region");
  } else if (e.CI_BUCKET && e.CI_REGION) {
    buckets = [target(e.CI_BUCKET, e.CI_REGION, "CI_BUCKET/CI_REGION")];
  } else {
    throw new ConfigError("Invalid configuration: set CI_BUCKET and CI_REGION, or CI_BUCKETS=bucket@region,…");
  }
  const endpoint = e.CI_ENDPOINT ? new URL(e.CI_ENDPOINT) : undefined;
  // Facts, not flags: CI_EMULATOR=1 next to real keys must never switch anything off (lib/server/auth/built-in-emulator.ts).
  const builtInEmulator = isBuiltInEmulator({ endpoint, secretId: e.CI_SECRET_ID, secretKey: e.CI_SECRET_KEY });
  if (e.CI_EMULATOR && !builtInEmulator) {
    throw new ConfigError(
      "Invalid configuration: CI_EMULATOR: set it only for the built-in emulator (loopback CI_ENDPOINT with its demo keys); remove it when using real CI keys",
    );
  }
  if (e.DATABASE_MIGRATION_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      "Invalid configuration: DATABASE_MIGRATION_URL: set DATABASE_URL too (the runtime role the app uses after migrating)",
    );
  }
  const publicOrigin = parsePublicOrigin(env, { builtInEmulator });
  const auth = parseAuthConfig(env, { builtInEmulator, publicOrigin });
  return {
    secretId: e.CI_SECRET_ID,
    secretKey: e.CI_SECRET_KEY,
    securityToken: e.CI_SECURITY_TOKEN,
    buckets,
    endpoint,
    emulator: builtInEmulator,
    timeoutMs: e.CI_TIMEOUT_MS,
    cacheMs: e.CI_CACHE_MS,
    budget: {
      qps: e.CI_BUDGET_QPS,
      burst: e.CI_BUDGET_BURST,
      userPerMinute: e.CI_BUDGET_USER_PER_MIN,
      userBurst: e.CI_BUDGET_USER_BURST,
    },
    production: e.NODE_ENV === "production",
    publicOrigin,
    auth,
    outputBucketAllowlist: list(e.OUTPUT_BUCKET_ALLOWLIST),
    database: { url: e.DATABASE_URL, migrationUrl: e.DATABASE_MIGRATION_URL, dataDir: e.DATA_DIR },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    retryListPrefix: e.RETRY_LIST_PREFIX,
  };
}
