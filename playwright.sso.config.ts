import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./e2e/support/find-chromium";
import { apacheAvailable, writeApacheConfig } from "./e2e-sso/support/apache";
import { SSO } from "./e2e-sso/support/sso-env";
import { jwtAppEnv } from "./e2e-sso/support/jwt-mode";

/**
 * Sign-in against real components (`npx playwright test -c playwright.sso.config.ts`, after `next build`):
 * a real OpenID provider (oidc-provider), the app in AUTH_MODE=oidc, and Debian's Apache + mod_auth_openidc in front
 * of the app in header mode (and jwt mode). Own ports and data folders: the main suite (playwright.config.ts) is
 * unaffected. Without Apache the proxy specs report themselves skipped, loudly (scripts/test.mjs installs it as root).
 */
const withApache = apacheAvailable();
const apache = withApache ? writeApacheConfig() : undefined;
if (!withApache)
  console.warn("\n⚠ SSO e2e: Apache httpd with mod_auth_openidc is not installed: the SSO-proxy specs are skipped.\n");
process.env.SSO_E2E_APACHE = withApache ? "1" : "0";

const app = (name: string, port: number, env: Record<string, string>) => ({
  command: `npx next start -p ${port}`,
  url: `http://127.0.0.1:${port}/api/health`,
  reuseExistingServer: false,
  env: { ...SSO.baseAppEnv(name), ...env },
  stdout: "ignore" as const,
  stderr: "pipe" as const,
  timeout: 120_000,
});

export default defineConfig({
  testDir: "./e2e-sso",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 120_000, // each test is a full login through several servers on a shared CI machine
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: process.env.PW_OUTPUT_DIR ?? "test-results/sso",
  use: {
    trace: "retain-on-failure",
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
  projects: [{ name: "chromium-sso", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } }],
  webServer: [
    {
      command: "npx tsx emulator/main.ts",
      url: `${SSO.emulatorUrl}/__emulator/health`,
      reuseExistingServer: false,
      env: SSO.emulatorEnv,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "npx tsx e2e-sso/support/idp.ts",
      url: `${SSO.issuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "ignore", // oidc-provider warns about Node 20 and its in-memory store on every start
      timeout: 120_000, // each test is a full login through several servers on a shared CI machine
    },
    app("oidc", SSO.oidcApp.port, {
      AUTH_MODE: "oidc",
      PUBLIC_ORIGIN: SSO.oidcApp.url,
      OIDC_ISSUER: SSO.issuer,
      OIDC_CLIENT_ID: SSO.appClient.id,
      OIDC_CLIENT_SECRET: SSO.appClient.secret,
      OIDC_SCOPES: "openid email profile groups",
      AUTH_SESSION_SECRET: "session-secret-for-the-sso-tests-0123456789",
      AUTH_SESSION_TTL: "1h",
    }),
    ...(withApache
      ? [
          app("header", SSO.headerApp.port, { AUTH_MODE: "header", AUTH_PROXY_SECRET: SSO.proxySecret }),
          app("jwt", SSO.jwtApp.port, jwtAppEnv()),
          {
            command: apache!.command,
            // Everything behind Apache asks for a login: a redirect to the IdP means it is up.
            url: `${SSO.apacheHeader.url}/jobs`,
            reuseExistingServer: false,
            stdout: "ignore" as const,
            stderr: "pipe" as const,
            timeout: 30_000,
          },
        ]
      : []),
  ],
});
