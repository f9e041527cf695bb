import type { Migration } from "./types";

/**
 * Files inside a batch (issue 13; lib/server/jobs/file-counts.ts, lib/server/jobs/retry.ts).
 *
 * `batch_file_counts`: one row per batch being counted. While the batch runs, `state` holds the counter's progress
 * (counts of ended files, the files still open, where the next pass starts); `complete` rows are final and never
 * counted again. Rows are derived from CI: deleting one only costs a recount.
 *
 * `retry_links`: which audit row started a retry of which batch ("retry of <JobId>"); the retry's own JobId is the
 * audit row's job_id once CI answered. Append-only like the audit log it points into. No foreign key: one would make
 * TRUNCATE audit_log fail on the key before the audit guard could refuse it as append-only (test/server/audit.test.ts).
 */
export const batchFilesMigration: Migration = {
  version: 5,
  name: "batch-files",
  statements: [
    `CREATE TABLE batch_file_counts (
      bucket text NOT NULL,
      job_id text NOT NULL,
      state jsonb NOT NULL,
      complete boolean NOT NULL DEFAULT false,
      counted_at timestamptz(3),
      next_pass_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (bucket, job_id)
    )`,
    `CREATE TABLE retry_links (
      audit_id bigint PRIMARY KEY,
      bucket text NOT NULL,
      source_job_id text NOT NULL,
      list_key text NOT NULL,
      file_count integer NOT NULL,
      at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
    )`,
    `CREATE INDEX retry_links_source_idx ON retry_links (bucket, source_job_id)`,
  ],
};
