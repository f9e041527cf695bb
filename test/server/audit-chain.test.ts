import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditLog, type AuditLog } from "@/lib/server/audit";
import { chainEventHash } from "@/lib/server/audit-chain";
import type { Db } from "@/lib/server/db";
import { AuditGuardError, assertAuditGuard } from "@/lib/server/db/audit-guard";
import { engineCases, engineTitle } from "./db-engines";

const ada = { actor: "ada.lovelace@example.com", actorGroups: ["media-ops"] };
const bucket = () => `chain-${randomBytes(4).toString("hex")}-1250000000`;

/** As the table owner / superuser, behind the triggers' back (what an insider with the owner's password could do). */
async function editBehindTriggers(db: Db, sql: string, params: unknown[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query("ALTER TABLE audit_log DISABLE TRIGGER USER");
    await tx.query("ALTER TABLE audit_chain DISABLE TRIGGER USER");
    await tx.query(sql, params);
    await tx.query("ALTER TABLE audit_log ENABLE TRIGGER USER");
    await tx.query("ALTER TABLE audit_chain ENABLE TRIGGER USER");
  });
}

for (const engine of engineCases("chain")) {
  describe.skipIf(engine.skip)(engineTitle("audit hash chain", engine), () => {
    let db: Db;
    let audit: AuditLog;
    let settledId: string;
    beforeAll(async () => {
      db = await engine.open();
      audit = createAuditLog(db);
    });
    afterAll(async () => {
      await db?.close();
      await engine.dispose();
    });

    it("chains every intent and every settled outcome; the chain verifies", async () => {
      const b = bucket();
      settledId = await audit.recordIntent({ ...ada, action: "trigger", bucket: b, request: { Name: "a" } });
      await audit.recordOutcome(settledId, { outcome: "success", jobId: "bjob1", ciRequestId: "req-1" });
      const cancel = await audit.recordIntent({ ...ada, action: "cancel", bucket: b, jobId: "bjob1" });
      await audit.recordOutcome(cancel, { outcome: "unknown" });
      await audit.recordIntent({ ...ada, action: "trigger", bucket: b }); // stays pending
      const report = await audit.verifyChain();
      expect(report).toMatchObject({ intact: true, rows: 3, events: 5 });
      expect(report.headHash).toMatch(/^[0-9a-f]{64}$/);

      // The database and this process compute the same event hash (one definition on each side).
      const [e] = await db.query<{
        seq: string;
        audit_id: string;
        kind: string;
        digest: string;
        prev_hash: string;
        hash: string;
      }>(
        "SELECT seq::text AS seq, audit_id::text AS audit_id, kind, digest, prev_hash, hash FROM audit_chain ORDER BY audit_chain.seq DESC LIMIT 1",
      );
      expect(chainEventHash(e!.prev_hash, e!.seq, e!.kind, e!.audit_id, e!.digest)).toBe(e!.hash);
      expect(report.headHash).toBe(e!.hash);
    });

    it("concurrent writers never fork the chain", async () => {
      const b = bucket();
      const others = engine.name === "postgres" ? [await engine.openAnother(), await engine.openAnother()] : [db];
      try {
        await Promise.all(
          others.flatMap((handle) =>
            Array.from({ length: 15 }, async (_, i) => {
              const log = createAuditLog(handle);
              const id = await log.recordIntent({ ...ada, action: "trigger", bucket: b, request: { i } });
              await log.recordOutcome(id, { outcome: i % 2 ? "success" : "error", jobId: `bjob-${id}` });
            }),
          ),
        );
        const [{ n, max } = { n: "0", max: "0" }] = await db.query<{ n: string; max: string }>(
          "SELECT count(*)::text AS n, max(seq)::text AS max FROM audit_chain",
        );
        expect(n).toBe(max); // seq 1…n without a gap or a duplicate
        expect(await audit.verifyChain()).toMatchObject({ intact: true });
      } finally {
        if (engine.name === "postgres") await Promise.all(others.map((o) => o.close()));
      }
    });

    it("an edited row breaks the chain at that row (and only there)", async () => {
      const [{ actor } = { actor: "" }] = await db.query<{ actor: string }>(
        "SELECT actor FROM audit_log WHERE id = $1::bigint",
        [settledId],
      );
      await editBehindTriggers(db, "UPDATE audit_log SET actor = 'mallory@example.com' WHERE id = $1::bigint", [
        settledId,
      ]);
      expect(await audit.verifyChain()).toMatchObject({
        intact: false,
        brokenAt: { rowId: settledId, reason: "who, what or when was changed" },
      });
      await editBehindTriggers(db, "UPDATE audit_log SET actor = $2 WHERE id = $1::bigint", [settledId, actor]);
      expect((await audit.verifyChain()).intact).toBe(true);

      await editBehindTriggers(
        db,
        "UPDATE audit_log SET outcome = 'error', error_code = 'Forged' WHERE id = $1::bigint",
        [settledId],
      );
      expect(await audit.verifyChain()).toMatchObject({
        intact: false,
        brokenAt: { rowId: settledId, reason: "the outcome was changed" },
      });
      await editBehindTriggers(
        db,
        "UPDATE audit_log SET outcome = 'success', error_code = NULL WHERE id = $1::bigint",
        [settledId],
      );
      expect((await audit.verifyChain()).intact).toBe(true);
    });

    it("an edited chain event breaks the chain at its row", async () => {
      const [ev] = await db.query<{ seq: string; digest: string }>(
        "SELECT seq::text AS seq, digest FROM audit_chain WHERE audit_id = $1::bigint AND kind = 'intent'",
        [settledId],
      );
      await editBehindTriggers(db, "UPDATE audit_chain SET digest = repeat('f', 64) WHERE seq = $1::bigint", [ev!.seq]);
      expect(await audit.verifyChain()).toMatchObject({ intact: false, brokenAt: { rowId: settledId } });
      await editBehindTriggers(db, "UPDATE audit_chain SET digest = $2 WHERE seq = $1::bigint", [ev!.seq, ev!.digest]);
      expect((await audit.verifyChain()).intact).toBe(true);
    });

    it("the guard check refuses a database whose audit triggers are disabled, naming the trigger", async () => {
      await expect(assertAuditGuard(db)).resolves.toBeUndefined();
      await db.query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_guard_rows");
      try {
        await expect(assertAuditGuard(db)).rejects.toThrow(AuditGuardError);
        await expect(assertAuditGuard(db)).rejects.toThrow(
          /^Refusing to start: the audit log's trigger audit_log_guard_rows on audit_log is disabled;[^\n]+$/,
        );
        if (engine.name === "postgres") await expect(engine.openAnother()).rejects.toThrow(AuditGuardError);
      } finally {
        await db.query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_guard_rows");
      }
      await expect(assertAuditGuard(db)).resolves.toBeUndefined();
    });
  });
}
