/**
 * Shared by scripts/smoke-standalone.mjs (the container's file set) and test/deploy/next-start-shutdown.mjs
 * (`next start`): start the CI emulator and the production server as real processes, then drive them over HTTP.
 * Plain Node (no tsx, no vitest), because these run after `next build` and against processes, not modules.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
// The emulator's demo keys: this drill tests shutdown, not the sign-in guards for real CI keys.
export const CREDENTIALS = { id: "emulator-secret-id", key: "emulator-secret-key" };
export const BUCKETS = "examplebucket-1250000000@ap-beijing";
export const OPERATOR = { "x-forwarded-email": "drill.operator@example.com", "x-forwarded-groups": "media-ops" };

/** A port nobody listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

/** Spawns a process in its own process group, collecting its output; `stop()` signals that group only. */
export function launch(cmd, args, { env, cwd = ROOT }) {
  const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  const collect = (d) => {
    out += d.toString();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise((done) => child.once("exit", (code, signal) => done({ code, signal, at: Date.now() })));
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      /* already gone */
    }
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const hard = setTimeout(() => signal("SIGKILL"), 10_000);
    signal("SIGTERM");
    await exited;
    clearTimeout(hard);
  };
  return { child, output: () => out, exited, signal, stop };
}

/** Waits until `url` answers 2xx (or the process exits, or the time is up). */
export async function waitFor(url, proc, timeoutMs, init) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null)
      throw new Error(`process exited (${proc.child.exitCode}) before ${url} answered:\n${proc.output()}`);
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
      if (res.ok) return res;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${proc.output().slice(-3_000)}`);
}

/** The CI emulator (emulator/main.ts through tsx) with the drill's credentials; resolves when it answers. */
export async function startEmulator(port) {
  const proc = launch(process.execPath, ["--import", "tsx", "emulator/main.ts"], {
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      EMULATOR_PORT: String(port),
      EMULATOR_HOST: "127.0.0.1",
      EMULATOR_SECRET_ID: CREDENTIALS.id,
      EMULATOR_SECRET_KEY: CREDENTIALS.key,
      EMULATOR_BUCKETS: BUCKETS,
      EMULATOR_STEP_MS: "3600000",
      EMULATOR_SEED_COUNT: "20",
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/__emulator/health`, proc, 60_000);
  const admin = async (method, path, body) => {
    const res = await fetch(`${url}/__emulator/${path}`, {
      method,
      headers: body ? { "content-type": "application/json" } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    assert.ok(res.ok, `emulator ${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { ...proc, url, admin };
}

/** The variables the app is documented to read (README "Configuration"), for an app talking to the emulator. */
export function appEnv({ port, emulatorPort, dataDir, graceMs }) {
  return {
    NODE_ENV: "production",
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    DATA_DIR: dataDir,
    CI_SECRET_ID: CREDENTIALS.id,
    CI_SECRET_KEY: CREDENTIALS.key,
    CI_BUCKETS: BUCKETS,
    CI_ENDPOINT: `http://127.0.0.1:${emulatorPort}`,
    AUTH_MODE: "header",
    AUTH_OPERATOR_GROUPS: "media-ops",
    SHUTDOWN_GRACE_MS: String(graceMs),
  };
}

/** A trigger request as the dashboard's own wizard sends it (same origin, JSON, an Idempotency-Key). */
export async function trigger(appUrl, name) {
  const workflows = await (await fetch(`${appUrl}/api/ci/workflows`, { headers: OPERATOR })).json();
  const workflowId = workflows.items.find((w) => w.state === "Active")?.id;
  assert.ok(workflowId, "the emulator has an active workflow");
  const res = await fetch(`${appUrl}/api/jobs`, {
    method: "POST",
    headers: {
      ...OPERATOR,
      origin: appUrl,
      "content-type": "application/json",
      "idempotency-key": crypto.randomUUID(),
    },
    body: JSON.stringify({
      Name: name,
      Type: "Workflow",
      Input: { Prefix: "input/" },
      Operation: { WorkflowIds: workflowId },
    }),
  });
  return { status: res.status, body: await res.json() };
}

/** Resolves when a new connection to `url` is refused (the server stopped accepting), or throws after `ms`. */
async function waitUntilRefused(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1_000), headers: { connection: "close" } });
    } catch (e) {
      if (e?.cause?.code === "ECONNREFUSED") return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} still accepted new connections ${ms} ms after SIGTERM`);
}

/**
 * SIGTERM while a trigger waits on a slow CI: the server stops accepting at once, the trigger still gets its 201,
 * the process exits well within the grace period, having closed the database. Returns what the caller verifies in
 * the database afterwards (the job id and name).
 */
export async function sigtermDuringTrigger({ app, appUrl, emulator, graceMs, ciLatencyMs = 3_000 }) {
  await emulator.admin("POST", "faults", { latencyMs: ciLatencyMs, routes: ["POST /inventorytriggerjob"] });
  const before = (await emulator.admin("GET", "stats")).routes["POST /inventorytriggerjob"] ?? 0;
  const name = `sigterm-drill-${Date.now()}`;
  let answered = false;
  const pending = trigger(appUrl, name).finally(() => (answered = true));
  // In flight for sure: CI (the emulator) has the request and is holding it for ciLatencyMs.
  const deadline = Date.now() + 30_000;
  while (((await emulator.admin("GET", "stats")).routes["POST /inventorytriggerjob"] ?? 0) === before) {
    assert.ok(Date.now() < deadline, "the trigger never reached the emulator");
    await new Promise((r) => setTimeout(r, 25));
  }
  const signalledAt = Date.now();
  app.signal("SIGTERM");
  await waitUntilRefused(`${appUrl}/api/health/live`, 2_000);
  assert.equal(answered, false, "the trigger was still in flight when the server stopped accepting");
  const answer = await pending;
  assert.equal(answer.status, 201, `the trigger in flight got ${answer.status}: ${JSON.stringify(answer.body)}`);
  const exit = await app.exited;
  const tookMs = exit.at - signalledAt;
  assert.ok(tookMs < graceMs, `exited ${tookMs} ms after SIGTERM, beyond SHUTDOWN_GRACE_MS=${graceMs}`);
  assert.ok(
    exit.code === 143 || exit.code === 0,
    `exit code ${exit.code} (signal ${exit.signal})\n${app.output().slice(-2_000)}`,
  );
  assert.match(app.output(), /Shutdown: requests finished; database closed/, "the database was closed before exit");
  await emulator.admin("DELETE", "faults");
  return { jobId: answer.body.job.JobId, name, tookMs };
}

/** Reads the audit rows of one job name from a PGlite DATA_DIR the server has left (it must be closed). */
export async function auditRowsIn(dataDir, name) {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create(join(dataDir, "pglite"));
  try {
    const { rows } = await db.query(
      "SELECT action, outcome, job_id, actor FROM audit_log WHERE request->>'Name' = $1",
      [name],
    );
    return rows;
  } finally {
    await db.close();
  }
}
