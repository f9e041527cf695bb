import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "@/lib/server/db";
import { MigrationError, migrationChecksum, runMigrations } from "@/lib/server/db/migrate";
import { MIGRATIONS, type Migration } from "@/lib/server/db/migrations";
import { createAuditLog } from "@/lib/server/audit";
import { createDurableIdempotencyStore } from "@/lib/server/durable-idempotency";
import { PG_SKIP, PG_URL, dropSchema, engineCases, engineTitle, newSchemaName, tempDir } from "./db-engines";

const LATEST = MIGRATIONS[MIGRATIONS.length - 1]!.version;

for (const engine of engineCases("db")) {
  describe.skipIf(engine.skip)(engineTitle("database", engine), () => {
    let db: Db;
    beforeAll(async () => {
      db = await engine.open();
    });
    afterAll(async () => {
      await db?.close();
      await engine.dispose();
    });

    it("runs every migration once and records it", async () => {
      const rows = await db.query<{ version: number; checksum: string }>(
        "SELECT version, checksum FROM schema_migrations ORDER BY version",
      );
      expect(rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
      expect(rows.map((r) => r.checksum)).toEqual(MIGRATIONS.map(migrationChecksum));
      expect(db.engine).toBe(engine.name);
    });

    it("is idempotent: running the migrations again changes nothing", async () => {
      const report = await runMigrations(db, engine.schema());
      expect(report.applied).toEqual([]);
      expect(report.alreadyApplied).toEqual(MIGRATIONS.map((m) => m.version));
    });

    it("is safe when two runs start at once on one database", async () => {
      const [a, b] = await Promise.all([runMigrations(db, engine.schema()), runMigrations(db, engine.schema())]);
      expect(a.applied.concat(b.applied)).toEqual([]);
      const count = await db.query<{ n: string | number }>("SELECT count(*) AS n FROM schema_migrations");
      expect(Number(count[0]!.n)).toBe(MIGRATIONS.length);
    });

    it("applies a new migration after the released ones, in one transaction with its bookkeeping", async () => {
      const extra: Migration = { version: LATEST + 1, name: "probe", statements: ["CREATE TABLE probe_table (x int)"] };
      const report = await runMigrations(db, engine.schema(), [...MIGRATIONS, extra]);
      expect(report.applied).toEqual([LATEST + 1]);
      await db.query("INSERT INTO probe_table (x) VALUES ($1)", [7]);
      expect(await db.query("SELECT x FROM probe_table")).toEqual([{ x: 7 }]);

      // A failing migration leaves neither its table nor its version behind.
      const broken: Migration = {
        version: LATEST + 2,
        name: "broken",
        statements: ["CREATE TABLE broken_table (x int)", "SELECT no_such_function()"],
      };
      await expect(runMigrations(db, engine.schema(), [...MIGRATIONS, extra, broken])).rejects.toThrow();
      const versions = await db.query<{ version: number }>("SELECT version FROM schema_migrations WHERE version > $1", [
        LATEST,
      ]);
      expect(versions.map((v) => Number(v.version))).toEqual([LATEST + 1]);
      await expect(db.query("SELECT * FROM broken_table")).rejects.toThrow(/broken_table/);
    });

    it("refuses to start when a released migration was edited", async () => {
      const edited = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, statements: [...m.statements, "SELECT 1"] } : m));
      await expect(runMigrations(db, engine.schema(), edited)).rejects.toBeInstanceOf(MigrationError);
    });

    it("passes parameters of every type the stores use, the same way on both engines", async () => {
      const [row] = await db.query<{ a: string[]; j: unknown; t: Date; n: string; b: boolean }>(
        "SELECT $1::text[] AS a, $2::jsonb AS j, $3::timestamptz AS t, $4::bigint::text AS n, $5::boolean AS b",
        [
          ["x", "y,z", 'q"uote'],
          JSON.stringify({ k: [1, "two"] }),
          "2026-01-02T03:04:05.678Z",
          "9007199254740993",
          true,
        ],
      );
      expect(row!.a).toEqual(["x", "y,z", 'q"uote']);
      expect(row!.j).toEqual({ k: [1, "two"] });
      expect(new Date(row!.t).toISOString()).toBe("2026-01-02T03:04:05.678Z");
      expect(row!.n).toBe("9007199254740993");
      expect(row!.b).toBe(true);
    });

    it("rolls a transaction back when its function throws", async () => {
      await db.query("CREATE TABLE IF NOT EXISTS tx_probe (x int)");
      await expect(
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO tx_probe (x) VALUES (1)");
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect(await db.query("SELECT x FROM tx_probe")).toEqual([]);
      await db.transaction((tx) => tx.query("INSERT INTO tx_probe (x) VALUES (2)"));
      expect(await db.query("SELECT x FROM tx_probe")).toEqual([{ x: 2 }]);
    });
  });
}

// Creating a PGlite cluster on disk runs initdb in WebAssembly: seconds, more on a busy machine.
describe("PGlite in a DATA_DIR", { timeout: 90_000 }, () => {
  const dir = tempDir("pglite");
  afterAll(() => dir.remove());

  it("keeps audit rows and idempotency answers across a restart", async () => {
    let db = await openDb({ engine: "pglite", dataDir: dir.path });
    const id = await createAuditLog(db).recordIntent({
      actor: "ada@example.com",
      actorGroups: ["ops"],
      action: "trigger",
      bucket: "b-1",
      request: { Name: "n" },
    });
    await createAuditLog(db).recordOutcome(id, { outcome: "success", jobId: "bjob1" });
    const claim = await createDurableIdempotencyStore(db).begin("ada|b-1", "key-restart-1", "fp");
    if (claim.kind !== "fresh") throw new Error("expected fresh");
    await claim.complete({ status: 201, body: { job: "bjob1" } }, true);
    await db.close();
    expect(existsSync(join(dir.path, "pglite.lock"))).toBe(false); // released on close

    db = await openDb({ engine: "pglite", dataDir: dir.path });
    try {
      const page = await createAuditLog(db).listAudit({ limit: 10 });
      expect(page.entries).toHaveLength(1);
      expect(page.entries[0]).toMatchObject({
        id,
        actor: "ada@example.com",
        outcome: "success",
        jobId: "bjob1",
        request: { Name: "n" },
      });
      expect(await createDurableIdempotencyStore(db).begin("ada|b-1", "key-restart-1", "fp")).toEqual({
        kind: "replay",
        answer: { status: 201, body: { job: "bjob1" } },
      });
      const report = await runMigrations(db);
      expect(report.applied).toEqual([]); // the reopened database is already up to date
    } finally {
      await db.close();
    }
  });

  it("refuses a second opening of the same DATA_DIR, in this process or another live one", async () => {
    const db = await openDb({ engine: "pglite", dataDir: dir.path });
    try {
      await expect(openDb({ engine: "pglite", dataDir: dir.path })).rejects.toThrow(/already open in this process/);
    } finally {
      await db.close();
    }
    // A lock held by another live process (our parent stands in for it).
    writeFileSync(join(dir.path, "pglite.lock"), String(process.ppid));
    await expect(openDb({ engine: "pglite", dataDir: dir.path })).rejects.toThrow(/in use by process .*DATABASE_URL/);
  });

  it("takes over a lock left by a process that is gone", async () => {
    const child = spawn(process.execPath, ["-e", ""]);
    const deadPid = child.pid!;
    await new Promise((r) => child.on("exit", r));
    writeFileSync(join(dir.path, "pglite.lock"), String(deadPid));
    const db = await openDb({ engine: "pglite", dataDir: dir.path });
    try {
      expect(readFileSync(join(dir.path, "pglite.lock"), "utf8")).toBe(String(process.pid));
      expect((await createAuditLog(db).listAudit({ limit: 5 })).entries).toHaveLength(1);
    } finally {
      await db.close();
    }
  });
});

describe.skipIf(!PG_URL)(
  `PostgreSQL: several instances starting together${PG_URL ? "" : ` (${PG_SKIP})`}`,
  { timeout: 60_000 },
  () => {
    const schema = newSchemaName("dbrace");
    afterAll(() => dropSchema(schema));

    it("migrates a fresh schema exactly once when five instances start at the same moment", async () => {
      const dbs = await Promise.all(
        Array.from({ length: 5 }, () => openDb({ engine: "postgres", url: PG_URL!, schema, max: 2 })),
      );
      try {
        const rows = await dbs[0]!.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
        expect(rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
        // Every instance can use the tables it did or did not create.
        const ids = await Promise.all(
          dbs.map((d, i) =>
            createAuditLog(d).recordIntent({
              actor: `u${i}@example.com`,
              actorGroups: [],
              action: "cancel",
              bucket: "race-1",
              jobId: `j${i}`,
            }),
          ),
        );
        expect(new Set(ids).size).toBe(5);
      } finally {
        await Promise.all(dbs.map((d) => d.close()));
      }
    });
  },
);
