/** The counter's bookkeeping (lib/server/jobs/file-counts.ts) and the files cursor, without CI. */
import { describe, expect, it } from "vitest";
import { applyItems, closeSweep, tally, type CounterState } from "@/lib/server/jobs/file-count-state";
import { parseAnyCiTime, toCiFilterTime } from "@/lib/server/jobs/file-times";

type Stream = CounterState["streams"][number];
const stream = (): Stream => ({ low: null, from: null, token: null, open: {}, recent: {}, ended: {}, maxSeen: null });
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

describe("incremental counting", () => {
  it("tallies ended files once, even when a later sweep lists them again", () => {
    const s = stream();
    applyItems(s, [
      { id: "a", state: "Success", createdAt: at(1) },
      { id: "b", state: "Running", createdAt: at(2) },
      { id: "c", state: "Failed", createdAt: at(3) },
    ]);
    closeSweep(s);
    expect(s.low).toBe(Date.parse(at(2))); // the oldest open file
    expect(s.recent).toEqual({ c: Date.parse(at(3)) }); // a is behind the sweep's start: forgotten for good
    // The next sweep starts at b's second: c is listed again, b has ended, d is new.
    applyItems(s, [
      { id: "b", state: "Failed", createdAt: at(2) },
      { id: "c", state: "Failed", createdAt: at(3) },
      { id: "d", state: "Submitted", createdAt: at(4) },
    ]);
    closeSweep(s);
    const state: CounterState = {
      v: 1,
      streams: [s],
      stream: 0,
      inSweep: false,
      sweepAfterFinish: false,
      calls: 0,
      skipped: 0,
    };
    expect(tally(state)).toEqual({ Success: 1, Failed: 2, Submitted: 1 });
    expect(s.low).toBe(Date.parse(at(4)));
    expect(Object.keys(s.recent)).toEqual([]);
  });

  it("with nothing open, the next sweep starts at the newest file seen", () => {
    const s = stream();
    applyItems(s, [
      { id: "a", state: "Success", createdAt: "2026-01-01T00:00:01.500Z" },
      { id: "b", state: "Cancel", createdAt: "2026-01-01T00:00:05.900Z" },
    ]);
    closeSweep(s);
    expect(s.low).toBe(Date.parse("2026-01-01T00:00:05.000Z")); // whole seconds: CI's filter granularity
    expect(s.recent).toHaveProperty("b");
  });

  it("reads every time format CI writes and writes the filter's", () => {
    expect(parseAnyCiTime("2022-08-09T14:54:17+08:00")?.toISOString()).toBe("2022-08-09T06:54:17.000Z");
    expect(parseAnyCiTime("2022-08-09T14:54:17+0800")?.toISOString()).toBe("2022-08-09T06:54:17.000Z");
    expect(parseAnyCiTime("2019-05-24T10:56:40.000Z")?.toISOString()).toBe("2019-05-24T10:56:40.000Z");
    expect(parseAnyCiTime("-")).toBeNull();
    expect(toCiFilterTime(Date.parse("2022-08-09T06:54:17Z"))).toBe("2022-08-09T06:54:17+0000");
  });
});
