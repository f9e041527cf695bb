import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { RETRY_ERROR_CODES, type BatchFileItem } from "@/lib/jobs/batch-files";
import { buildFailedFilesCsv, failedFilesCsvName, FAILED_FILES_CSV_HEADER } from "@/lib/jobs/batch-files-csv";
import {
  atLeast,
  cursorNext,
  cursorPrevious,
  FIRST_PAGE,
  formatBytes,
  summariseCounts,
} from "@/lib/jobs/batch-files-view";
import { explainRetryError } from "@/lib/jobs/retry-errors";

const file = (object: string, extra: Partial<BatchFileItem> = {}): BatchFileItem => ({
  object,
  state: "Failed",
  kind: "mediaJob",
  id: `j-${object.length}`,
  ...extra,
});

describe("summariseCounts", () => {
  it("orders states as CI lists them, drops zeros, keeps a state CI added, and measures progress over the files counted", () => {
    const s = summariseCounts({ Failed: 3, Running: 5, Success: 12, Submitted: 0, Archived: 1 }, true);
    expect(s.rows).toEqual([
      { state: "Running", count: 5 },
      { state: "Success", count: 12 },
      { state: "Failed", count: 3 },
      { state: "Archived", count: 1 },
    ]);
    expect(s.total).toBe(21);
    expect(s.ended).toBe(15);
    expect(s.fraction).toBeCloseTo(15 / 21);
    expect(s.totalLabel).toBe("21");
  });

  it("says 'at least' while the counts are incomplete, never a bare number", () => {
    expect(summariseCounts({ Running: 1200 }, false).totalLabel).toBe("at least 1,200");
    expect(atLeast(7, false)).toBe("at least 7");
    expect(atLeast(7, true)).toBe("7");
  });

  it("has no progress with no files (no division by zero)", () => {
    const s = summariseCounts({}, false);
    expect(s).toMatchObject({ total: 0, ended: 0, fraction: 0, totalLabel: "at least 0" });
  });
});

describe("buildFailedFilesCsv", () => {
  it("round-trips hard object keys through a quote-aware reader, one row per file, header first", () => {
    const keys = ["media/a b.mp4", "media/a+b.mp4", "media/中文 视频.mp4", "media/x&y=1.mp4", 'media/say "hi",ok.mp4'];
    const items = keys.map((k, i) =>
      file(k, {
        id: `run-${i}`,
        code: "InternalError",
        message: "decode failed, frame 3",
        outputs: ["out/1.mp4", "out/2.mp4"],
        durationMs: 1500,
      }),
    );
    const rows = parse(buildFailedFilesCsv(items), { bom: true }) as string[][];
    expect(rows[0]).toEqual([...FAILED_FILES_CSV_HEADER]);
    expect(rows.slice(1).map((r) => r[0])).toEqual(keys);
    expect(rows[1]).toEqual([
      "media/a b.mp4",
      "Failed",
      "InternalError",
      "decode failed, frame 3",
      "",
      "",
      "1500",
      "out/1.mp4·out/2.mp4",
      "run-0",
      "mediaJob",
    ]);
  });

  it("neutralises a key a spreadsheet would run as a formula", () => {
    const rows = parse(buildFailedFilesCsv([file("=HYPERLINK(1)")]), {}) as string[][];
    expect(rows[1]![0]).toBe("'=HYPERLINK(1)");
  });

  it("is only a header with no failed files", () => {
    expect(parse(buildFailedFilesCsv([]), {})).toHaveLength(1);
  });

  it("names the file after the job, safe on every OS", () => {
    expect(failedFilesCsvName("bj/1:2", new Date("2026-12-06T10:11:12Z"))).toBe(
      "failed-files_bj-1-2_2026-12-06-10-11-12.csv",
    );
  });
});

describe("cursor paging", () => {
  it("goes forward with a back stack and returns to the exact tokens", () => {
    const p2 = cursorNext(FIRST_PAGE, "t2");
    const p3 = cursorNext(p2, "t3");
    expect(p3).toEqual({ token: "t3", back: [undefined, "t2"] });
    expect(cursorPrevious(p3)).toEqual(p2);
    expect(cursorPrevious(cursorPrevious(p3))).toEqual({ token: undefined, back: [] });
    expect(cursorPrevious(FIRST_PAGE)).toEqual(FIRST_PAGE);
  });
});

describe("explainRetryError", () => {
  it("explains every retry code, and RetryNotConfigured names the setting and the download that still works", () => {
    for (const code of RETRY_ERROR_CODES) expect(explainRetryError(code)?.advice.length).toBeGreaterThan(20);
    const nc = explainRetryError("RetryNotConfigured")!;
    expect(nc.advice).toContain("RETRY_LIST_PREFIX");
    expect(nc.advice).toContain("Download failed files");
  });

  it("returns null for codes that are not retry refusals (inherited object keys included)", () => {
    expect(explainRetryError("InternalError")).toBeNull();
    expect(explainRetryError("toString")).toBeNull();
  });
});

describe("formatBytes", () => {
  it("uses bytes below 1 KiB and binary units above", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(250 * 1024 * 1024)).toBe("250 MiB");
    expect(formatBytes(Number.NaN)).toBe("0 B");
  });
});
