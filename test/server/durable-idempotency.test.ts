import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import type { Db } from "@/lib/server/db";
import { createDurableIdempotencyStore } from "@/lib/server/durable-idempotency";
import type { IdempotencyResult, IdempotencyStore } from "@/lib/server/idempotency";
import { PG_SKIP, PG_URL, dropSchema, engineCases, engineTitle, newSchemaName } from "./db-engines";

const key = () => `key-${randomBytes(6).toString("hex")}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function expectFresh(r: IdempotencyResult): Extract<IdempotencyResult, { kind: "fresh" }> {
  if (r.kind !== "fresh") throw new Error(`expected fresh, got ${r.kind}`);
  return r;
}

describe("durable idempotency store: interface", () => {
  it("has exactly the in-memory store's interface, so the runtime can use either", () => {
    expectTypeOf(createDurableIdempotencyStore).returns.toMatchTypeOf<IdempotencyStore>();
    expectTypeOf<ReturnType<typeof createDurableIdempotencyStore>["begin"]>().toEqualTypeOf<
      IdempotencyStore["begin"]
    >();
  });
});

for (const engine of engineCases("idem")) {
  describe.skipIf(engine.skip)(engineTitle("durable idempotency store", engine), () => {
    let db: Db;
    beforeAll(async () => {
      db = await engine.open();
    });
    afterAll(async () => {
      await db?.close();
      await engine.dispose();
    });

    it("replays a remembered answer for the same key and body", async () => {
      const store = createDurableIdempotencyStore(db);
      const k = key();
      const first = expectFresh(await store.begin("alice|b", k, "fp1"));
      expect(store.size).toBe(1);
      await first.complete({ status: 201, body: { job: { JobId: "j1" } } }, true);
      expect(store.size).toBe(0);
      expect(await store.begin("alice|b", k, "fp1")).toEqual({
        kind: "replay",
        answer: { status: 201, body: { job: { JobId: "j1" } } },
      });
      // Another instance (a second store on the same database) sees the same answer.
      expect(await createDurableIdempotencyStore(db).begin("alice|b", k, "fp1")).toMatchObject({ kind: "replay" });
    });

    it("refuses the same key with a different body, also while the first is in flight", async () => {
      const store = createDurableIdempotencyStore(db);
      const k = key();
      const first = expectFresh(await store.begin("alice|b", k, "fp1"));
      expect((await store.begin("alice|b", k, "fp2")).kind).toBe("mismatch");
      await first.complete({ status: 201, body: {} }, true);
      expect((await store.begin("alice|b", k, "fp2")).kind).toBe("mismatch");
    });

    it("scopes keys per user and bucket", async () => {
      const store = createDurableIdempotencyStore(db);
      const k = key();
      await expectFresh(await store.begin("alice|b", k, "fp1")).complete({ status: 201, body: {} }, true);
      expect((await store.begin("bob|b", k, "fp1")).kind).toBe("fresh");
      expect((await store.begin("alice|other", k, "fp1")).kind).toBe("fresh");
    });

    it("makes a concurrent duplicate wait for the first and then replay it", async () => {
      const store = createDurableIdempotencyStore(db);
      const k = key();
      const first = expectFresh(await store.begin("u", k, "fp"));
      let secondDone = false;
      const second = store.begin("u", k, "fp").then((r) => {
        secondDone = true;
        return r;
      });
      await sleep(150);
      expect(secondDone).toBe(false);
      const started = Date.now();
      first.complete({ status: 201, body: { id: "b1" } }, true); // not awaited, as the lead's code may do
      expect(await second).toEqual({ kind: "replay", answer: { status: 201, body: { id: "b1" } } });
      expect(Date.now() - started).toBeLessThan(1_000); // woken, not left to a long poll
    });

    it("lets only one of many simultaneous duplicates from two instances through", async () => {
      const a = createDurableIdempotencyStore(db, { pollMs: { min: 5, max: 50 } });
      const b = createDurableIdempotencyStore(db, { pollMs: { min: 5, max: 50 } });
      const k = key();
      let calls = 0;
      const results = await Promise.all(
        Array.from({ length: 12 }, async (_, i) => {
          const r = await (i % 2 ? a : b).begin("u", k, "fp");
          if (r.kind === "fresh") {
            calls++;
            await sleep(100);
            await r.complete({ status: 201, body: { n: calls } }, true);
            return { status: 201, body: { n: calls } };
          }
          return r.kind === "replay" ? r.answer : null;
        }),
      );
      expect(calls).toBe(1);
      expect(results).toEqual(Array.from({ length: 12 }, () => ({ status: 201, body: { n: 1 } })));
    });

    it("frees the key after a definite refusal so a corrected retry goes through", async () => {
      const store = createDurableIdempotencyStore(db);
      const k = key();
      const first = expectFresh(await store.begin("u", k, "fp"));
      const waiting = store.begin("u", k, "fp"); // a duplicate waiting on the refused one gets its own turn
      await first.complete({ status: 400, body: { error: { code: "InvalidArgument" } } }, false);
      const second = expectFresh(await waiting);
      await second.complete({ status: 400, body: {} }, false);
      expect((await store.begin("u", k, "fp-corrected")).kind).toBe("fresh");
    });

    it("forgets answers after the time to live", async () => {
      let t = Date.parse("2026-01-01T00:00:00Z");
      const store = createDurableIdempotencyStore(db, { ttlMs: 1_000, now: () => t });
      const k = key();
      await expectFresh(await store.begin("u", k, "fp")).complete({ status: 201, body: {} }, true);
      t += 999;
      expect((await store.begin("u", k, "fp")).kind).toBe("replay");
      t += 2;
      expect((await store.begin("u", k, "fp")).kind).toBe("fresh");
    });

    it("hands a crashed holder's key to the next request once its lease runs out", async () => {
      // maxHoldMs 0: the holder never renews, like a process that died right after claiming.
      const crashed = createDurableIdempotencyStore(db, { leaseMs: 300, maxHoldMs: 0 });
      const k = key();
      expectFresh(await crashed.begin("u", k, "fp"));
      const survivor = createDurableIdempotencyStore(db, { leaseMs: 300, pollMs: { min: 20, max: 50 } });
      const started = Date.now();
      const next = expectFresh(await survivor.begin("u", k, "fp"));
      expect(Date.now() - started).toBeGreaterThanOrEqual(200);
      await next.complete({ status: 201, body: { retried: true } }, true);
      expect(await survivor.begin("u", k, "fp")).toEqual({
        kind: "replay",
        answer: { status: 201, body: { retried: true } },
      });
    });

    it("keeps the key for a live holder that takes longer than one lease (it renews)", async () => {
      const holderStore = createDurableIdempotencyStore(db, { leaseMs: 150 });
      const k = key();
      const holder = expectFresh(await holderStore.begin("u", k, "fp"));
      const other = createDurableIdempotencyStore(db, { leaseMs: 150, pollMs: { min: 20, max: 40 } });
      const waiting = other.begin("u", k, "fp");
      await sleep(700); // more than four leases
      await holder.complete({ status: 201, body: { slow: true } }, true);
      expect(await waiting).toEqual({ kind: "replay", answer: { status: 201, body: { slow: true } } });
    });
  });
}

describe.skipIf(!PG_URL)(
  `durable idempotency across Node processes on PostgreSQL${PG_URL ? "" : ` (${PG_SKIP})`}`,
  { timeout: 90_000 },
  () => {
    const schema = newSchemaName("idemproc");
    afterAll(() => dropSchema(schema));

    it("lets exactly one of four processes racing the same key reach CI; the others replay its answer", async () => {
      const script = join(__dirname, "durable-idempotency-racer.ts");
      const k = key();
      // Four "instances": each starts (racing the others to migrate the fresh schema), says ready, and claims the key
      // when all are told to go at the same moment.
      const children = Array.from({ length: 4 }, () =>
        spawn(
          process.execPath,
          ["--conditions=react-server", "--import", "tsx", script, PG_URL!, schema, "carol|bucket-1", k],
          {
            cwd: join(__dirname, "..", ".."),
            stdio: ["pipe", "pipe", "inherit"],
          },
        ),
      );
      const outputs = await new Promise<{ stdout: string }[]>((resolve, reject) => {
        const out = children.map(() => "");
        let ready = 0;
        let exited = 0;
        children.forEach((child, i) => {
          child.stdout!.on("data", (chunk: Buffer) => {
            out[i] += chunk.toString();
            if (chunk.toString().includes("ready") && ++ready === children.length)
              children.forEach((c) => c.stdin!.write("go\n"));
          });
          child.on("error", reject);
          child.on("exit", (code) => {
            if (code !== 0) reject(new Error(`racer ${i} exited with ${code}`));
            else if (++exited === children.length) resolve(out.map((o) => ({ stdout: o.replace("ready\n", "") })));
          });
        });
      });
      const results = outputs.map(
        (o) =>
          JSON.parse(o.stdout.trim()) as { pid: number; kind: string; answer: { body: { job: { JobId: string } } } },
      );
      expect(results.filter((r) => r.kind === "fresh")).toHaveLength(1);
      expect(results.filter((r) => r.kind === "replay")).toHaveLength(3);
      const winner = results.find((r) => r.kind === "fresh")!;
      expect(new Set(results.map((r) => r.answer.body.job.JobId))).toEqual(new Set([`job-from-${winner.pid}`]));
      expect(new Set(results.map((r) => r.pid)).size).toBe(4);
    });
  },
);
