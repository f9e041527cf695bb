import "server-only";
import { runMigrations } from "./migrate";
import { openPglite } from "./pglite-engine";
import { openPostgres } from "./pg-engine";
import type { Db } from "./types";

export type DbOptions =
  | { engine: "postgres"; url: string; schema?: string; max?: number }
  | { engine: "pglite"; dataDir: string };

/** Opens an engine and brings its schema up to date; the database is ready to use when this resolves. */
export async function openDb(opts: DbOptions): Promise<Db> {
  const db = opts.engine === "postgres" ? openPostgres(opts) : await openPglite(opts);
  try {
    await runMigrations(db, opts.engine === "postgres" ? opts.schema : undefined);
  } catch (e) {
    await db.close().catch(() => {});
    throw e;
  }
  return db;
}
