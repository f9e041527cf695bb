import type { Migration } from "./types";

/**
 * Idempotency-Key claims shared by every server instance. While a request holds a key, `answer` is null and
 * `lease_until` says until when the claim stands unless renewed (a holder that crashed stops renewing, so its key
 * frees itself); once answered, the row keeps the answer until `expires_at` (24 h after the claim).
 */
export const idempotencyKeysMigration: Migration = {
  version: 2,
  name: "idempotency-keys",
  statements: [
    `CREATE TABLE idempotency_keys (
      scope text NOT NULL,
      key text NOT NULL,
      fingerprint text NOT NULL,
      holder text NOT NULL,
      answer jsonb,
      lease_until timestamptz(3),
      expires_at timestamptz(3) NOT NULL,
      created_at timestamptz(3) NOT NULL,
      PRIMARY KEY (scope, key),
      CHECK ((answer IS NULL) = (lease_until IS NOT NULL))
    )`,
    `CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at)`,
  ],
};
