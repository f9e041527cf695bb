/**
 * A small cluster for the multi-instance test and benchmark: one fresh PostgreSQL database, an in-process CI
 * emulator, N app instances (multi-instance-app.ts, one process each) and a round-robin HTTP proxy in front.
 * Each instance runs in its own process group and is stopped by that id only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, createServer, request as httpRequest, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createEmulator } from "@/emulator/server";

// The emulator's demo keys (built-in emulator): these tests are about sharing, not the sign-in guards for real keys.
export const SECRET_ID = "emulator-secret-id";
export const SECRET_KEY = "emulator-secret-key";
export const BUCKET = "examplebucket-1250000000";
export const OPERATOR = { "x-forwarded-email": "olivia@example.com", "x-forwarded-groups": "media-ops" };

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const APP_SCRIPT = fileURLToPath(new URL("./multi-instance-app.ts", import.meta.url));

/** A new database on the server TEST_DATABASE_URL points at (advisory locks and tables isolated from other suites). */
export async function createDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ci_console_mi_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export interface Instance {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const kill = (sig: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, sig);
        } catch {
          /* already gone */
        }
      };
      const hard = setTimeout(() => kill("SIGKILL"), 5_000);
      child.once("exit", () => {
        clearTimeout(hard);
        done();
      });
      kill("SIGTERM");
    });
}

/** Starts one instance; resolves when it listens. */
export function startInstance(env: Record<string, string>, timeoutMs = 60_000): Promise<Instance> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", APP_SCRIPT], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4_000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`instance did not start within ${timeoutMs} ms:\n${stderr}`)),
      timeoutMs,
    );
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${m[1]}`, pid: child.pid!, stop: stopper(child) });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`instance exited (${code}) before listening:\n${stderr}`));
    });
  });
}

/** A round-robin reverse proxy: request n goes to instance n mod N, as a load balancer without affinity would. */
export function startRoundRobinProxy(
  targets: readonly string[],
): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  let next = 0;
  // Idle upstream sockets are dropped after 30 s, well before an instance closes them (60 s), so none is reused as it closes.
  const agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: 30_000 });
  const server = createServer((req, res) => {
    const target = new URL(targets[next++ % targets.length]!);
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 61_000;
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            agent.destroy();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

export interface Cluster {
  proxyUrl: string;
  instances: Instance[];
  emulatorUrl: string;
  /** CI requests per route key since the last resetStats. */
  stats: () => Promise<Record<string, number>>;
  resetStats: () => Promise<void>;
  /** Jobs the emulator created (its trigger log). */
  triggerCount: () => Promise<number>;
  /** The shared database ("" when every instance has its own PGlite). */
  databaseUrl: string;
  close: () => Promise<void>;
}

/**
 * Emulator + fresh database + `count` instances + proxy. `env` adds to the instances' environment. With
 * `baseDatabaseUrl` null every instance gets its own embedded PGlite instead (nothing shared: the benchmark's
 * baseline).
 */
export async function startCluster(
  baseDatabaseUrl: string | null,
  count: number,
  env: Record<string, string> = {},
): Promise<Cluster> {
  const emulator = createEmulator({
    credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY },
    buckets: [{ bucket: BUCKET, region: "ap-beijing" }],
    stepMs: 60_000,
    seedCount: 40,
  });
  const emulatorUrl = `http://127.0.0.1:${await emulator.listen(0, "127.0.0.1")}`;
  const db = baseDatabaseUrl ? await createDatabase(baseDatabaseUrl) : null;
  const dataDirs: string[] = [];
  const perInstance = (): Record<string, string> => {
    if (db) return { DATABASE_URL: db.url };
    const dir = mkdtempSync(join(tmpdir(), "ci-console-mi-"));
    dataDirs.push(dir);
    return { DATA_DIR: dir };
  };
  const dropAll = async () => {
    await db?.drop();
    for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
  };
  const instanceEnv = {
    LOG_LEVEL: "silent",
    CI_SECRET_ID: SECRET_ID,
    CI_SECRET_KEY: SECRET_KEY,
    CI_BUCKETS: `${BUCKET}@ap-beijing`,
    CI_ENDPOINT: emulatorUrl,
    CI_EMULATOR: "1",
    CI_TIMEOUT_MS: "5000",
    CI_CACHE_MS: "3000",
    AUTH_MODE: "header",
    AUTH_OPERATOR_GROUPS: "media-ops",
    ...env,
  };
  const instances: Instance[] = [];
  try {
    // The first instance runs the migrations; the others then find them done (they would also queue on the lock).
    instances.push(await startInstance({ ...instanceEnv, ...perInstance() }));
    await fetch(`${instances[0]!.url}/api/jobs?size=1`, { headers: OPERATOR });
    instances.push(
      ...(await Promise.all(
        Array.from({ length: count - 1 }, () => startInstance({ ...instanceEnv, ...perInstance() })),
      )),
    );
  } catch (e) {
    await Promise.all(instances.map((i) => i.stop()));
    await emulator.close();
    await dropAll();
    throw e;
  }
  const proxy = await startRoundRobinProxy(instances.map((i) => i.url));
  const admin = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const res = await fetch(`${emulatorUrl}/__emulator/${path}`, init);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    proxyUrl: proxy.url,
    instances,
    emulatorUrl,
    databaseUrl: db?.url ?? "",
    stats: async () => (await admin<{ routes?: Record<string, number> }>("stats")).routes ?? {},
    resetStats: async () => void (await admin("stats/reset", { method: "POST" })),
    triggerCount: async () => {
      const t = await admin<unknown[] | { triggers: unknown[] }>("triggers");
      return Array.isArray(t) ? t.length : t.triggers.length;
    },
    close: async () => {
      await proxy.close();
      await Promise.all(instances.map((i) => i.stop()));
      await emulator.close();
      await dropAll();
    },
  };
}
