/**
 * The start-up check that the audit log's protections are switched on. The triggers (migrations 0001, 0003) are
 * what keeps rows append-only and the chain complete; a table owner or superuser can switch them off
 * (`ALTER TABLE … DISABLE TRIGGER`, `session_replication_role = replica`). The app refuses to run on such a
 * database rather than write an audit log nobody can trust. No "server-only" here: instrumentation.ts uses it too.
 */
import type { DbExecutor } from "./types";

/** Every trigger the audit log relies on, by table. */
export const AUDIT_TRIGGERS: Readonly<Record<string, readonly string[]>> = {
  audit_log: ["audit_log_guard_rows", "audit_log_guard_truncate", "audit_log_chain_rows"],
  audit_chain: ["audit_chain_guard_rows", "audit_chain_guard_truncate"],
};

export class AuditGuardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuditGuardError";
  }
}

/**
 * Throws AuditGuardError (one line naming the trigger) unless every audit trigger exists and fires for this session.
 * Looks in the first schema of the search path, where the app's tables are. `allowMissing` (before migrations have
 * run) only checks the triggers that exist.
 */
export async function assertAuditGuard(db: DbExecutor, { allowMissing = false } = {}): Promise<void> {
  const [{ role } = { role: "origin" }] = await db.query<{ role: string }>(
    "SELECT current_setting('session_replication_role') AS role",
  );
  if (role !== "origin") {
    throw new AuditGuardError(
      `Refusing to start: session_replication_role is '${role}', which switches off the audit log's guard triggers`,
    );
  }
  const rows = await db.query<{ table_name: string; name: string; enabled: string }>(
    `SELECT c.relname AS table_name, t.tgname AS name, t.tgenabled::text AS enabled
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND NOT t.tgisinternal
        AND c.relname = ANY($1::text[])`,
    [Object.keys(AUDIT_TRIGGERS)],
  );
  for (const [table, names] of Object.entries(AUDIT_TRIGGERS)) {
    for (const name of names) {
      const found = rows.find((r) => r.table_name === table && r.name === name);
      if (!found && allowMissing) continue;
      if (!found)
        throw new AuditGuardError(`Refusing to start: the audit log's trigger ${name} on ${table} is missing`);
      // 'O' fires normally, 'A' always; 'D' is disabled and 'R' fires only under replication.
      if (found.enabled !== "O" && found.enabled !== "A") {
        throw new AuditGuardError(
          `Refusing to start: the audit log's trigger ${name} on ${table} is disabled; as the table's owner run ALTER TABLE ${table} ENABLE TRIGGER ${name}`,
        );
      }
    }
  }
}
