import "server-only";
import { quoteIdent } from "./migrate";
import type { DbExecutor } from "./types";

/** The columns settling an outcome fills in; everything else in an audit row is the intent and never changes. */
export const AUDIT_OUTCOME_COLUMNS = [
  "outcome",
  "finished_at",
  "job_id",
  "ci_request_id",
  "error_code",
  "error_message",
  "reconciled_at",
  "reconcile_note",
] as const;

/**
 * With DATABASE_MIGRATION_URL, the tables belong to the migration role and the app's runtime role gets only what it
 * needs: read and append the audit log, settle outcomes (the guard trigger keeps final rows final), read the chain,
 * and use the Idempotency-Key and shared-reads tables. Not the owner, it cannot ALTER, DISABLE TRIGGER, DROP or TRUNCATE anything.
 * Run by the owner after every migration run (idempotent: REVOKE then GRANT).
 */
export async function grantRuntimeRole(owner: DbExecutor, runtimeRole: string, schema: string): Promise<void> {
  const role = quoteRole(runtimeRole);
  const tables = [
    "audit_log",
    "audit_chain",
    "audit_chain_head",
    "idempotency_keys",
    "shared_reads",
    "batch_file_counts",
    "retry_links",
    "schema_migrations",
  ].join(", ");
  const statements = [
    `GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${role}`,
    `REVOKE ALL ON ${tables} FROM ${role}`,
    `GRANT SELECT, INSERT ON audit_log TO ${role}`,
    `GRANT UPDATE (${AUDIT_OUTCOME_COLUMNS.join(", ")}) ON audit_log TO ${role}`,
    `GRANT SELECT ON audit_chain, audit_chain_head, schema_migrations TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO ${role}`,
    // The shared poll-window cache (lib/server/shared-reads.ts): rows are disposable copies of CI answers.
    `GRANT SELECT, INSERT, UPDATE, DELETE ON shared_reads TO ${role}`,
    // Batch file counts are derived from CI (a recount rebuilds them); retry links are appended like the audit log.
    `GRANT SELECT, INSERT, UPDATE, DELETE ON batch_file_counts TO ${role}`,
    `GRANT SELECT, INSERT ON retry_links TO ${role}`,
  ];
  for (const sql of statements) await owner.query(sql);
}

/** Role names come from the server's own connection (current_user), never from a request; quoted all the same. */
function quoteRole(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/.test(name))
    throw new Error(`Unexpected database role name ${JSON.stringify(name)}`);
  return `"${name}"`;
}
