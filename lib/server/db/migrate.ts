import "server-only";
import { createHash } from "node:crypto";
import { MIGRATIONS, type Migration } from "./migrations";
import type { Db } from "./types";

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export function migrationChecksum(m: Migration): string {
  return createHash("sha256").update(m.statements.join("\n;\n")).digest("hex").slice(0, 16);
}

export interface MigrationReport {
  applied: number[];
  alreadyApplied: number[];
}

/**
 * Brings the schema up to date. Everything happens in one transaction that first takes a transaction-scoped
 * advisory lock: several instances starting at once queue up on the lock, and each one after the first finds the
 * work done. A failed migration rolls back completely. A released migration whose text changed stops start-up
 * (the database no longer matches the code that claims to describe it).
 */
export async function runMigrations(
  db: Db,
  schema = "public",
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationReport> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`ci-batch-console:migrations:${schema}`]);
    // Asked first: CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists, and an
    // owner role (DATABASE_MIGRATION_URL) may own its schema without that right.
    const exists =
      schema === "public" || (await tx.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).length > 0;
    if (!exists) await tx.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: number; checksum: string }>(
      "SELECT version, checksum FROM schema_migrations",
    );
    const done = new Map(rows.map((r) => [Number(r.version), r.checksum]));
    const report: MigrationReport = { applied: [], alreadyApplied: [] };
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      const checksum = migrationChecksum(m);
      const seen = done.get(m.version);
      if (seen !== undefined) {
        if (seen !== checksum) {
          throw new MigrationError(
            `Migration ${m.version} (${m.name}) changed after it was applied; add a new migration instead`,
          );
        }
        report.alreadyApplied.push(m.version);
        continue;
      }
      for (const statement of m.statements) await tx.query(statement);
      await tx.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", [
        m.version,
        m.name,
        checksum,
      ]);
      report.applied.push(m.version);
    }
    return report;
  });
}

/** Schema names come from our own options, never from a request; quoting still keeps them inert. */
export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new MigrationError(`Invalid schema name ${JSON.stringify(name)}`);
  return `"${name}"`;
}
