import type { Migration } from "./types";

/**
 * Makes the audit log tamper-evident (lib/server/db/README.md, "Tamper evidence"). Every change the log legitimately
 * goes through — a row written (its intent) and each settling of its outcome — appends one event to `audit_chain`,
 * whose hash covers the previous event's hash: sha256("<prev hash>|<seq>|<kind>|<row id>|<digest>"), where the digest
 * is sha256 over a canonical JSON array of the row's intent (or outcome) columns. The events are written by a trigger
 * (SECURITY DEFINER, so the app's role needs no right on the chain tables), and writers queue on the one-row
 * `audit_chain_head`, so concurrent writers never fork the chain. Editing a row behind the triggers' back, or an
 * event, breaks the chain at that row; `GET /api/audit/verify` walks it (lib/server/audit-chain.ts).
 * Existing rows are chained in id order by this migration.
 */
const ms = (col: string) => `(extract(epoch FROM ${col}) * 1000)::bigint`;

export const auditChainMigration: Migration = {
  version: 3,
  name: "audit-chain",
  statements: [
    `CREATE TABLE audit_chain_head (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      seq bigint NOT NULL,
      hash text NOT NULL
    )`,
    `INSERT INTO audit_chain_head (seq, hash) VALUES (0, repeat('0', 64))`,
    `CREATE TABLE audit_chain (
      seq bigint PRIMARY KEY,
      audit_id bigint NOT NULL,
      kind text NOT NULL CHECK (kind IN ('intent', 'outcome')),
      digest text NOT NULL,
      prev_hash text NOT NULL,
      hash text NOT NULL
    )`,
    `CREATE INDEX audit_chain_row_idx ON audit_chain (audit_id, seq)`,
    // Who, what, when. A cancel names its job up front; a trigger's job arrives with the outcome, so it is hashed there.
    `CREATE FUNCTION audit_log_intent_digest(r audit_log) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT encode(sha256(convert_to(jsonb_build_array(
        r.id::text, ${ms("r.at")}, r.actor, to_jsonb(r.actor_groups), r.action, r.bucket,
        CASE WHEN r.action = 'cancel' THEN r.job_id END, r.idempotency_key, r.request
      )::text, 'UTF8')), 'hex')
    $$`,
    `CREATE FUNCTION audit_log_outcome_digest(r audit_log) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT encode(sha256(convert_to(jsonb_build_array(
        r.id::text, r.outcome, ${ms("r.finished_at")}, r.job_id, r.ci_request_id, r.error_code, r.error_message,
        ${ms("r.reconciled_at")}, r.reconcile_note
      )::text, 'UTF8')), 'hex')
    $$`,
    // The row lock on the head serialises writers until they commit: one chain, never two branches.
    `CREATE FUNCTION audit_chain_append(p_audit_id bigint, p_kind text, p_digest text) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    DECLARE
      head_seq bigint;
      head_hash text;
      next_hash text;
    BEGIN
      SELECT seq, hash INTO head_seq, head_hash FROM audit_chain_head WHERE singleton FOR UPDATE;
      next_hash := encode(sha256(convert_to(
        head_hash || '|' || (head_seq + 1)::text || '|' || p_kind || '|' || p_audit_id::text || '|' || p_digest, 'UTF8')), 'hex');
      INSERT INTO audit_chain (seq, audit_id, kind, digest, prev_hash, hash)
        VALUES (head_seq + 1, p_audit_id, p_kind, p_digest, head_hash, next_hash);
      UPDATE audit_chain_head SET seq = head_seq + 1, hash = next_hash WHERE singleton;
    END
    $$`,
    `CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM audit_chain_append(NEW.id, 'intent', audit_log_intent_digest(NEW));
      ELSIF audit_log_outcome_digest(NEW) IS DISTINCT FROM audit_log_outcome_digest(OLD) THEN
        PERFORM audit_chain_append(NEW.id, 'outcome', audit_log_outcome_digest(NEW));
      END IF;
      RETURN NULL;
    END
    $$`,
    `CREATE TRIGGER audit_log_chain_rows AFTER INSERT OR UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain()`,
    `CREATE FUNCTION audit_chain_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_chain is append-only' USING ERRCODE = 'insufficient_privilege';
    END
    $$`,
    `CREATE TRIGGER audit_chain_guard_rows BEFORE UPDATE OR DELETE ON audit_chain FOR EACH ROW EXECUTE FUNCTION audit_chain_guard()`,
    `CREATE TRIGGER audit_chain_guard_truncate BEFORE TRUNCATE ON audit_chain FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_guard()`,
    // Only the triggers may append: nobody calls these directly (the owner keeps its implicit right).
    `REVOKE EXECUTE ON FUNCTION audit_chain_append(bigint, text, text) FROM PUBLIC`,
    `REVOKE EXECUTE ON FUNCTION audit_log_chain() FROM PUBLIC`,
    `DO $$
    DECLARE r audit_log;
    BEGIN
      FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
        PERFORM audit_chain_append(r.id, 'intent', audit_log_intent_digest(r));
        IF r.outcome <> 'pending' THEN
          PERFORM audit_chain_append(r.id, 'outcome', audit_log_outcome_digest(r));
        END IF;
      END LOOP;
    END
    $$`,
  ],
};
