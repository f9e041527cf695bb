/**
 * Drives the real route handlers against an in-process emulator: requests are plain `Request`s, as Next passes them.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEmulator } from "@/emulator/server";
import { closeDb, getDb } from "@/lib/server/db";
import { resetConfigForTests } from "@/lib/server/config";
import { resetRuntimeForTests } from "@/lib/server/ci-runtime";

// The emulator's demo key pair on loopback: the app treats this as the built-in emulator (lib/server/auth/built-in-emulator.ts).
export const SECRET_ID = "emulator-secret-id";
export const SECRET_KEY = "emulator-secret-key";
export const BUCKET = "examplebucket-1250000000";
export const OTHER_BUCKET = "archive-1250000000";
export const APP = "http://dashboard.test";
export const OPERATOR = { "x-forwarded-email": "olivia@example.com", "x-forwarded-groups": "media-ops" };
export const VIEWER = { "x-forwarded-email": "victor@example.com", "x-forwarded-groups": "readers" };

export interface Harness {
  emulatorUrl: string;
  admin: <T = unknown>(path: string, init?: RequestInit) => Promise<T>;
  stats: () => Promise<Record<string, number>>;
  close: () => Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const emulator = createEmulator({
    credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY },
    buckets: [
      { bucket: BUCKET, region: "ap-beijing" },
      { bucket: OTHER_BUCKET, region: "ap-shanghai" },
    ],
    stepMs: 200,
    seedCount: 60,
  });
  const port = await emulator.listen(0, "127.0.0.1");
  const emulatorUrl = `http://127.0.0.1:${port}`;
  await pointAppAt(emulatorUrl, "ci-console-routes-", env);
  const admin = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const res = await fetch(`${emulatorUrl}/__emulator/${path}`, init);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    emulatorUrl,
    admin,
    stats: async () => {
      const s = await admin<{ routes?: Record<string, number> }>("stats");
      return (s.routes ?? {}) as Record<string, number>;
    },
    close: async () => {
      resetRuntimeForTests();
      await closeDb();
      await emulator.close();
    },
  };
}

/**
 * Points the app (config, CI runtime, a fresh embedded database) at an emulator and opens the database, so the
 * first timed test does not pay for initdb + migrations (several seconds on a busy machine).
 */
export async function pointAppAt(
  emulatorUrl: string,
  dataDirPrefix: string,
  env: Record<string, string> = {},
): Promise<void> {
  Object.assign(process.env, {
    LOG_LEVEL: "silent",
    CI_SECRET_ID: SECRET_ID,
    CI_SECRET_KEY: SECRET_KEY,
    CI_BUCKETS: `${BUCKET}@ap-beijing,${OTHER_BUCKET}@ap-shanghai`,
    CI_ENDPOINT: emulatorUrl,
    CI_EMULATOR: "1",
    AUTH_MODE: "header",
    AUTH_OPERATOR_GROUPS: "media-ops",
    CI_CACHE_MS: "0",
    CI_TIMEOUT_MS: "4000",
    // The CI call budget is exercised by its own tests and benchmark; here it must not get in the way.
    CI_BUDGET_QPS: "1000",
    CI_BUDGET_BURST: "10000",
    CI_BUDGET_USER_PER_MIN: "60000",
    CI_BUDGET_USER_BURST: "10000",
    // A fresh embedded database per harness (DATABASE_URL, when a test sets it, takes precedence).
    DATA_DIR: mkdtempSync(join(tmpdir(), dataDirPrefix)),
    ...env,
  });
  resetConfigForTests();
  resetRuntimeForTests();
  await getDb().query("SELECT 1");
}

export function get(path: string, headers: Record<string, string> = OPERATOR): Request {
  return new Request(`${APP}${path}`, { headers });
}

export function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  identity: Record<string, string> = OPERATOR,
): Request {
  return new Request(`${APP}${path}`, {
    method: "POST",
    headers: { ...identity, origin: APP, host: "dashboard.test", "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export const params = <P>(p: P) => ({ params: Promise.resolve(p) });
