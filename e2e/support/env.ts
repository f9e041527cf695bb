/** One place for the ports, credentials and identities the browser tests use. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// A fresh embedded database per run (set once in the config process; workers inherit it), so runs never share
// audit rows or fight over one data folder.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "ci-console-e2e-"));
const appPort = Number(process.env.E2E_APP_PORT ?? 3310);
const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 9310);
const secretId = "e2e-secret-id";
const secretKey = "e2e-secret-key-not-real";
// Not the emulator's demo keys, so the app applies the production rules: a ≥ 32-character proxy secret on every
// request (as an SSO proxy would add it) and PUBLIC_ORIGIN for the Host and Origin checks.
const proxySecret = "e2e-proxy-secret-0123456789abcdef-0123";
const appUrl = `http://127.0.0.1:${appPort}`;

/** The headers an SSO proxy in header mode sets for `user`, proxy secret included. */
export function ssoHeaders(user: { email: string; groups: string }): Record<string, string> {
  return { "x-auth-proxy-secret": proxySecret, "x-forwarded-email": user.email, "x-forwarded-groups": user.groups };
}

export const E2E = {
  appPort,
  appUrl,
  proxySecret,
  emulatorPort,
  emulatorUrl: `http://127.0.0.1:${emulatorPort}`,
  bucket: "examplebucket-1250000000",
  region: "ap-beijing",
  operator: { email: "olivia.operator@example.com", groups: "media-ops" },
  viewer: { email: "victor.viewer@example.com", groups: "readers" },
  /** Signed in, but outside AUTH_ALLOWED_GROUPS. */
  outsider: { email: "carl.contractor@example.com", groups: "contractors" },
  emulatorEnv: {
    EMULATOR_PORT: String(emulatorPort),
    EMULATOR_SECRET_ID: secretId,
    EMULATOR_SECRET_KEY: secretKey,
    EMULATOR_BUCKETS: "examplebucket-1250000000@ap-beijing,archive-1250000000@ap-shanghai",
    EMULATOR_STEP_MS: "1500",
  },
  appEnv: {
    NODE_ENV: "production",
    CI_SECRET_ID: secretId,
    CI_SECRET_KEY: secretKey,
    CI_BUCKETS: "examplebucket-1250000000@ap-beijing,archive-1250000000@ap-shanghai",
    CI_ENDPOINT: `http://127.0.0.1:${emulatorPort}`,
    AUTH_MODE: "header",
    AUTH_PROXY_SECRET: proxySecret,
    PUBLIC_ORIGIN: appUrl,
    AUTH_OPERATOR_GROUPS: "media-ops",
    AUTH_ALLOWED_GROUPS: "media-ops,readers",
    CI_TIMEOUT_MS: "5000",
    // The CI call budget is exercised by its own tests and benchmark; here it must not get in the way.
    CI_BUDGET_QPS: "1000",
    CI_BUDGET_BURST: "10000",
    CI_BUDGET_USER_PER_MIN: "60000",
    CI_BUDGET_USER_BURST: "10000",
    DATA_DIR: process.env.E2E_DATA_DIR,
    // Where "Retry failed files" writes its URL lists (issue 13); e2e/batch-files.spec.ts reads them back.
    RETRY_LIST_PREFIX: "retry-lists/",
  },
} as const;
