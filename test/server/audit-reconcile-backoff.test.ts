/** Rows reconciliation cannot settle rest longer each time, never starve newer rows, and are finally marked as such. */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/db";
import { createAuditLog, type AuditLog, type ReconcileLookup } from "@/lib/server/audit";
import { ReconcileBackoff, UNSETTLED_NOTE_PREFIX } from "@/lib/server/audit-reconcile";
import { engineCases, engineTitle } from "./db-engines";

const ada = { actor: "ada.lovelace@example.com", actorGroups: ["media-ops"] };
const freshBucket = () => `backoff-${randomBytes(4).toString("hex")}-1250000000`;
const MIN = 60_000;

for (const engine of engineCases("reconcile-backoff")) {
  describe.skipIf(engine.skip)(engineTitle("reconcile backoff", engine), () => {
    let db: Db;
    let audit: AuditLog;
    beforeAll(async () => {
      db = await engine.open();
      audit = createAuditLog(db);
    });
    afterAll(async () => {
      await db?.close();
      await engine.dispose();
    });

    it("rests undecided rows (1, 2, 4… min), so a newer row is looked at although older ones never settle", async () => {
      const bucket = freshBucket();
      const stuck: string[] = [];
      for (let i = 0; i < 3; i++) {
        const id = await audit.recordIntent({
          ...ada,
          action: "trigger",
          bucket,
          request: { Name: `stuck-${i}`, Type: "Job" },
        });
        await audit.recordOutcome(id, { outcome: "unknown" });
        stuck.push(id);
      }
      const fresh = await audit.recordIntent({ ...ada, action: "cancel", bucket, jobId: "bjobNew" });
      await audit.recordOutcome(fresh, { outcome: "unknown" });
      const asked: string[] = [];
      const lookup: ReconcileLookup = async (row) => {
        asked.push(row.id);
        return row.action === "cancel" ? { outcome: "success", note: "The job is Cancel" } : null;
      };
      const backoff = new ReconcileBackoff();
      const t0 = Date.now() + 2 * MIN;
      // A pass of 3 rows sees only the stuck ones (oldest first)…
      expect(
        await audit.reconcileUnknown(bucket, lookup, { limit: 3, backoff, now: () => new Date(t0) }),
      ).toMatchObject({ checked: 3, undecided: 3 });
      // …the next pass, a few seconds later, skips them while they rest and reaches the newer row.
      asked.length = 0;
      expect(
        await audit.reconcileUnknown(bucket, lookup, { limit: 3, backoff, now: () => new Date(t0 + 5_000) }),
      ).toMatchObject({ checked: 1, settled: 1 });
      expect(asked).toEqual([fresh]);
      // After a minute they are due again; then they rest two minutes.
      asked.length = 0;
      await audit.reconcileUnknown(bucket, lookup, { limit: 3, backoff, now: () => new Date(t0 + MIN) });
      expect(asked).toEqual(stuck);
      asked.length = 0;
      await audit.reconcileUnknown(bucket, lookup, { limit: 3, backoff, now: () => new Date(t0 + 2 * MIN) });
      expect(asked).toEqual([]);
      await audit.reconcileUnknown(bucket, lookup, { limit: 3, backoff, now: () => new Date(t0 + 3 * MIN) });
      expect(asked).toEqual(stuck);
    });

    it("marks a row 'could not be settled' after the last attempt, persisted, and never asks about it again", async () => {
      const bucket = freshBucket();
      const id = await audit.recordIntent({
        ...ada,
        action: "trigger",
        bucket,
        request: { Name: "twins", Type: "Job" },
      });
      await audit.recordOutcome(id, { outcome: "unknown", errorCode: "Timeout" });
      const backoff = new ReconcileBackoff({ baseMs: 1_000, capMs: 1_000, maxAttempts: 3 });
      const none: ReconcileLookup = async () => null;
      let t = Date.now() + 2 * MIN;
      const reports = [];
      for (let i = 0; i < 4; i++, t += 2_000)
        reports.push(await audit.reconcileUnknown(bucket, none, { backoff, now: () => new Date(t) }));
      expect(reports.map((r) => [r.undecided, r.markedUnknown])).toEqual([
        [1, 0],
        [1, 0],
        [0, 1],
        [0, 0],
      ]);
      const [entry] = (await audit.listAudit({ bucket, limit: 1 })).entries;
      expect(entry).toMatchObject({ id, outcome: "unknown", errorCode: "Timeout" });
      expect(entry!.reconciledAt).not.toBeNull();
      expect(entry!.reconcileNote).toMatch(new RegExp(`^${UNSETTLED_NOTE_PREFIX}: .*\\(3 attempts\\)`));
      // A fresh process (no backoff memory) does not ask about it either: the mark is in the database.
      expect((await audit.reconcileUnknown(bucket, none, { now: () => new Date(t + MIN) })).checked).toBe(0);
    });
  });
}
