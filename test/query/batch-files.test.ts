import { describe, expect, it } from "vitest";
import type { BatchFilesPage } from "@/lib/jobs/batch-files";
import {
  batchFilesKeys,
  EXPORT_MAX_PAGES,
  fetchAllFailedFiles,
  filesSearch,
  previewParamsOf,
  previewSearch,
  type BatchFilesParams,
} from "@/lib/query/batch-files";

const page = (ids: string[], nextToken?: string): BatchFilesPage => ({
  counts: {},
  countsComplete: true,
  countsAt: null,
  items: ids.map((id) => ({ id, object: `media/${id}.mp4`, state: "Failed", kind: "workflowInstance" })),
  nextToken,
  requestId: "r",
});

describe("filesSearch", () => {
  it("encodes states, an exact object with spaces, + and Chinese, size, token and bucket; leaves empty values out", () => {
    const q = new URLSearchParams(
      filesSearch({ states: ["Failed", "Cancel"], object: "a b+c/中文&d.mp4", size: 50, nextToken: "tok/=" }, "b-125"),
    );
    expect(Object.fromEntries(q)).toEqual({
      bucket: "b-125",
      states: "Failed,Cancel",
      object: "a b+c/中文&d.mp4",
      size: "50",
      nextToken: "tok/=",
    });
    expect(filesSearch({ states: [] }, null)).toBe("");
  });

  it("keys pages by what selects them, whatever the order of the states", () => {
    const a: BatchFilesParams = { states: ["Failed", "Cancel"] };
    const b: BatchFilesParams = { states: ["Cancel", "Failed"] };
    expect(batchFilesKeys.list("j", null, a)).toEqual(batchFilesKeys.list("j", null, b));
    expect(batchFilesKeys.list("j", null, { nextToken: "x" })).not.toEqual(batchFilesKeys.list("j", null, {}));
  });
});

describe("previewParamsOf / previewSearch", () => {
  it("previews an empty prefix (the whole bucket) but not an empty object key", () => {
    expect(previewParamsOf("b", "Prefix", "")).toEqual({ bucket: "b", kind: "Prefix", value: "" });
    expect(previewParamsOf("b", "Object", "  ")).toBeNull();
    expect(previewParamsOf("", "Prefix", "x")).toBeNull();
    expect(previewParamsOf("b", "Nonsense", "x")).toBeNull();
  });

  it("sends the window with a Prefix only, each input under its own parameter", () => {
    const withWindow = previewParamsOf(
      "b",
      "Prefix",
      "media/",
      "2026-01-01T00:00:00+0800",
      "2026-02-01T00:00:00+0800",
    )!;
    expect(Object.fromEntries(new URLSearchParams(previewSearch(withWindow)))).toEqual({
      bucket: "b",
      prefix: "media/",
      start: "2026-01-01T00:00:00+0800",
      end: "2026-02-01T00:00:00+0800",
    });
    const urlFile = previewParamsOf("b", "UrlFile", "lists/a.txt", "2026-01-01T00:00:00+0800")!;
    expect(Object.fromEntries(new URLSearchParams(previewSearch(urlFile)))).toEqual({
      bucket: "b",
      urlFile: "lists/a.txt",
    });
    expect(new URLSearchParams(previewSearch(previewParamsOf("b", "Prefix", "")!)).get("prefix")).toBe("");
  });
});

describe("fetchAllFailedFiles", () => {
  it("follows the cursor with CI's largest pages over Failed only, and writes a file seen twice once", async () => {
    const asked: BatchFilesParams[] = [];
    const pages: Record<string, BatchFilesPage> = {
      "": page(["a", "b"], "t1"),
      t1: page(["b", "c"], "t2"),
      t2: page(["d"]),
    };
    const progress: number[] = [];
    const { items, truncated } = await fetchAllFailedFiles("job", null, {
      onPage: (n) => progress.push(n),
      fetchPage: async (_j, _b, params) => {
        asked.push(params);
        return pages[params.nextToken ?? ""]!;
      },
    });
    expect(items.map((i) => i.id)).toEqual(["a", "b", "c", "d"]);
    expect(truncated).toBe(false);
    expect(progress).toEqual([2, 3, 4]);
    expect(asked.every((p) => p.states?.join() === "Failed" && p.size === 100)).toBe(true);
  });

  it("stops on a cursor that repeats, and gives up after the page limit with truncated set", async () => {
    const stuck = await fetchAllFailedFiles("job", null, { fetchPage: async () => page(["a"], "same") });
    // First page (no token) → "same"; second ("same") → "same" again: stop.
    expect(stuck).toEqual({ items: [expect.objectContaining({ id: "a" })], truncated: false });
    let n = 0;
    const endless = await fetchAllFailedFiles("job", null, { fetchPage: async () => page([`f${n}`], `t${n++}`) });
    expect(endless.truncated).toBe(true);
    expect(endless.items).toHaveLength(EXPORT_MAX_PAGES);
  });
});
