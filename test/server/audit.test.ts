import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/db";
import {
  createAuditLog,
  verdictForCancel,
  verdictForTrigger,
  type AuditLog,
  type CandidateJob,
  type ReconcileLookup,
} from "@/lib/server/audit";
import { ApiProblem } from "@/lib/server/problem";
import { engineCases, engineTitle } from "./db-engines";

const ada = { actor: "ada.lovelace@example.com", actorGroups: ["media-ops"] };
const bob = { actor: "bob.builder@example.com", actorGroups: ["media-ops", "leads"] };
const triggerRequest = (name: string) => ({
  Name: name,
  Type: "Job",
  Input: { Object: "in/a.mp4" },
  Operation: { Tag: "Transcode", TemplateId: "t0001" },
});
/** Each test works in its own bucket, so the tests share one database without seeing each other's rows. */
const freshBucket = () => `audit-${randomBytes(4).toString("hex")}-1250000000`;
const later = (ms: number) => () => new Date(Date.now() + ms);

for (const engine of engineCases("audit")) {
  describe.skipIf(engine.skip)(engineTitle("audit log", engine), () => {
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

    it("records an intent before CI is called and completes it with the outcome", async () => {
      const bucket = freshBucket();
      const id = await audit.recordIntent({
        ...ada,
        action: "trigger",
        bucket,
        request: triggerRequest("clip"),
        idempotencyKey: "key-0001",
      });
      expect(id).toMatch(/^\d+$/);
      let [entry] = (await audit.listAudit({ bucket, limit: 10 })).entries;
      expect(entry).toMatchObject({
        id,
        actor: ada.actor,
        actorGroups: ["media-ops"],
        action: "trigger",
        bucket,
        outcome: "pending",
        jobId: null,
        finishedAt: null,
        idempotencyKey: "key-0001",
      });
      expect(entry!.request).toEqual(triggerRequest("clip"));
      expect(Date.now() - Date.parse(entry!.at)).toBeLessThan(60_000);

      expect(await audit.recordOutcome(id, { outcome: "success", jobId: "bjobA1", ciRequestId: "NjQ-req-1" })).toBe(
        true,
      );
      [entry] = (await audit.listAudit({ bucket, limit: 10 })).entries;
      expect(entry).toMatchObject({ outcome: "success", jobId: "bjobA1", ciRequestId: "NjQ-req-1", errorCode: null });
      expect(Date.parse(entry!.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(entry!.at));
      // The first word stands: a second outcome is not recorded.
      expect(await audit.recordOutcome(id, { outcome: "error", errorCode: "X" })).toBe(false);
      expect((await audit.listAudit({ bucket, limit: 10 })).entries[0]!.outcome).toBe("success");
    });

    it("records a CI refusal with CI's code, message and RequestId", async () => {
      const bucket = freshBucket();
      const id = await audit.recordIntent({ ...bob, action: "cancel", bucket, jobId: "bjobB1" });
      await audit.recordOutcome(id, {
        outcome: "error",
        ciRequestId: "NjQ-req-2",
        errorCode: "InvalidArgument",
        errorMessage: "The job is finished",
      });
      const [entry] = (await audit.listAudit({ bucket, limit: 10 })).entries;
      expect(entry).toMatchObject({
        action: "cancel",
        jobId: "bjobB1",
        outcome: "error",
        errorCode: "InvalidArgument",
        errorMessage: "The job is finished",
        ciRequestId: "NjQ-req-2",
      });
    });

    it("stores the request without credentials", async () => {
      const bucket = freshBucket();
      const request = {
        ...triggerRequest("cb"),
        Operation: {
          Tag: "Transcode",
          CallBack: "https://hooks.example.com/ci?token=abc123&job=1",
          SecretKey: "s3cr3t",
        },
      };
      await audit.recordIntent({ ...ada, action: "trigger", bucket, request });
      const stored = JSON.stringify((await audit.listAudit({ bucket, limit: 1 })).entries[0]!.request);
      expect(stored).not.toContain("abc123");
      expect(stored).not.toContain("s3cr3t");
      expect(stored).toContain("job=1");
      expect(stored).toContain("[redacted]");
    });

    it("keeps finished rows immutable: no UPDATE of a final row, no DELETE or TRUNCATE at all", async () => {
      const bucket = freshBucket();
      const done = await audit.recordIntent({ ...ada, action: "trigger", bucket, request: triggerRequest("imm") });
      await audit.recordOutcome(done, { outcome: "success", jobId: "bjobI1" });
      const open = await audit.recordIntent({ ...bob, action: "cancel", bucket, jobId: "bjobI1" });

      await expect(db.query("UPDATE audit_log SET outcome = 'error' WHERE id = $1", [done])).rejects.toThrow(/final/);
      await expect(
        db.query("UPDATE audit_log SET actor = 'mallory@example.com' WHERE id = $1", [done]),
      ).rejects.toThrow(/final/);
      await expect(db.query("UPDATE audit_log SET error_message = 'x' WHERE id = $1", [done])).rejects.toThrow(/final/);
      await expect(db.query("DELETE FROM audit_log WHERE id = $1", [done])).rejects.toThrow(/append-only/);
      await expect(db.query("DELETE FROM audit_log WHERE id = $1", [open])).rejects.toThrow(/append-only/);
      await expect(db.query("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
      // Even an open row keeps who, what and when.
      await expect(
        db.query("UPDATE audit_log SET actor = 'mallory@example.com' WHERE id = $1", [open]),
      ).rejects.toThrow(/never change/);
      await expect(db.query("UPDATE audit_log SET job_id = 'other' WHERE id = $1", [open])).rejects.toThrow(
        /never change/,
      );

      const entries = (await audit.listAudit({ bucket, limit: 10 })).entries;
      expect(entries.map((e) => [e.id, e.actor, e.outcome])).toEqual([
        [open, bob.actor, "pending"],
        [done, ada.actor, "success"],
      ]);
    });

    it("pages newest first with a stable keyset cursor, even while rows arrive", async () => {
      const bucket = freshBucket();
      const ids: string[] = [];
      for (let i = 0; i < 25; i++)
        ids.push(
          await audit.recordIntent({
            ...(i % 2 ? bob : ada),
            action: i % 3 ? "trigger" : "cancel",
            bucket,
            jobId: `bjobP${i}`,
          }),
        );
      const newestFirst = [...ids].reverse();

      const first = await audit.listAudit({ bucket, limit: 10 });
      expect(first.entries.map((e) => e.id)).toEqual(newestFirst.slice(0, 10));
      expect(first.nextCursor).toEqual(expect.any(String));
      // A row written between two page loads lands on page one, not in the middle of the next pages.
      const late = await audit.recordIntent({ ...ada, action: "trigger", bucket });
      const second = await audit.listAudit({ bucket, limit: 10, cursor: first.nextCursor! });
      const third = await audit.listAudit({ bucket, limit: 10, cursor: second.nextCursor! });
      expect(second.entries.map((e) => e.id)).toEqual(newestFirst.slice(10, 20));
      expect(third.entries.map((e) => e.id)).toEqual(newestFirst.slice(20));
      expect(third.nextCursor).toBeNull();
      expect((await audit.listAudit({ bucket, limit: 1 })).entries[0]!.id).toBe(late);
      // Exactly full last page: no empty page after it.
      const all = await audit.listAudit({ bucket, limit: 26 });
      expect(all.entries).toHaveLength(26);
      expect(all.nextCursor).toBeNull();
    });

    it("filters by actor (case-insensitive part), action, outcome, job, and time range", async () => {
      const bucket = freshBucket();
      const a1 = await audit.recordIntent({ ...ada, action: "trigger", bucket });
      await audit.recordOutcome(a1, { outcome: "success", jobId: "bjobF1" });
      const b1 = await audit.recordIntent({ ...bob, action: "cancel", bucket, jobId: "bjobF1" });
      await audit.recordOutcome(b1, { outcome: "error", errorCode: "InvalidArgument" });
      const pivot = (await audit.listAudit({ bucket, limit: 1 })).entries[0]!.at;
      await new Promise((r) => setTimeout(r, 15));
      const a2 = await audit.recordIntent({ ...ada, action: "cancel", bucket, jobId: "bjobF1" });
      // LIKE wildcards in the filter are literal characters, not patterns.
      await audit.recordIntent({ actor: "under_score@example.com", actorGroups: [], action: "trigger", bucket });

      const ids = async (f: Partial<Parameters<AuditLog["listAudit"]>[0]>) =>
        (await audit.listAudit({ bucket, limit: 50, ...f })).entries.map((e) => e.id);
      expect(await ids({ actor: "ADA.LOVE" })).toEqual([a2, a1]);
      expect(await ids({ actor: "bob" })).toEqual([b1]);
      expect((await ids({ actor: "r_s" })).length).toBe(1);
      expect(await ids({ actor: "%" })).toEqual([]);
      expect(await ids({ action: "cancel" })).toEqual([a2, b1]);
      expect(await ids({ outcome: "error" })).toEqual([b1]);
      expect(await ids({ outcome: "success", action: "trigger" })).toEqual([a1]);
      expect(await ids({ jobId: "bjobF1" })).toEqual([a2, b1, a1]);
      expect(await ids({ to: new Date(pivot) })).toEqual([a1]); // `to` is exclusive
      expect(await ids({ from: new Date(pivot), to: new Date(Date.parse(pivot) + 1) })).toEqual([b1]);
      expect((await ids({ from: new Date(Date.now() + 60_000) })).length).toBe(0);
    });

    it("refuses a cursor it did not give", async () => {
      await expect(audit.listAudit({ limit: 5, cursor: "not-a-cursor" })).rejects.toBeInstanceOf(ApiProblem);
      await expect(
        audit.listAudit({ limit: 5, cursor: Buffer.from("2026-01-01T00:00:00Z|1 OR 1=1").toString("base64url") }),
      ).rejects.toBeInstanceOf(ApiProblem);
    });

    it("answers who triggered which jobs, a job's history, and a person's jobs", async () => {
      const bucket = freshBucket();
      const t1 = await audit.recordIntent({ ...ada, action: "trigger", bucket, request: triggerRequest("h1") });
      await audit.recordOutcome(t1, { outcome: "success", jobId: "bjobH1" });
      const t2 = await audit.recordIntent({ ...bob, action: "trigger", bucket, request: triggerRequest("h2") });
      await audit.recordOutcome(t2, { outcome: "success", jobId: "bjobH2" });
      const t3 = await audit.recordIntent({ ...ada, action: "trigger", bucket, request: triggerRequest("h3") });
      await audit.recordOutcome(t3, { outcome: "error", errorCode: "InvalidArgument" });
      const c1 = await audit.recordIntent({ ...bob, action: "cancel", bucket, jobId: "bjobH1" });
      await audit.recordOutcome(c1, { outcome: "error", errorCode: "Timeout" });
      const c2 = await audit.recordIntent({ ...bob, action: "cancel", bucket, jobId: "bjobH1" });
      await audit.recordOutcome(c2, { outcome: "success", ciRequestId: "r-c2" });

      const by = await audit.triggeredBy(bucket, ["bjobH1", "bjobH2", "bjobNope"]);
      expect(Object.keys(by).sort()).toEqual(["bjobH1", "bjobH2"]);
      expect(by.bjobH1!.actor).toBe(ada.actor);
      expect(by.bjobH2!.actor).toBe(bob.actor);
      expect(await audit.triggeredBy("another-bucket-1", ["bjobH1"])).toEqual({});
      expect(await audit.triggeredBy(bucket, [])).toEqual({});

      const history = await audit.jobHistory(bucket, "bjobH1");
      expect(history.triggeredBy?.actor).toBe(ada.actor);
      expect(history.cancelledBy?.actor).toBe(bob.actor);
      expect(history.cancelledBy?.at).toBe(history.entries.find((e) => e.id === c2)!.at);
      expect(history.entries.map((e) => e.id)).toEqual([t1, c1, c2]);
      expect((await audit.jobHistory(bucket, "bjobH2")).cancelledBy).toBeNull();

      expect(await audit.jobIdsTriggeredBy(ada.actor, bucket, 10)).toEqual(["bjobH1"]);
      expect(await audit.jobIdsTriggeredBy(bob.actor, bucket, 10)).toEqual(["bjobH2"]);
      expect(await audit.jobIdsTriggeredBy(ada.actor, "another-bucket-1", 10)).toEqual([]);
    });

    describe("reconciling rows whose outcome nobody knows", () => {
      const jobAt = (jobId: string, name: string, at: Date): CandidateJob => ({
        jobId,
        name,
        type: "Job",
        tag: "Transcode",
        creationTime: at,
      });

      it("settles a lost trigger answer to the one matching job, and then the row is final", async () => {
        const bucket = freshBucket();
        const id = await audit.recordIntent({
          ...ada,
          action: "trigger",
          bucket,
          request: triggerRequest("lost-answer"),
          idempotencyKey: "key-lost-1",
        });
        await audit.recordOutcome(id, {
          outcome: "unknown",
          errorCode: "Timeout",
          errorMessage: "No answer within 10 s",
        });
        const created = new Date(Date.now() + 2_000);
        const lookup: ReconcileLookup = async (row, ctx) =>
          verdictForTrigger(
            row,
            [jobAt("bjobOther", "someone-else", created), jobAt("bjobR1", "lost-answer", created)],
            ctx,
          );

        // Too young: not looked at yet.
        expect(await audit.reconcileUnknown(bucket, lookup)).toMatchObject({ checked: 0, settled: 0 });
        const report = await audit.reconcileUnknown(bucket, lookup, { now: later(2 * 60_000) });
        expect(report).toMatchObject({ checked: 1, settled: 1, failed: 0 });
        const [entry] = (await audit.listAudit({ bucket, limit: 5 })).entries;
        expect(entry).toMatchObject({
          id,
          outcome: "success",
          jobId: "bjobR1",
          errorCode: "Timeout",
          errorMessage: "No answer within 10 s",
        });
        expect(entry!.reconciledAt).not.toBeNull();
        expect(entry!.reconcileNote).toContain("bjobR1");
        expect((await audit.triggeredBy(bucket, ["bjobR1"])).bjobR1?.actor).toBe(ada.actor);
        await expect(db.query("UPDATE audit_log SET outcome = 'error' WHERE id = $1", [id])).rejects.toThrow(/final/);
        // Settled rows are not looked at again.
        expect((await audit.reconcileUnknown(bucket, lookup, { now: later(3 * 60_000) })).checked).toBe(0);
      });

      it("settles an intent without any outcome (the server stopped) — a cancel, from the job's state", async () => {
        const bucket = freshBucket();
        const cancelled = await audit.recordIntent({ ...bob, action: "cancel", bucket, jobId: "bjobC1" });
        const stillRunning = await audit.recordIntent({ ...bob, action: "cancel", bucket, jobId: "bjobC2" });
        const states: Record<string, string> = { bjobC1: "Cancel", bjobC2: "Running" };
        const report = await audit.reconcileUnknown(bucket, async (row) => verdictForCancel(states[row.jobId!]), {
          now: later(90_000),
        });
        expect(report).toMatchObject({ checked: 2, settled: 2 });
        const byId = Object.fromEntries((await audit.listAudit({ bucket, limit: 5 })).entries.map((e) => [e.id, e]));
        expect(byId[cancelled]).toMatchObject({ outcome: "success", jobId: "bjobC1" });
        expect(byId[cancelled]!.finishedAt).not.toBeNull();
        expect(byId[stillRunning]).toMatchObject({ outcome: "error" });
        expect(byId[stillRunning]!.reconcileNote).toMatch(/still Running/);
        expect((await audit.jobHistory(bucket, "bjobC1")).cancelledBy?.actor).toBe(bob.actor);
      });

      it("says a trigger created nothing once the window has closed with no matching job", async () => {
        const bucket = freshBucket();
        const id = await audit.recordIntent({
          ...ada,
          action: "trigger",
          bucket,
          request: triggerRequest("never-made"),
        });
        await audit.recordOutcome(id, { outcome: "unknown", errorCode: "ConnectionReset" });
        const lookup: ReconcileLookup = async (row, ctx) => verdictForTrigger(row, [], ctx);
        expect(await audit.reconcileUnknown(bucket, lookup, { now: later(2 * 60_000) })).toMatchObject({
          checked: 1,
          settled: 0,
          undecided: 1,
        });
        expect(await audit.reconcileUnknown(bucket, lookup, { now: later(11 * 60_000) })).toMatchObject({ settled: 1 });
        expect((await audit.listAudit({ bucket, limit: 1 })).entries[0]).toMatchObject({
          outcome: "error",
          jobId: null,
        });
      });

      it("never gives one job to two people, and leaves ambiguous or failed lookups for later", async () => {
        const bucket = freshBucket();
        const created = new Date(Date.now() + 1_000);
        const owner = await audit.recordIntent({ ...bob, action: "trigger", bucket, request: triggerRequest("same") });
        await audit.recordOutcome(owner, { outcome: "success", jobId: "bjobS1" });
        const lostA = await audit.recordIntent({ ...ada, action: "trigger", bucket, request: triggerRequest("same") });
        await audit.recordOutcome(lostA, { outcome: "unknown" });
        const candidates = [jobAt("bjobS1", "same", created), jobAt("bjobS2", "same", created)];
        const lookup: ReconcileLookup = async (row, ctx) => verdictForTrigger(row, candidates, ctx);
        await audit.reconcileUnknown(bucket, lookup, { now: later(2 * 60_000) });
        expect((await audit.jobHistory(bucket, "bjobS2")).triggeredBy?.actor).toBe(ada.actor); // S1 was Bob's

        const lostB = await audit.recordIntent({ ...ada, action: "trigger", bucket, request: triggerRequest("twins") });
        await audit.recordOutcome(lostB, { outcome: "unknown" });
        const twins = [jobAt("bjobT1", "twins", created), jobAt("bjobT2", "twins", created)];
        const ambiguous: ReconcileLookup = async (row, ctx) => verdictForTrigger(row, twins, ctx);
        expect(await audit.reconcileUnknown(bucket, ambiguous, { now: later(2 * 60_000) })).toMatchObject({
          checked: 1,
          settled: 0,
          undecided: 1,
        });

        const failing: ReconcileLookup = async () => {
          throw new Error("CI unreachable");
        };
        expect(await audit.reconcileUnknown(bucket, failing, { now: later(2 * 60_000) })).toMatchObject({
          checked: 1,
          failed: 1,
        });
        expect((await audit.listAudit({ bucket, limit: 1 })).entries[0]).toMatchObject({
          id: lostB,
          outcome: "unknown",
          jobId: null,
        });
      });

      it("marks a pending row unknown for good after a day without a verdict", async () => {
        const bucket = freshBucket();
        const id = await audit.recordIntent({ ...ada, action: "trigger", bucket, request: { Name: "no-type" } });
        const none: ReconcileLookup = async () => null;
        expect(await audit.reconcileUnknown(bucket, none, { now: later(2 * 60_000) })).toMatchObject({
          undecided: 1,
          markedUnknown: 0,
        });
        expect(await audit.reconcileUnknown(bucket, none, { now: later(25 * 3_600_000) })).toMatchObject({
          markedUnknown: 1,
        });
        const [entry] = (await audit.listAudit({ bucket, limit: 1 })).entries;
        expect(entry).toMatchObject({ id, outcome: "unknown" });
        expect(entry!.finishedAt).not.toBeNull();
        // An unknown row keeps what it recorded: only reconciliation may settle it.
        await expect(db.query("UPDATE audit_log SET error_code = 'X' WHERE id = $1", [id])).rejects.toThrow(
          /reconciliation/,
        );
        await expect(db.query("UPDATE audit_log SET outcome = 'pending' WHERE id = $1", [id])).rejects.toThrow(
          /pending/,
        );
      });
    });
  });
}
