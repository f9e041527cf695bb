import { describe, expect, it } from "vitest";
import { jobRowKeys } from "@/lib/jobs/row-keys";

describe("jobRowKeys", () => {
  it("keys rows by JobId", () => {
    expect(jobRowKeys([{ JobId: "ja" }, { JobId: "jb" }])).toEqual(["id:ja", "id:jb"]);
  });

  it("two jobs without a readable JobId get different keys, from what else they show", () => {
    const keys = jobRowKeys([
      { JobId: "", Name: "odd-1", CreationTime: "2026-11-20T10:00:00+0800" },
      { JobId: "ja" },
      { JobId: "", Name: "odd-2", CreationTime: "2026-11-20T10:00:00+0800" },
    ]);
    expect(new Set(keys).size).toBe(3);
    expect(keys).toEqual(["no-id:odd-1|2026-11-20T10:00:00+0800", "id:ja", "no-id:odd-2|2026-11-20T10:00:00+0800"]);
  });

  it("identical rows (no JobId, nothing else, or one JobId sent twice) are numbered, and keep their keys on the next poll", () => {
    const page = [{ JobId: "" }, { JobId: "" }, { JobId: "jx" }, { JobId: "jx" }, { JobId: "" }];
    const keys = jobRowKeys(page);
    expect(new Set(keys).size).toBe(page.length);
    expect(keys).toEqual(["no-id:|", "no-id:|#1", "id:jx", "id:jx#1", "no-id:|#2"]);
    expect(jobRowKeys(page.map((j) => ({ ...j })))).toEqual(keys);
  });

  it("a JobId never collides with a job that has none", () => {
    expect(new Set(jobRowKeys([{ JobId: "no-id:|" }, { JobId: "" }])).size).toBe(2);
  });
});
