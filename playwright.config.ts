import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./e2e/support/find-chromium";
import { E2E, ssoHeaders } from "./e2e/support/env";

/**
 * Browser tests drive the production build (`next start`) against the emulator on a fast clock, with SSO headers
 * as a proxy would set them (AUTH_MODE=header with the proxy secret, PUBLIC_ORIGIN = the app's URL), in Debian's
 * Chromium.
 */
export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: process.env.PW_OUTPUT_DIR ?? "test-results",
  use: {
    baseURL: E2E.appUrl,
    trace: "retain-on-failure",
    extraHTTPHeaders: ssoHeaders(E2E.operator),
    launchOptions: {
      executablePath: findChromium(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } }],
  webServer: [
    {
      command: "npx tsx emulator/main.ts",
      url: `${E2E.emulatorUrl}/__emulator/health`,
      reuseExistingServer: false,
      env: E2E.emulatorEnv,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `npx next start -p ${E2E.appPort}`,
      url: `${E2E.appUrl}/api/health`,
      reuseExistingServer: false,
      env: E2E.appEnv,
      stdout: "ignore",
      stderr: "pipe",
      timeout: 120_000,
    },
  ],
});
