import { auditLogMigration } from "./0001-audit-log";
import { idempotencyKeysMigration } from "./0002-idempotency-keys";
import type { Migration } from "./types";

/** Every migration, oldest first. Append only. */
export const MIGRATIONS: readonly Migration[] = [auditLogMigration, idempotencyKeysMigration];

export type { Migration } from "./types";
