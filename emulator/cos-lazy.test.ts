/**
 * Laziness: the seeded 20,000-key prefix is generated only as far as a page needs, and a batch over it reads keys,
 * never whole objects (unless a TimeInterval needs their dates). Counted, not timed (timings belong in bench/).
 */
import { describe, expect, it } from "vitest";
import { batchFileKeys } from "./batch/batch-inputs";
import { CosBucket } from "./cos/cos-bucket";
import { compareUtf8 } from "./cos/key-order";
import { listObjects } from "./cos/list-objects";
import type { ObjectSource } from "./cos/object-source";
import { seedObjectSources } from "./cos/seed-objects";
import type { JobRecord } from "./store/job-record";

function counted(sources: ObjectSource[]) {
  const calls = { keyAt: 0, objectAt: 0 };
  const wrapped = sources.map((s) => ({
    length: s.length,
    keyAt: (i: number) => (calls.keyAt++, s.keyAt(i)),
    objectAt: (i: number) => (calls.objectAt++, s.objectAt(i)),
  }));
  return { calls, wrapped };
}

const batch = (input: Record<string, string>, operation: Record<string, unknown> = {}): JobRecord =>
  ({
    jobId: "b" + "0".repeat(32),
    input,
    operation,
    createdAt: Date.parse("2026-11-20T00:00:00Z"),
    timeline: { startAt: 0, endAt: 1, final: "Success" },
  }) as unknown as JobRecord;

describe("lazy seeded objects", () => {
  it("seeding generates no object of the big prefixes", () => {
    const { calls } = counted(seedObjectSources(1, "examplebucket-1250000000", "ap-beijing", []));
    expect(calls).toEqual({ keyAt: 0, objectAt: 0 });
  });

  it("one page of 5 keys in the middle of 20,000 builds 5 objects and a few dozen keys", () => {
    const { calls, wrapped } = counted(seedObjectSources(1, "examplebucket-1250000000", "ap-beijing", []));
    const page = listObjects(wrapped, {
      prefix: "media/batch-20k/",
      delimiter: "",
      marker: "media/batch-20k/clip-12345.mp4",
      maxKeys: 5,
    });
    const ext = (n: number) => ["mp4", "mov", "mkv", "mp4"][(n - 1) % 4];
    expect(page.contents.map((o) => o.key)).toEqual(
      [12346, 12347, 12348, 12349, 12350].map((n) => `media/batch-20k/clip-${n}.${ext(n)}`),
    );
    expect(calls.objectAt).toBe(5);
    expect(calls.keyAt).toBeLessThan(1_000);
  });

  it("a batch over 20,000 keys reads keys only, in UTF-8 order; a TimeInterval reads their dates", () => {
    const { calls, wrapped } = counted(seedObjectSources(1, "examplebucket-1250000000", "ap-beijing", []));
    const bucket = new CosBucket("examplebucket-1250000000", "ap-beijing", wrapped);
    const keys = batchFileKeys(batch({ Prefix: "media/batch-20k/" }), bucket);
    expect(keys).toHaveLength(20_000);
    expect(calls.objectAt).toBe(0);
    expect([...keys].sort(compareUtf8)).toEqual(keys);
    const timed = batchFileKeys(
      batch(
        { Prefix: "media/batch-250/" },
        { TimeInterval: { Start: "2026-03-01T00:00:00+0800", End: "2026-04-30T23:59:59+0800" } },
      ),
      bucket,
    );
    expect(timed.length).toBeGreaterThan(10);
    expect(timed.length).toBeLessThan(250);
    expect(calls.objectAt).toBe(250);
  });

  it("UTF-8 order puts an emoji (4 bytes) after a fullwidth letter (U+FF46, 3 bytes), unlike UTF-16 order", () => {
    expect(compareUtf8("🎬", "\uff46")).toBeGreaterThan(0);
    expect("🎬" < "\uff46").toBe(true);
    expect(Buffer.compare(Buffer.from("🎬"), Buffer.from("\uff46"))).toBe(1);
    expect(compareUtf8("春", "a")).toBeGreaterThan(0);
  });
});
