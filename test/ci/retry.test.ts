import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_BACKOFF } from "@/lib/ci/retry";

describe("backoffDelay (capped exponential, full jitter)", () => {
  it("the ceiling doubles per attempt up to the cap", () => {
    const top = { ...DEFAULT_BACKOFF, random: () => 0.999999 };
    expect([0, 1, 2, 3, 4, 5, 10, 100].map((a) => backoffDelay(a, top))).toEqual([
      99, 199, 399, 799, 1599, 1999, 1999, 1999,
    ]);
  });

  it("full jitter: anywhere from 0", () => {
    expect(backoffDelay(3, { ...DEFAULT_BACKOFF, random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { ...DEFAULT_BACKOFF, random: () => 0.5 })).toBe(400);
  });
});
