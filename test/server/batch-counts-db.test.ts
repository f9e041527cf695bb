/**
 * The batch counter on both engines (lib/server/jobs/file-counts.ts): counts stored in batch_file_counts, one pass
 * per batch whatever the number of viewers, on PostgreSQL across two instances (two database handles), ended files
 * never listed again, and final counts never recounted. CI is a fake lister over an in-memory batch.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/db";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { batchCounts, configureCounting, COUNT_SETTINGS, type StreamLister } from "@/lib/server/jobs/file-counts";
import type { BatchSource } from "@/lib/server/jobs/batch-source";
import { engineCases, engineTitle } from "./db-engines";

const TARGET = {
  bucket: "examplebucket-1250000000",
  region: "ap-beijing",
  host: "examplebucket-1250000000.ci.ap-beijing.myqcloud.com",
};
const SOURCE: BatchSource = { kind: "workflowInstance", streams: ["w1"] };
const defaults = { ...COUNT_SETTINGS };

/** A batch of `n` files created one per second; `states[i]` is file i's state now. Lists as CI: Asc, from a second. */
function fakeBatch(n: number) {
  const base = Date.parse("2026-01-01T00:00:00Z");
  const states: string[] = Array.from({ length: n }, () => "Running");
  const listed: number[] = []; // every file index handed out, in order
  let calls = 0;
  const list: StreamLister = async (_t, _j, _s, _stream, q) => {
    calls++;
    await new Promise((r) => setTimeout(r, 5));
    const from = q.startCreationTime ? Date.parse(q.startCreationTime.replace(/([+-]\d{2})(\d{2})$/, "$1:$2")) : base;
    const startIndex = q.nextToken ? Number(q.nextToken) : Math.max(0, Math.ceil((from - base) / 1000));
    const end = Math.min(n, startIndex + q.size);
    const items = [];
    for (let i = startIndex; i < end; i++) {
      listed.push(i);
      items.push({
        object: `f${i}.mp4`,
        state: states[i]!,
        kind: "workflowInstance" as const,
        id: `i${i}`,
        createdAt: new Date(base + i * 1000).toISOString(),
      });
    }
    return { items, skipped: 0, nextToken: end < n ? String(end) : null, requestId: "r" };
  };
  return { states, list, listed, calls: () => calls };
}

const job = (state: string): JobDetail => ({ JobId: "b0123456789abcdef", State: state });

for (const engine of engineCases("batch-counts")) {
  describe.skipIf(engine.skip !== null)(engineTitle("batch counts", engine), () => {
    let a: Db;
    let b: Db | undefined;
    beforeAll(async () => {
      a = await engine.open();
      if (engine.name === "postgres") b = await engine.openAnother();
    });
    afterAll(async () => {
      configureCounting(defaults);
      await a?.close();
      await b?.close();
      await engine.dispose();
    });
    beforeEach(async () => {
      configureCounting({
        ...defaults,
        minGapMs: 0,
        callsPerSecond: 1e9,
        finishedCallsPerSecond: 1e9,
        pageSize: 10,
        passPages: 100,
      });
      await a.query("DELETE FROM batch_file_counts");
    });

    it("many viewers (and a second instance) share one pass; ended files are not listed again; final counts are stored", async () => {
      configureCounting({ ...defaults, minGapMs: 60_000, pageSize: 10, passPages: 100 });
      const batch = fakeBatch(50);
      for (let i = 0; i < 20; i++) batch.states[i] = i % 4 === 0 ? "Failed" : "Success";
      const viewers = Array.from({ length: 10 }, (_, i) =>
        batchCounts(TARGET, job("Running"), SOURCE, i % 2 === 0 || !b ? a : b, batch.list),
      );
      const views = await Promise.all(viewers);
      // 50 files in pages of 10: 5 pages, plus nothing else, whoever asked.
      expect(batch.calls()).toBe(5);
      const counted = views.filter((v) => Object.keys(v.counts).length > 0);
      expect(counted.length).toBeGreaterThan(0);
      for (const v of counted) expect(v.counts).toEqual({ Success: 15, Failed: 5, Running: 30 });
      expect(views.every((v) => !v.countsComplete)).toBe(true);

      // Everything ends; the batch too.
      for (let i = 20; i < 50; i++) batch.states[i] = i === 33 ? "Cancel" : "Success";
      batch.listed.length = 0;
      await a.query("UPDATE batch_file_counts SET next_pass_at = clock_timestamp()"); // the pause is over
      const done = await batchCounts(TARGET, job("Success"), SOURCE, a, batch.list);
      expect(done.countsComplete).toBe(true);
      expect(done.counts).toEqual({ Success: 44, Failed: 5, Cancel: 1 });
      expect(Math.min(...batch.listed)).toBe(20); // files 0–19 had ended: the sweep started at the oldest open one

      const before = batch.calls();
      const again = await batchCounts(TARGET, job("Success"), SOURCE, b ?? a, batch.list);
      expect(again).toMatchObject({ countsComplete: true, counts: done.counts });
      expect(batch.calls()).toBe(before);
    });

    it("when the batch ends mid-sweep, the final sweep starts at the oldest open file instead of after the sweep", async () => {
      configureCounting({
        ...defaults,
        minGapMs: 0,
        callsPerSecond: 1e9,
        finishedCallsPerSecond: 1e9,
        pageSize: 10,
        passPages: 3,
      });
      const batch = fakeBatch(100);
      for (let i = 0; i < 100; i++) batch.states[i] = i < 25 ? "Success" : "Running";
      await batchCounts(TARGET, job("Running"), SOURCE, a, batch.list); // pages 1–3 of 10: files 0–29 seen
      for (let i = 0; i < 100; i++) batch.states[i] = i === 7 || i === 50 ? "Failed" : "Success";
      batch.listed.length = 0;
      let view = await batchCounts(TARGET, job("Success"), SOURCE, a, batch.list);
      expect(Math.min(...batch.listed)).toBe(25); // restarted at the oldest open file, not at page 4 of the old sweep
      for (let i = 0; i < 5 && !view.countsComplete; i++)
        view = await batchCounts(TARGET, job("Success"), SOURCE, a, batch.list);
      expect(view.countsComplete).toBe(true);
      expect(view.counts).toEqual({ Success: 99, Failed: 1 }); // file 7 had already ended Success when it was seen
      expect(batch.listed.filter((i) => i < 25)).toEqual([]);
    });

    it("paces passes: inside the pause nobody counts, and counts are never shown complete for a running batch", async () => {
      configureCounting({ ...defaults, minGapMs: 60_000, pageSize: 10, passPages: 2 });
      const batch = fakeBatch(50);
      const first = await batchCounts(TARGET, job("Running"), SOURCE, a, batch.list);
      expect(batch.calls()).toBe(2); // one pass: passPages
      expect(first.counts).toEqual({ Running: 20 });
      const second = await batchCounts(TARGET, job("Running"), SOURCE, b ?? a, batch.list);
      expect(batch.calls()).toBe(2);
      expect(second.counts).toEqual(first.counts);
      expect(second.countsComplete).toBe(false);
    });
  });
}
