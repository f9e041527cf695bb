import "server-only";
import { assertAuditGuard } from "./audit-guard";
import { MigrationError, runMigrations } from "./migrate";
import { openPglite } from "./pglite-engine";
import { openPostgres } from "./pg-engine";
import { grantRuntimeRole } from "./runtime-role";
import type { Db } from "./types";

export type DbOptions =
  | {
      engine: "postgres";
      url: string;
      /** Migrate as this (owning) role and grant `url`'s role only what the app needs (DATABASE_MIGRATION_URL). */
      migrationUrl?: string;
      schema?: string;
      max?: number;
    }
  | { engine: "pglite"; dataDir: string };

/**
 * Opens an engine, brings its schema up to date and checks the audit log's triggers are on (AuditGuardError
 * otherwise); the database is ready to use when this resolves.
 */
export async function openDb(opts: DbOptions): Promise<Db> {
  const db = opts.engine === "postgres" ? openPostgres(opts) : await openPglite(opts);
  try {
    if (opts.engine === "postgres" && opts.migrationUrl)
      await migrateAsOwner(db, opts.migrationUrl, opts.schema ?? "public");
    else await runMigrations(db, opts.engine === "postgres" ? opts.schema : undefined);
    await assertAuditGuard(db);
  } catch (e) {
    await db.close().catch(() => {});
    throw e;
  }
  return db;
}

/** Migrations and grants run on a short-lived owner connection; the app keeps only its runtime pool. */
async function migrateAsOwner(runtime: Db, migrationUrl: string, schema: string): Promise<void> {
  const [{ role: runtimeRole } = { role: "" }] = await runtime.query<{ role: string }>("SELECT current_user AS role");
  const owner = openPostgres({ url: migrationUrl, schema, max: 1 });
  try {
    const [{ role: ownerRole } = { role: "" }] = await owner.query<{ role: string }>("SELECT current_user AS role");
    if (ownerRole === runtimeRole) {
      throw new MigrationError(
        "DATABASE_MIGRATION_URL logs in as the same role as DATABASE_URL; use a separate owner role",
      );
    }
    await runMigrations(owner, schema);
    // In one transaction, so instances already running never see the runtime role without its rights.
    await owner.transaction((tx) => grantRuntimeRole(tx, runtimeRole, schema));
  } finally {
    await owner.close();
  }
}
