import { auditLogMigration } from "./0001-audit-log";
import { idempotencyKeysMigration } from "./0002-idempotency-keys";
import { auditChainMigration } from "./0003-audit-chain";
import { sharedReadsMigration } from "./0004-shared-reads";
import { batchFilesMigration } from "./0005-batch-files";
import type { Migration } from "./types";

/** Every migration, oldest first. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  auditLogMigration,
  idempotencyKeysMigration,
  auditChainMigration,
  sharedReadsMigration,
  batchFilesMigration,
];

export type { Migration } from "./types";
