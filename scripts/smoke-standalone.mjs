#!/usr/bin/env node
/**
 * Proves the container image's layout without a container engine (none is available where tests run):
 *  1. assembles the runtime stage's files into a fresh folder with scripts/assemble-standalone.mjs (the script the
 *     Dockerfile runs), then makes that folder read-only for everyone (`chmod -R a-w`);
 *  2. starts `node server.js` there as an unprivileged user (`nobody` through setpriv when run as root; otherwise a
 *     separate process) with a clean environment: only the documented variables, PATH and an empty TMPDIR;
 *  3. smoke test against the CI emulator: liveness, readiness, /api/health, the pages, a static asset, a trigger → 201;
 *  4. SIGTERM during a slow trigger: the trigger is answered and audited, the process exits within the grace period;
 *  5. nothing outside DATA_DIR was written: the folder is unchanged, TMPDIR is empty, no EACCES/EROFS in the output;
 *     with `--canary <value>` (the secret the test build was made with), no file of the folder contains it.
 * Usage: node scripts/smoke-standalone.mjs [--canary <secret>] [--keep]     (needs `npx next build` first)
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  lstatSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { assemble } from "./assemble-standalone.mjs";
import {
  appEnv,
  auditRowsIn,
  freePort,
  launch,
  OPERATOR,
  sigtermDuringTrigger,
  startEmulator,
  trigger,
  waitFor,
} from "../test/deploy/server-drill.mjs";

const args = process.argv.slice(2);
const canary = args.includes("--canary") ? args[args.indexOf("--canary") + 1] : undefined;
const keep = args.includes("--keep");
const GRACE_MS = 15_000;

/** The user the server runs as: `nobody` when we are root (uid/gid from the system), else ourselves. */
function unprivilegedUser() {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync("id", ["-u", "nobody"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "nobody"], { encoding: "utf8" }).trim());
  return { name: "nobody", uid, gid };
}

/** Every file, folder and symlink under `dir` with size and modification time (symlinks are not followed). */
function snapshot(dir) {
  const out = new Map();
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = lstatSync(p);
      out.set(relative(dir, p), `${st.mode}:${st.size}:${st.mtimeMs}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

function filesContaining(dir, needle) {
  const hits = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && readFileSync(p).includes(needle)) hits.push(relative(dir, p));
    }
  };
  walk(dir);
  return hits;
}

const work = mkdtempSync(join(tmpdir(), "ci-console-standalone-"));
chmodSync(work, 0o755);
const appDir = join(work, "app");
const dataDir = join(work, "data");
const tmp = join(work, "tmp");
let emulator;
let app;
try {
  assemble(appDir);
  const user = unprivilegedUser();
  for (const d of [dataDir, tmp]) {
    mkdirSync(d);
    if (user) chownSync(d, user.uid, user.gid);
  }
  execFileSync("chmod", ["-R", "a-w", appDir]);
  const before = snapshot(appDir);
  if (canary) assert.deepEqual(filesContaining(appDir, canary), [], "the build secret is baked into the runtime files");

  const [appPort, emulatorPort] = [await freePort(), await freePort()];
  emulator = await startEmulator(emulatorPort);
  const env = {
    PATH: "/usr/local/bin:/usr/bin:/bin",
    TMPDIR: tmp,
    ...appEnv({ port: appPort, emulatorPort, dataDir, graceMs: GRACE_MS }),
  };
  const [cmd, cmdArgs] = user
    ? ["setpriv", [`--reuid=${user.uid}`, `--regid=${user.gid}`, "--clear-groups", "--", process.execPath, "server.js"]]
    : [process.execPath, ["server.js"]];
  app = launch(cmd, cmdArgs, { env, cwd: appDir });
  const appUrl = `http://127.0.0.1:${appPort}`;
  console.log(`standalone server from ${appDir} as ${user ? user.name : "the current user"} on ${appUrl}`);

  await waitFor(`${appUrl}/api/health/live`, app, 60_000);
  // The first readiness check opens (and on a fresh DATA_DIR creates) the embedded database.
  const ready = await (await waitFor(`${appUrl}/api/health/ready`, app, 180_000)).json();
  assert.deepEqual(ready, { ready: true, checks: { database: "ok", ci: "ok" } });
  const health = await (await fetch(`${appUrl}/api/health`)).json();
  assert.equal(health.ok, true);
  assert.equal(health.ci.reachable, true);
  assert.equal(health.db.ok, true);

  let html = "";
  for (const page of ["/jobs", "/jobs/new", "/audit"]) {
    const res = await fetch(`${appUrl}${page}`, { headers: OPERATOR });
    assert.equal(res.status, 200, `${page} answered ${res.status}`);
    html = await res.text();
    assert.match(html, /<html/);
  }
  const asset = html.match(/\/_next\/static\/[^"']+\.js/)?.[0];
  assert.ok(asset, "the page references a script under /_next/static");
  assert.equal((await fetch(`${appUrl}${asset}`)).status, 200, ".next/static is served from the standalone folder");
  assert.equal((await fetch(`${appUrl}/robots.txt`)).status, 200, "public/ is served from the standalone folder");

  const first = await trigger(appUrl, `standalone-smoke-${Date.now()}`);
  assert.equal(first.status, 201, `trigger answered ${first.status}: ${JSON.stringify(first.body)}`);
  console.log("smoke: live, ready, /api/health, /jobs, /jobs/new, /audit, a static asset, robots.txt, trigger 201 ✓");

  const drill = await sigtermDuringTrigger({ app, appUrl, emulator, graceMs: GRACE_MS });
  const rows = await auditRowsIn(dataDir, drill.name);
  assert.equal(rows.length, 1, `one audit row for the drill's trigger, found ${rows.length}`);
  assert.equal(rows[0].outcome, "success");
  assert.equal(rows[0].job_id, drill.jobId);
  assert.equal(existsSync(join(dataDir, "pglite.lock")), false, "DATA_DIR was released");
  console.log(
    `SIGTERM during a trigger: 201, audited as success, exited after ${drill.tookMs} ms (grace ${GRACE_MS} ms) ✓`,
  );

  assert.deepEqual(
    [...snapshot(appDir)].filter(([k, v]) => before.get(k) !== v),
    [],
    "files outside DATA_DIR changed",
  );
  assert.equal(before.size, snapshot(appDir).size, "files were added outside DATA_DIR");
  assert.deepEqual(readdirSync(tmp), [], "the server wrote to TMPDIR");
  assert.doesNotMatch(app.output(), /EACCES|EROFS|permission denied/i, "the server tried to write outside DATA_DIR");
  console.log("read-only: nothing written outside DATA_DIR (folder unchanged, TMPDIR empty, no EACCES/EROFS) ✓");
} catch (e) {
  if (app) console.error(`--- server output ---\n${app.output().slice(-4_000)}`);
  throw e;
} finally {
  await app?.stop();
  await emulator?.stop();
  if (keep) console.log(`kept ${work}`);
  else {
    execFileSync("chmod", ["-R", "u+w", work]);
    rmSync(work, { recursive: true, force: true });
  }
}
