import type { Migration } from "./types";

/**
 * The list/detail answers of the current poll window, shared by every instance on one PostgreSQL (see
 * lib/server/shared-reads.ts): `answer` is the JSON the first instance got from CI, `fetched_at` when (database
 * clock, so instances agree on a window's age). Rows are a cache: deleting any of them only costs a CI call.
 */
export const sharedReadsMigration: Migration = {
  version: 4,
  name: "shared-reads",
  statements: [
    `CREATE TABLE shared_reads (
      key text PRIMARY KEY,
      answer json NOT NULL,
      fetched_at timestamptz(3) NOT NULL
    )`,
    `CREATE INDEX shared_reads_fetched_idx ON shared_reads (fetched_at)`,
  ],
};
