#!/usr/bin/env node
/**
 * Graceful shutdown under `next start` (what `npm start` runs): SIGTERM while a trigger waits on a slow CI. The
 * trigger gets its 201 and is audited as a success, new connections are refused at once, the database is closed
 * and the process exits within SHUTDOWN_GRACE_MS. scripts/smoke-standalone.mjs runs the same drill on the
 * standalone server.js. Needs a production build: `npx next build`, then `node test/deploy/next-start-shutdown.mjs`.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  appEnv,
  auditRowsIn,
  freePort,
  launch,
  ROOT,
  sigtermDuringTrigger,
  startEmulator,
  waitFor,
} from "./server-drill.mjs";

const GRACE_MS = 15_000;
const distDir = process.env.NEXT_DIST_DIR || ".next";
assert.ok(
  existsSync(join(ROOT, distDir, "BUILD_ID")),
  `no production build in ${distDir}: run \`npx next build\` first`,
);

const dataDir = mkdtempSync(join(tmpdir(), "ci-console-shutdown-"));
let emulator;
let app;
try {
  const [appPort, emulatorPort] = [await freePort(), await freePort()];
  emulator = await startEmulator(emulatorPort);
  const env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    ...appEnv({ port: appPort, emulatorPort, dataDir, graceMs: GRACE_MS }),
  };
  app = launch(
    process.execPath,
    [join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(appPort), "-H", "127.0.0.1"],
    { env },
  );
  const appUrl = `http://127.0.0.1:${appPort}`;
  await waitFor(`${appUrl}/api/health/ready`, app, 180_000);

  const drill = await sigtermDuringTrigger({ app, appUrl, emulator, graceMs: GRACE_MS });
  const rows = await auditRowsIn(dataDir, drill.name);
  assert.equal(rows.length, 1, `one audit row for the drill's trigger, found ${rows.length}`);
  assert.equal(rows[0].outcome, "success");
  assert.equal(rows[0].job_id, drill.jobId);
  assert.equal(existsSync(join(dataDir, "pglite.lock")), false, "DATA_DIR was released");
  console.log(
    `next start: SIGTERM during a trigger → 201, audited as success, exited after ${drill.tookMs} ms (grace ${GRACE_MS} ms) ✓`,
  );
} catch (e) {
  if (app) console.error(`--- server output ---\n${app.output().slice(-4_000)}`);
  throw e;
} finally {
  await app?.stop();
  await emulator?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
