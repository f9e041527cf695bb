/**
 * The audit log against an insider holding the app's own database login (PostgreSQL only: PGlite has one user).
 * Migrations run as a separate owner role (DATABASE_MIGRATION_URL); the runtime role can append and settle, but can
 * neither switch the guard off nor rewrite history. And the server refuses to start when a trigger is off.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditLog } from "@/lib/server/audit";
import { openDb, type Db } from "@/lib/server/db";
import { MigrationError } from "@/lib/server/db/migrate";
import { auditGuardProblemAtStartup } from "@/lib/server/db/startup-guard";
import { ConfigError, parseConfig } from "@/lib/server/config-schema";
import { PG_SKIP, PG_URL } from "./db-engines";

const suffix = randomBytes(4).toString("hex");
const OWNER = `ci_owner_${suffix}`;
const APP = `ci_app_${suffix}`;
const SCHEMA = `t_roles_${suffix}`;

/** The test server's URL with another user (trust auth) and, optionally, our schema first on the search path. */
function urlFor(user: string, withSchema = false): string {
  const u = new URL(PG_URL!);
  u.username = user;
  u.password = "";
  if (withSchema) u.searchParams.set("options", `-c search_path=${SCHEMA}`);
  return u.toString();
}

async function asSuperuser(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe("DATABASE_MIGRATION_URL needs DATABASE_URL", () => {
  it("stops start-up with one line naming the variable", () => {
    // The built-in emulator's facts (demo keys, loopback endpoint): no sign-in settings needed for this refusal.
    const env = {
      CI_SECRET_ID: "emulator-secret-id",
      CI_SECRET_KEY: "emulator-secret-key",
      CI_ENDPOINT: "http://127.0.0.1:9100",
      CI_BUCKET: "examplebucket-1250000000",
      CI_REGION: "ap-beijing",
    };
    expect(() => parseConfig({ ...env, DATABASE_MIGRATION_URL: "postgres://owner@db/app" })).toThrow(ConfigError);
    expect(() =>
      parseConfig({ ...env, DATABASE_MIGRATION_URL: "mysql://x", DATABASE_URL: "postgres://a@db/app" }),
    ).toThrow(/DATABASE_MIGRATION_URL/);
    expect(
      parseConfig({ ...env, DATABASE_URL: "postgres://app@db/app", DATABASE_MIGRATION_URL: "postgres://owner@db/app" })
        .database.migrationUrl,
    ).toBe("postgres://owner@db/app");
  });
});

describe.skipIf(!PG_URL)(`audit log roles on PostgreSQL${PG_URL ? "" : ` (${PG_SKIP})`}`, { timeout: 60_000 }, () => {
  let db: Db;
  beforeAll(async () => {
    await asSuperuser(
      `CREATE ROLE ${OWNER} LOGIN; CREATE ROLE ${APP} LOGIN; CREATE SCHEMA ${SCHEMA} AUTHORIZATION ${OWNER}`,
    );
    db = await openDb({ engine: "postgres", url: urlFor(APP), migrationUrl: urlFor(OWNER), schema: SCHEMA, max: 2 });
  });
  afterAll(async () => {
    await db?.close();
    await asSuperuser(
      `DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; DROP OWNED BY ${APP}; DROP ROLE IF EXISTS ${APP}; DROP OWNED BY ${OWNER}; DROP ROLE IF EXISTS ${OWNER}`,
    );
  });

  it("the tables belong to the owner; the app's role writes and settles rows through its grants", async () => {
    const [{ owner } = { owner: "" }] = await db.query<{ owner: string }>(
      `SELECT tableowner AS owner FROM pg_tables WHERE schemaname = $1 AND tablename = 'audit_log'`,
      [SCHEMA],
    );
    expect(owner).toBe(OWNER);
    const audit = createAuditLog(db);
    const id = await audit.recordIntent({
      actor: "ada@example.com",
      actorGroups: [],
      action: "trigger",
      bucket: "b-1250000000",
      request: { Name: "x" },
    });
    expect(await audit.recordOutcome(id, { outcome: "success", jobId: "bjob1" })).toBe(true);
    expect((await audit.listAudit({ limit: 5 })).entries[0]).toMatchObject({ id, outcome: "success", jobId: "bjob1" });
    expect(await audit.verifyChain()).toMatchObject({ intact: true, rows: 1 });
    const [rights] = await db.query<{ ok: boolean }>(
      `SELECT has_table_privilege(current_user, 'idempotency_keys', 'SELECT,INSERT,UPDATE,DELETE') AS ok`,
    );
    expect(rights!.ok).toBe(true);
  });

  it.each([
    ["ALTER TABLE audit_log DISABLE TRIGGER audit_log_guard_rows", /must be owner/],
    ["ALTER TABLE audit_log DISABLE TRIGGER ALL", /must be owner/],
    ["DROP TRIGGER audit_log_guard_rows ON audit_log", /must be owner/],
    ["DROP TRIGGER audit_log_chain_rows ON audit_log", /must be owner/],
    ["DROP TABLE audit_log", /must be owner/],
    ["SET session_replication_role = replica", /permission denied/],
    ["UPDATE audit_log SET actor = 'mallory@example.com'", /permission denied/],
    ["UPDATE audit_log SET request = '{}'::jsonb", /permission denied/],
    ["DELETE FROM audit_log", /permission denied/],
    ["TRUNCATE audit_log", /permission denied/],
    [
      "INSERT INTO audit_chain (seq, audit_id, kind, digest, prev_hash, hash) VALUES (999, 1, 'intent', 'x', 'x', 'x')",
      /permission denied/,
    ],
    ["UPDATE audit_chain_head SET hash = 'x'", /permission denied/],
    ["SELECT audit_chain_append(1, 'outcome', 'x')", /permission denied/],
    ["UPDATE audit_log SET outcome = 'error'", /is final/],
  ])("the runtime role cannot: %s", async (sql, refusal) => {
    await expect(db.query(sql)).rejects.toThrow(refusal);
  });

  it("refuses to log in as one role for both migrating and running", async () => {
    await expect(
      openDb({ engine: "postgres", url: urlFor(OWNER), migrationUrl: urlFor(OWNER), schema: SCHEMA, max: 1 }),
    ).rejects.toThrow(MigrationError);
  });

  it("the server refuses to start while a guard trigger is disabled, with one line", async () => {
    const env = {
      ...process.env,
      CI_SECRET_ID: "emulator-secret-id",
      CI_SECRET_KEY: "emulator-secret-key",
      CI_ENDPOINT: "http://127.0.0.1:9100",
      CI_BUCKET: "examplebucket-1250000000",
      CI_REGION: "ap-beijing",
      DATABASE_URL: urlFor(APP, true),
    };
    const start = () =>
      spawnSync(
        process.execPath,
        [
          "--import",
          "tsx",
          "-e",
          'import("./lib/server/startup-check.ts").then((m) => (m.runStartupChecks ?? m.default.runStartupChecks)()).then(() => console.log("started"))',
        ],
        { env, encoding: "utf8", timeout: 30_000 },
      );
    expect(await auditGuardProblemAtStartup(urlFor(APP, true))).toBeNull();
    expect(start()).toMatchObject({ status: 0, stdout: "started\n" });

    await asSuperuser(`ALTER TABLE ${SCHEMA}.audit_log DISABLE TRIGGER audit_log_guard_rows`);
    try {
      const refused = start();
      expect(refused.status).toBe(1);
      expect(refused.stdout).toBe("");
      expect(refused.stderr.trim()).toBe(
        "Refusing to start: the audit log's trigger audit_log_guard_rows on audit_log is disabled; as the table's owner run ALTER TABLE audit_log ENABLE TRIGGER audit_log_guard_rows",
      );
      // The app's own pool refuses too (the lazy opener stops the process on this error).
      await expect(
        openDb({ engine: "postgres", url: urlFor(APP), migrationUrl: urlFor(OWNER), schema: SCHEMA, max: 1 }),
      ).rejects.toThrow(/audit_log_guard_rows/);
    } finally {
      await asSuperuser(`ALTER TABLE ${SCHEMA}.audit_log ENABLE TRIGGER audit_log_guard_rows`);
    }
  });
});
