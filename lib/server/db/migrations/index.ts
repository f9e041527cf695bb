import { auditLogMigration } from "./0001-audit-log";
import { idempotencyKeysMigration } from "./0002-idempotency-keys";
import { sharedReadsMigration } from "./0003-shared-reads";
import type { Migration } from "./types";

/** Every migration, oldest first. Append only. */
export const MIGRATIONS: readonly Migration[] = [auditLogMigration, idempotencyKeysMigration, sharedReadsMigration];

export type { Migration } from "./types";
