import type { Migration } from "./types";

/**
 * Who triggered or cancelled what. A row is written (outcome `pending`) before CI is called and completed once with
 * CI's answer. The guard trigger makes the log append-only: no DELETE or TRUNCATE ever, the intent part of a row
 * never changes, and a row whose outcome is `success` or `error` is final. `pending` and `unknown` rows may still be
 * settled (by the request that wrote them, or by reconciliation), which only fills in the outcome columns.
 * Times are kept to the millisecond so that JavaScript Dates round-trip exactly (keyset cursors depend on it).
 */
export const auditLogMigration: Migration = {
  version: 1,
  name: "audit-log",
  statements: [
    `CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
      actor text NOT NULL CHECK (length(actor) BETWEEN 1 AND 254),
      actor_groups text[] NOT NULL DEFAULT '{}',
      action text NOT NULL CHECK (action IN ('trigger', 'cancel')),
      bucket text NOT NULL,
      job_id text,
      idempotency_key text,
      request jsonb,
      outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'success', 'error', 'unknown')),
      finished_at timestamptz(3),
      ci_request_id text,
      error_code text,
      error_message text,
      reconciled_at timestamptz(3),
      reconcile_note text,
      CHECK (outcome = 'pending' OR finished_at IS NOT NULL)
    )`,
    `CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC)`,
    `CREATE INDEX audit_log_actor_idx ON audit_log (actor, at DESC)`,
    `CREATE INDEX audit_log_job_idx ON audit_log (bucket, job_id) WHERE job_id IS NOT NULL`,
    `CREATE INDEX audit_log_open_idx ON audit_log (bucket, at) WHERE outcome IN ('pending', 'unknown')`,
    `CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'audit_log is append-only: rows cannot be deleted' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF OLD.outcome IN ('success', 'error') THEN
        RAISE EXCEPTION 'audit_log row % is final (%) and cannot be changed', OLD.id, OLD.outcome
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF NEW.id IS DISTINCT FROM OLD.id OR NEW.at IS DISTINCT FROM OLD.at OR NEW.actor IS DISTINCT FROM OLD.actor
         OR NEW.actor_groups IS DISTINCT FROM OLD.actor_groups OR NEW.action IS DISTINCT FROM OLD.action
         OR NEW.bucket IS DISTINCT FROM OLD.bucket OR NEW.request IS DISTINCT FROM OLD.request
         OR NEW.idempotency_key IS DISTINCT FROM OLD.idempotency_key
         OR (OLD.job_id IS NOT NULL AND NEW.job_id IS DISTINCT FROM OLD.job_id) THEN
        RAISE EXCEPTION 'audit_log row %: who, what and when never change', OLD.id USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF NEW.outcome = 'pending' AND OLD.outcome <> 'pending' THEN
        RAISE EXCEPTION 'audit_log row %: an outcome cannot go back to pending', OLD.id USING ERRCODE = 'insufficient_privilege';
      END IF;
      -- An unknown outcome keeps what CI said (or failed to say); reconciliation only adds its verdict and note.
      IF OLD.outcome = 'unknown' AND (NEW.finished_at IS DISTINCT FROM OLD.finished_at
         OR NEW.ci_request_id IS DISTINCT FROM OLD.ci_request_id OR NEW.error_code IS DISTINCT FROM OLD.error_code
         OR NEW.error_message IS DISTINCT FROM OLD.error_message) THEN
        RAISE EXCEPTION 'audit_log row %: an unknown outcome can only be settled by reconciliation', OLD.id
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END
    $$`,
    `CREATE TRIGGER audit_log_guard_rows BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard()`,
    `CREATE TRIGGER audit_log_guard_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard()`,
  ],
};
