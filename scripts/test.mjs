#!/usr/bin/env node
/**
 * `npm test`: every check, in the order that fails fastest: types → lint → formatting → unit & integration (vitest) → production build
 * (with a canary secret) → secret scan of the build → standalone (container) smoke test and shutdown drills →
 * JS budgets → browser tests (Playwright, system Chromium) → SSO browser tests (a real OpenID provider and
 * Apache + mod_auth_openidc, playwright.sso.config.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CANARY_SECRET = "canary-secret-value-must-never-ship-7f3a9c";

function step(title, cmd, args, extraEnv = {}) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } });
  if (r.status !== 0) {
    console.error(`\n✖ ${title} failed`);
    process.exit(r.status ?? 1);
  }
}

function ensureChromium() {
  if (process.env.CHROMIUM_PATH || ["/usr/bin/chromium", "/usr/bin/chromium-browser"].some(existsSync)) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && existsSync("/usr/bin/apt-get")) {
    step("Installing Debian's chromium for the browser tests", "sh", [
      "-c",
      "apt-get update -qq && apt-get install -y -qq chromium",
    ]);
    return;
  }
  console.error("No Chromium found: install it (`sudo apt-get install -y chromium`) or set CHROMIUM_PATH.");
  process.exit(1);
}

/** The SSO proxy specs need Debian's Apache with mod_auth_openidc: installed here as root, else skipped loudly. */
function ensureApacheForSso() {
  const present = ["/usr/sbin/apache2", "/usr/lib/apache2/modules/mod_auth_openidc.so"].every(existsSync);
  if (present) return;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    step("Installing Apache + mod_auth_openidc for the SSO tests", "sh", [
      "-c",
      "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq apache2 libapache2-mod-auth-openidc",
    ]);
    return;
  }
  console.warn(
    "\n" +
      "⚠".repeat(3) +
      " Apache httpd with mod_auth_openidc is NOT installed: the SSO-proxy browser tests will be SKIPPED.",
  );
  console.warn("    Install them to run every test: sudo apt-get install -y apache2 libapache2-mod-auth-openidc\n");
}

step("Type check", "npx", ["tsc", "--noEmit"]);
step("Lint (ESLint: Next.js and typescript-eslint rules, import boundaries)", "npm", ["run", "lint"]);
step("Formatting (Prettier, 120 columns; `npm run format` fixes it)", "npm", ["run", "format:check"]);
step("Unit and integration tests", "npx", ["vitest", "run"]);
step("Production build", "npx", ["next", "build"], {
  CI_SECRET_KEY: CANARY_SECRET,
  CI_SECRET_ID: "canary-secret-id",
  NEXT_OUTPUT: "standalone",
});
step("Secret scan of the client bundle", "node", ["scripts/check-secrets.mjs", CANARY_SECRET]);
// The container's file set, read-only, as an unprivileged user; then the same SIGTERM drill under `next start`.
step("Standalone image layout: smoke test and SIGTERM drill", "node", [
  "scripts/smoke-standalone.mjs",
  "--canary",
  CANARY_SECRET,
]);
step("Graceful shutdown under next start", "node", ["test/deploy/next-start-shutdown.mjs"]);
ensureChromium(); // the budgets are measured in Chromium too
step("JavaScript budgets", "node", ["scripts/check-budgets.mjs"]);
step("Browser tests", "npx", ["playwright", "test"]);
ensureApacheForSso();
step("SSO browser tests (real OpenID provider, Apache + mod_auth_openidc)", "npx", [
  "playwright",
  "test",
  "-c",
  "playwright.sso.config.ts",
]);
console.log("\n✔ All checks passed");
