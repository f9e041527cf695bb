import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CI_TIME_PATTERN, formatCiTime, isCiTime, parseCiTime } from "@/lib/jobs/ci-time";

describe("formatCiTime", () => {
  const instant = new Date(Date.UTC(2022, 1, 1, 4, 0, 0)); // 2022-02-01 12:00 in China

  it.each([
    [480, "2022-02-01T12:00:00+0800"],
    [0, "2022-02-01T04:00:00+0000"],
    [-300, "2022-01-31T23:00:00-0500"],
    [330, "2022-02-01T09:30:00+0530"],
    [-570, "2022-01-31T18:30:00-0930"],
    [840, "2022-02-01T18:00:00+1400"],
  ])("at offset %i minutes → %s", (offset, expected) => {
    expect(formatCiTime(instant, offset)).toBe(expected);
    expect(formatCiTime(instant, offset)).toMatch(CI_TIME_PATTERN);
  });

  it("defaults to this process's local offset", () => {
    expect(parseCiTime(formatCiTime(instant))?.getTime()).toBe(instant.getTime());
  });
});

describe("parseCiTime", () => {
  it("parses the doc's sample and honours the offset", () => {
    expect(parseCiTime("2022-02-01T12:00:00+0800")?.toISOString()).toBe("2022-02-01T04:00:00.000Z");
    expect(parseCiTime("2022-01-31T23:00:00-0500")?.toISOString()).toBe("2022-02-01T04:00:00.000Z");
    expect(parseCiTime(" 2022-02-01T12:00:00+0800 ")?.toISOString()).toBe("2022-02-01T04:00:00.000Z");
  });

  it.each([
    "-",
    "",
    "2022-02-01 12:00:00+0800",
    "2022-02-01T12:00:00+08:00",
    "2022-02-01T12:00:00Z",
    "2022-02-01T12:00:00",
    "2022-13-01T12:00:00+0800",
    "2022-02-30T12:00:00+0800",
    "2023-02-29T12:00:00+0800",
    "2022-02-01T24:00:00+0800",
    "2022-02-01T12:60:00+0800",
    "2022-02-01T12:00:60+0800",
    "2022-02-01T12:00:00+0860",
    "0022-02-01T12:00:00+0800",
  ])("%j → null", (value) => {
    expect(parseCiTime(value)).toBeNull();
    expect(isCiTime(value)).toBe(false);
  });

  it("null and undefined → null", () => {
    expect(parseCiTime(null)).toBeNull();
    expect(parseCiTime(undefined)).toBeNull();
  });

  it("accepts a leap day", () => {
    expect(isCiTime("2024-02-29T00:00:00+0800")).toBe(true);
  });

  it("round-trips any instant (whole seconds) at any offset", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1970, 0, 2), max: Date.UTC(2199, 11, 30) }),
        fc.integer({ min: -720, max: 840 }),
        (ms, offset) => {
          const date = new Date(Math.floor(ms / 1000) * 1000);
          const text = formatCiTime(date, offset);
          expect(text).toMatch(CI_TIME_PATTERN);
          expect(parseCiTime(text)?.getTime()).toBe(date.getTime());
        },
      ),
      { numRuns: 500 },
    );
  });
});
