/**
 * The engines the database suites run on: PGlite always (in memory, or a temp DATA_DIR), PostgreSQL when
 * TEST_DATABASE_URL is set (each suite in its own schema, dropped afterwards). Not a test file itself.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDb, type Db } from "@/lib/server/db";

export const PG_URL = process.env.TEST_DATABASE_URL || undefined;
export const PG_SKIP =
  'skipped: TEST_DATABASE_URL is not set (eval "$(scripts/ci-postgres.sh)" to run these on PostgreSQL)';

export interface EngineCase {
  name: "pglite" | "postgres";
  /** Why this engine's cases are skipped, or null when they run. */
  skip: string | null;
  /** A fresh, migrated database (PGlite in memory; PostgreSQL in a new schema). */
  open(): Promise<Db>;
  /** Opens a second handle on the same PostgreSQL schema (another "instance"); PostgreSQL only. */
  openAnother(): Promise<Db>;
  schema(): string;
  dispose(): Promise<void>;
}

export function tempDir(label: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `ci-console-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function newSchemaName(label: string): string {
  return `t_${label.replace(/[^a-z0-9]/g, "_")}_${randomBytes(4).toString("hex")}`;
}

export async function dropSchema(schema: string): Promise<void> {
  if (!PG_URL) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

export function engineCases(label: string): EngineCase[] {
  const pgSchema = newSchemaName(label);
  return [
    {
      name: "pglite",
      skip: null,
      open: () => openDb({ engine: "pglite", dataDir: "memory://" }),
      openAnother: () => Promise.reject(new Error("PGlite serves one process: no second handle")),
      schema: () => "public",
      dispose: async () => {},
    },
    {
      name: "postgres",
      skip: PG_URL ? null : PG_SKIP,
      open: () => openDb({ engine: "postgres", url: PG_URL!, schema: pgSchema, max: 8 }),
      openAnother: () => openDb({ engine: "postgres", url: PG_URL!, schema: pgSchema, max: 8 }),
      schema: () => pgSchema,
      dispose: () => dropSchema(pgSchema),
    },
  ];
}

/** A describe title that says which engine and, when skipped, why. */
export const engineTitle = (what: string, e: EngineCase) => `${what} on ${e.name}${e.skip ? ` (${e.skip})` : ""}`;
