import "server-only";
import { spawn } from "node:child_process";
import { existsSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { lockDataDir } from "./data-dir-lock";
import type { Db, DbExecutor } from "./types";

export interface PgliteOptions {
  /** Directory for the database files (created if missing), or `memory://` for a throwaway database. */
  dataDir: string;
}

/**
 * Postgres compiled to WebAssembly, in this process: the default when no DATABASE_URL is set, so one instance
 * keeps its audit log across restarts with nothing else installed. It serves one process only (see lockDataDir).
 */
export async function openPglite(opts: PgliteOptions): Promise<Db> {
  const memory = opts.dataDir.startsWith("memory://");
  const root = memory ? null : resolve(opts.dataDir);
  const unlock = root ? lockDataDir(root) : () => {};
  let pg: PGlite;
  try {
    if (root) await initInChild(join(root, "pglite"));
    pg = await PGlite.create(root ? join(root, "pglite") : opts.dataDir, {
      // The default 128 MB of shared buffers is most of PGlite's resident memory; an audit log needs little.
      postgresqlconf: ["shared_buffers=16MB"],
    });
  } catch (e) {
    unlock();
    throw e;
  }
  let closed = false;
  const run = async <T>(ex: { query: PGlite["query"] }, sql: string, params?: readonly unknown[]): Promise<T[]> =>
    (await ex.query<T>(sql, params ? [...params] : undefined)).rows;

  return {
    engine: "pglite",
    query: (sql, params) => run(pg, sql, params),
    transaction: (fn) =>
      pg.transaction(async (t) => {
        const tx: DbExecutor = { query: (sql, params) => run(t, sql, params) };
        return fn(tx);
      }),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pg.close();
      } finally {
        unlock();
      }
    },
  };
}

/**
 * Creating a cluster (initdb) takes PGlite's resident memory to ~750 MB, and this process would keep most of it
 * until it exits; opening an existing cluster costs ~150 MB. So a new DATA_DIR is created by a short-lived child
 * process, and this one only opens it. If the child cannot run (no node_modules beside the working directory…),
 * the caller simply creates the cluster in this process instead.
 */
async function initInChild(pgdata: string): Promise<void> {
  if (existsSync(join(pgdata, "PG_VERSION"))) return;
  // Built beside the target and renamed into place when complete: a child killed halfway leaves no half cluster.
  const staging = `${pgdata}.init-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const script =
    'const { PGlite } = await import("@electric-sql/pglite");' +
    "const db = await PGlite.create(process.argv[1]); await db.query('SELECT 1'); await db.close();";
  const ok = await new Promise<boolean>((done) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script, staging], {
      cwd: process.cwd(),
      stdio: "ignore",
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", () => done(false));
    child.on("exit", (code) => {
      clearTimeout(timer);
      done(code === 0);
    });
  });
  try {
    if (ok && existsSync(join(staging, "PG_VERSION")) && !existsSync(pgdata)) renameSync(staging, pgdata);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
