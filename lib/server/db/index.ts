import "server-only";
import { getConfig } from "../config";
import { AuditGuardError } from "./audit-guard";
import { openDb, type DbOptions } from "./open-db";
import type { Db } from "./types";

export type { Db, DbEngine, DbExecutor } from "./types";
export { openDb, type DbOptions } from "./open-db";

interface Holder {
  opening?: Promise<Db>;
  db?: Db;
}

// One database per process, shared by every route bundle and server component (like ci-runtime.ts).
const KEY = Symbol.for("ci-batch-console.db");
const holder = (): Holder => ((globalThis as { [KEY]?: Holder })[KEY] ??= {});

/** Which engine the configuration asks for: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR. */
export function dbOptionsFromConfig(): DbOptions {
  const { database } = getConfig();
  return database.url
    ? { engine: "postgres", url: database.url, migrationUrl: database.migrationUrl }
    : { engine: "pglite", dataDir: database.dataDir };
}

function ready(): Promise<Db> {
  const h = holder();
  if (h.db) return Promise.resolve(h.db);
  h.opening ??= openDb(dbOptionsFromConfig()).then(
    (db) => {
      h.db = db;
      return db;
    },
    (e: unknown) => {
      // An audit log whose guard triggers are off must not be written to: stop the server with the one line.
      if (e instanceof AuditGuardError) refuseToRun(e);
      h.opening = undefined; // a database that was down at the first request may be up at the next
      throw e;
    },
  );
  return h.opening;
}

function refuseToRun(e: AuditGuardError): never {
  console.error(`\n${e.message}\n`);
  process.exit(1);
}

const lazyDb: Db = {
  get engine() {
    return dbOptionsFromConfig().engine;
  },
  query: async (sql, params) => (await ready()).query(sql, params),
  transaction: async (fn) => (await ready()).transaction(fn),
  close: () => closeDb(),
};

/**
 * The process-wide database. Nothing happens until the first query, which opens the engine and runs the
 * migrations once; later calls share the same connection (pool).
 */
export function getDb(): Db {
  return lazyDb;
}

/** Closes the process-wide database (tests, shutdown); the next query opens it again. */
export async function closeDb(): Promise<void> {
  const h = holder();
  const opening = h.opening;
  h.opening = undefined;
  h.db = undefined;
  if (opening) await (await opening.catch(() => null))?.close();
}
