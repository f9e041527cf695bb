import { describe, expect, it } from "vitest";
import { createServerClock } from "@/lib/query/server-clock";

describe("createServerClock", () => {
  it("corrects a local clock that is far off, to within half the round trip", () => {
    const clock = createServerClock();
    const skew = -3_600_000; // this browser is an hour behind
    const serverAt = (local: number) => local - skew;
    // Request left at local 1000, the server stamped it at local 1040, the answer came back at local 1100.
    clock.note(String(serverAt(1_040)), 1_000, 1_100);
    expect(Math.abs(clock.now(2_000) - serverAt(2_000))).toBeLessThanOrEqual(50);
  });

  it("keeps the sample with the shortest round trip", () => {
    const clock = createServerClock();
    clock.note("10000", 0, 20); // offset ≈ 10000 + 10 − 20 = 9990
    clock.note("99999", 100, 2_100); // slow answer: ignored
    expect(clock.now(0)).toBe(9_990);
    clock.note("20005", 10_000, 10_010); // faster: taken (offset 20005 + 5 − 10010 = 10000)
    expect(clock.now(0)).toBe(10_000);
  });

  it("lets a slow sample replace one older than ten minutes", () => {
    const clock = createServerClock();
    clock.note("10000", 0, 20);
    clock.note("700000", 600_000, 601_000); // 10 min later, 1 s round trip: taken
    expect(clock.now(0)).toBe(700_000 + 500 - 601_000);
  });

  it("ignores missing, malformed and impossible samples", () => {
    const clock = createServerClock();
    clock.note(null, 0, 10);
    clock.note("soon", 0, 10);
    clock.note("5000", 20, 10); // came back before it left
    expect(clock.now(123)).toBe(123);
  });

  it("uses the render-time seed only until a real sample arrives", () => {
    const clock = createServerClock();
    clock.seed(50_000, 1_000);
    expect(clock.now(2_000)).toBe(51_000);
    clock.note("70010", 1_000, 1_020);
    expect(clock.now(2_000)).toBe(71_000);
    clock.seed(0, 0);
    expect(clock.now(2_000)).toBe(71_000);
  });
});
