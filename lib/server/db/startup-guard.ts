/**
 * At server start (instrumentation.ts), with DATABASE_URL: refuse to run when the audit log's guard triggers are
 * switched off (lib/server/db/audit-guard.ts), before the first request. A database that cannot be reached is left
 * to the first query (it may come up later); PGlite is checked when it opens, on the first query (the start-up health
 * probe). No "server-only": instrumentation cannot import it (vercel/next.js#62564).
 */
import pg from "pg";
import { AuditGuardError, assertAuditGuard } from "./audit-guard";

/** Resolves to the one line to stop with, or null when the triggers are on (or the check could not run). */
export async function auditGuardProblemAtStartup(databaseUrl: string): Promise<string | null> {
  const client = new pg.Client({
    connectionString: databaseUrl,
    connectionTimeoutMillis: 5_000,
    application_name: "ci-batch-console-startup",
  });
  try {
    await client.connect();
    await assertAuditGuard(
      { query: async (sql, params) => (await client.query(sql, params ? [...params] : undefined)).rows },
      { allowMissing: true },
    );
    return null;
  } catch (e) {
    return e instanceof AuditGuardError ? e.message : null;
  } finally {
    await client.end().catch(() => {});
  }
}
