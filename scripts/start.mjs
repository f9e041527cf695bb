#!/usr/bin/env node
/**
 * `npm start`: builds once if needed, then serves the dashboard on :3000 (PORT to change it).
 * With no CI_SECRET_ID it also starts the built-in CI emulator and points the dashboard at it, so a newcomer
 * needs no cloud account and no configuration.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const env = { ...process.env, NODE_ENV: "production" };
const children = [];
// Node entry points run directly (not through npx), so a stop signal reaches the real processes and no emulator or
// server is left behind when the other one fails (for example when the port is taken).
const NEXT = "node_modules/next/dist/bin/next";
const TSX = "node_modules/tsx/dist/cli.mjs";

function run(cmd, args, extraEnv = {}) {
  const child = spawn(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  children.push(child);
  child.on("exit", (code) => {
    for (const c of children) if (c !== child && c.exitCode === null) c.kill("SIGTERM");
    process.exit(code ?? 1);
  });
  return child;
}

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    for (const c of children) c.kill(sig);
  });
}

if (!existsSync(".next/BUILD_ID")) {
  console.log("First start: building the dashboard (about a minute)…");
  const build = spawnSync(process.execPath, [NEXT, "build"], { stdio: "inherit", env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

if (!env.CI_SECRET_ID) {
  const port = env.EMULATOR_PORT ?? "9100";
  const creds = { EMULATOR_SECRET_ID: "emulator-secret-id", EMULATOR_SECRET_KEY: "emulator-secret-key" };
  Object.assign(env, {
    CI_SECRET_ID: creds.EMULATOR_SECRET_ID,
    CI_SECRET_KEY: creds.EMULATOR_SECRET_KEY,
    CI_BUCKETS: env.CI_BUCKETS ?? "examplebucket-1250000000@ap-beijing,archive-1250000000@ap-shanghai",
    CI_ENDPOINT: `http://127.0.0.1:${port}`,
    CI_EMULATOR: "1",
    AUTH_MODE: env.AUTH_MODE ?? "none",
    // Retry of failed files works out of the box against the emulator (its COS keeps the lists in memory).
    RETRY_LIST_PREFIX: env.RETRY_LIST_PREFIX ?? "retry-lists/",
  });
  console.log(`No CI_SECRET_ID set: starting the built-in CI emulator on 127.0.0.1:${port}`);
  run(process.execPath, [TSX, "emulator/main.ts"], { ...creds, EMULATOR_PORT: port, EMULATOR_BUCKETS: env.CI_BUCKETS });
}

const port = env.PORT ?? "3000";
const server = run(process.execPath, [NEXT, "start", "-p", port]);

// The first health probe opens the audit database (a new one takes a few seconds), so the first page is quick.
(async () => {
  for (let i = 0; i < 120 && server.exitCode === null; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) {
        console.log(`Dashboard ready: http://localhost:${port}`);
        return;
      }
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
})();
