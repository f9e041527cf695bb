import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alignedPollDelay, pickPollJitter, POLL_JITTER_MS } from "@/lib/jobs/poll-schedule";

describe("alignedPollDelay", () => {
  it("waits until the next multiple of the interval on the server clock, plus the jitter", () => {
    expect(alignedPollDelay(4_000, 1_000_000_000, 0)).toBe(4_000); // exactly on a beat: the next one
    expect(alignedPollDelay(4_000, 1_000_001_000, 0)).toBe(3_000);
    expect(alignedPollDelay(4_000, 1_000_001_000, 250)).toBe(3_250);
    expect(alignedPollDelay(30_000, 1_000_010_000, 100)).toBe(10_100);
  });

  it("skips a beat that is too close, so an answer that just arrived is not polled again at once", () => {
    expect(alignedPollDelay(4_000, 1_000_003_500, 0)).toBe(4_500); // 500 ms < 1 s: the beat after
    expect(alignedPollDelay(4_000, 1_000_002_900, 0)).toBe(1_100); // 1.1 s: kept
    expect(alignedPollDelay(2_000, 1_000_001_600, 0)).toBe(2_400); // 400 ms < a quarter of 2 s
  });

  it("in steady state a tab polls exactly one interval apart, at beat + its jitter, whatever the answer time", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: POLL_JITTER_MS - 1 }),
        fc.integer({ min: 0, max: 900 }),
        fc.integer({ min: 1_000, max: 60_000 }),
        (jitter, latency, beats) => {
          const interval = 4_000;
          const pollAt = beats * interval + jitter; // this poll went out on a beat
          const answeredAt = pollAt + latency;
          const next = answeredAt + alignedPollDelay(interval, answeredAt, jitter);
          expect(next).toBe(pollAt + interval);
        },
      ),
    );
  });

  it("never schedules sooner than a quarter interval (at most 1 s) nor later than an interval + 1 s + jitter", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(4_000, 5_000, 10_000, 30_000, 60_000),
        fc.integer({ min: 0, max: 2 ** 45 }),
        fc.integer({ min: 0, max: POLL_JITTER_MS - 1 }),
        (interval, now, jitter) => {
          const d = alignedPollDelay(interval, now, jitter);
          expect(d).toBeGreaterThanOrEqual(Math.min(interval / 4, 1_000));
          expect(d).toBeLessThanOrEqual(interval + Math.min(interval / 4, 1_000) + jitter);
          expect((now + d - jitter) % interval).toBe(0);
        },
      ),
    );
  });

  it("a server clock before 1970 (negative) still lands on a beat", () => {
    expect(alignedPollDelay(4_000, -1_000, 0)).toBe(1_000);
  });
});

describe("pickPollJitter", () => {
  it("stays inside [0, POLL_JITTER_MS)", () => {
    expect(pickPollJitter(() => 0)).toBe(0);
    expect(pickPollJitter(() => 0.999999)).toBe(POLL_JITTER_MS - 1);
  });
});
