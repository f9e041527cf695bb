import "server-only";
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
