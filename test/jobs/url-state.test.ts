import { describe, expect, it } from "vitest";
import { createSerializer } from "nuqs/server";
import { toApiListParams, toApiSearch } from "@/lib/jobs/list-api-params";
import { listQuerySchema } from "@/lib/jobs/list-query-schema";
import { parseCiTime } from "@/lib/jobs/ci-time";
import {
  activeFilters,
  jobsSearchParams,
  loadJobsSearchParams,
  toJobsView,
  viewFileNameParts,
  withKnownBucket,
  type JobsView,
} from "@/lib/jobs/url-state";
import { nextPagePatch, pageNumber, previousPagePatch } from "@/lib/jobs/url-paging";

const viewOf = (qs: string): JobsView => toJobsView(loadJobsSearchParams(new URLSearchParams(qs)));
const serialize = createSerializer(jobsSearchParams, { clearOnDefault: true });
const NOW = new Date("2025-03-10T12:00:00Z");

describe("parsing the URL", () => {
  it("gives defaults for an empty URL", () => {
    expect(viewOf("")).toEqual({
      bucket: null,
      type: null,
      states: [],
      created: null,
      from: null,
      to: null,
      name: null,
      jobId: null,
      workflowId: null,
      order: "newest",
      size: 20,
      cursor: null,
      back: [],
      at: null,
      mine: false,
    });
  });

  it("reads mine=1 as My jobs: CI's filters, order and cursor drop out of the view; anything else is off", () => {
    const v = viewOf("mine=1&type=Job&states=Failed&name=x&order=oldest&size=50&cursor=abc&bucket=archive-1250000000");
    expect(v).toMatchObject({
      mine: true,
      type: null,
      states: [],
      name: null,
      order: "newest",
      size: 50,
      cursor: null,
      bucket: "archive-1250000000",
    });
    expect(activeFilters(v)).toEqual([]);
    expect(toApiSearch(toApiListParams(v, NOW))).toBe("orderByTime=Desc&size=50&bucket=archive-1250000000&mine=1");
    expect(viewFileNameParts(v)).toContain("mine");
    for (const bad of ["mine=0", "mine=true", "mine=", "mine=1x"]) expect(viewOf(bad).mine).toBe(false);
    expect(serialize({ mine: true })).toBe("?mine=1");
  });

  it("reads every filter", () => {
    const v = viewOf(
      "bucket=archive-1250000000&type=Job&states=Failed,Running&created=24h&name=nightly&jobId=b123&workflowId=w9&order=oldest&size=50",
    );
    expect(v).toMatchObject({
      bucket: "archive-1250000000",
      type: "Job",
      states: ["Running", "Failed"],
      created: "24h",
      name: "nightly",
      jobId: "b123",
      workflowId: "w9",
      order: "oldest",
      size: 50,
    });
  });

  it("falls back to defaults on hostile or stale values, never throws", () => {
    const hostile = [
      "type=Drop%20table&states=Running,Hacked,Success&size=1000&order=sideways&created=3y",
      "jobId=<script>&workflowId=../../etc&bucket=UPPER_case&name=" + "x".repeat(500),
      "from=yesterday&to=2025-13-45T99:99Z&created=custom",
      // CI's nextToken is opaque (any printable text), so only control characters make a cursor hostile.
      "cursor=a%01b&back=ok1,bad%00token,ok2",
      "states=&size=abc&size=20&name=%00evil",
      "__proto__=1&constructor=2&toString=3",
    ];
    for (const qs of hostile) expect(() => viewOf(qs)).not.toThrow();
    const v = viewOf(hostile[0]!);
    expect(v.type).toBeNull();
    expect(v.states).toEqual(["Running", "Success"]);
    expect(v.size).toBe(20);
    expect(v.order).toBe("newest");
    expect(v.created).toBeNull();
    const w = viewOf(hostile[1]!);
    expect([w.jobId, w.workflowId, w.bucket, w.name]).toEqual([null, null, null, null]);
    expect(viewOf(hostile[2]!).created).toBeNull();
    expect(viewOf(hostile[3]!)).toMatchObject({ cursor: null, back: [] });
    expect(viewOf("cursor=t3&back=ok1,bad%00token,ok2").back).toEqual(["ok1", "ok2"]);
    expect(viewOf("cursor=a%20b%2Bc").cursor).toBe("a b+c");
    expect(viewOf(hostile[4]!).name).toBeNull();
  });

  it("treats all six states as no state filter", () => {
    expect(viewOf("states=Submitted,Running,Success,Failed,Pause,Cancel").states).toEqual([]);
  });

  it("keeps a valid custom range and drops a reversed one", () => {
    const ok = viewOf("created=custom&from=2025-03-01T00:00:00.000Z&to=2025-03-02T10:30Z");
    expect(ok).toMatchObject({ created: "custom", from: "2025-03-01T00:00:00.000Z", to: "2025-03-02T10:30:00.000Z" });
    expect(viewOf("created=custom&from=2025-03-05T00:00Z&to=2025-03-02T00:00Z")).toMatchObject({
      created: null,
      from: null,
      to: null,
    });
    expect(viewOf("from=2025-03-05T00:00Z").from).toBeNull(); // range values without created=custom are ignored
  });

  it("round-trips through the serializer", () => {
    const url = serialize({
      type: "Workflow",
      states: ["Failed", "Pause"],
      created: "7d",
      name: "a b&c",
      size: 100,
      order: "oldest",
    });
    const v = viewOf(url.slice(1));
    expect(v).toMatchObject({
      type: "Workflow",
      states: ["Failed", "Pause"],
      created: "7d",
      name: "a b&c",
      size: 100,
      order: "oldest",
    });
    expect(serialize({ size: 20, order: "newest", states: [] })).toBe(""); // defaults stay out of the URL
  });
});

describe("CI parameters", () => {
  it("turns presets into CI times at query time, in CI's format", () => {
    const p = toApiListParams(viewOf("created=1h"), NOW);
    expect(parseCiTime(p.startCreationTime)?.toISOString()).toBe("2025-03-10T11:00:00.000Z");
    expect(p.endCreationTime).toBeUndefined();
    const week = toApiListParams(viewOf("created=7d"), NOW);
    expect(parseCiTime(week.startCreationTime)?.toISOString()).toBe("2025-03-03T12:00:00.000Z");
  });

  it("passes a custom range as both ends", () => {
    const p = toApiListParams(viewOf("created=custom&from=2025-03-01T00:00Z&to=2025-03-02T00:00Z"), NOW);
    expect(parseCiTime(p.startCreationTime)?.toISOString()).toBe("2025-03-01T00:00:00.000Z");
    expect(parseCiTime(p.endCreationTime)?.toISOString()).toBe("2025-03-02T00:00:00.000Z");
  });

  it("produces parameters the server's list schema accepts", () => {
    const views = [
      "",
      "type=Job&states=Running,Failed&created=30d&name=x&jobId=b1&workflowId=w1&order=oldest&size=100&cursor=25",
      "created=custom&from=2025-03-01T00:00Z",
    ];
    for (const qs of views) {
      const { bucket: _b, ...rest } = toApiListParams(viewOf(qs), NOW);
      const parsed = listQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(toApiSearch(rest))));
      expect(parsed.success, qs).toBe(true);
    }
  });

  it("maps order and paging", () => {
    const p = toApiListParams(viewOf("order=oldest&size=10&cursor=abc&back=x"), NOW);
    expect(p).toMatchObject({ orderByTime: "Asc", size: 10, nextToken: "abc" });
    expect(toApiSearch({ orderByTime: "Desc", size: 20, states: "Running,Failed" })).toBe(
      "orderByTime=Desc&size=20&states=Running%2CFailed",
    );
  });
});

describe("paging with a cursor back-stack", () => {
  it("walks forward three pages and back to the first", () => {
    let v = viewOf("");
    expect(pageNumber(v)).toBe(1);
    const tokens = ["t2", "t3", "t4"];
    const seen: (string | null)[] = [v.cursor];
    for (const t of tokens) {
      v = { ...v, ...nextPagePatch(v, t, null) };
      seen.push(v.cursor);
    }
    expect(pageNumber(v)).toBe(4);
    expect(v.back).toEqual(["t2", "t3"]);
    const backwards: (string | null)[] = [];
    while (pageNumber(v) > 1) {
      const patch = previousPagePatch(v);
      v = { ...v, cursor: patch.cursor, back: patch.back ?? [] };
      backwards.push(v.cursor);
    }
    expect(backwards).toEqual(["t3", "t2", null]);
    expect(seen).toEqual([null, "t2", "t3", "t4"]);
  });

  it("pins a relative preset to the first page's instant while paging, and releases it on page one", () => {
    let v = viewOf("created=1h");
    const t0 = "2025-03-10T12:00:00.000Z";
    v = { ...v, ...nextPagePatch(v, "t2", t0) };
    expect(v.at).toBe(t0);
    v = { ...v, ...nextPagePatch(v, "t3", "2025-03-10T12:05:00.000Z") };
    expect(v.at).toBe(t0); // still the first page's instant
    const later = new Date("2025-03-10T13:00:00Z");
    expect(parseCiTime(toApiListParams(v, later).startCreationTime)?.toISOString()).toBe("2025-03-10T11:00:00.000Z");
    const p = previousPagePatch({ ...v, back: [] });
    expect(p).toEqual({ cursor: null, back: null, at: null });
    expect(nextPagePatch(viewOf(""), "t2", t0).at).toBeNull(); // no preset, nothing to pin
    expect(viewOf("created=1h&at=2025-03-10T12:00Z").at).toBeNull(); // page one never pins
    expect(viewOf("created=1h&cursor=t&at=2025-03-10T12:00Z").at).toBe("2025-03-10T12:00:00.000Z");
  });

  it("ignores a back stack on the first page", () => {
    expect(viewOf("back=a,b").back).toEqual([]);
    expect(previousPagePatch(viewOf(""))).toEqual({ cursor: null, back: null, at: null });
  });
});

describe("buckets", () => {
  it("treats a bucket this dashboard does not serve as the default bucket", () => {
    const buckets = [{ bucket: "examplebucket-1250000000" }, { bucket: "archive-1250000000" }];
    expect(withKnownBucket(viewOf("bucket=archive-1250000000"), buckets).bucket).toBe("archive-1250000000");
    expect(withKnownBucket(viewOf("bucket=other-1250000000&type=Job"), buckets)).toMatchObject({
      bucket: null,
      type: "Job",
    });
    expect(withKnownBucket(viewOf(""), buckets).bucket).toBeNull();
  });
});

describe("labels", () => {
  it("lists active filters and names the CSV after them", () => {
    const v = viewOf("bucket=examplebucket-1250000000&type=Job&states=Failed&created=24h&name=n&cursor=t&back=s");
    expect(activeFilters(v).map((f) => f.key)).toEqual(["type", "states", "created", "name"]);
    expect(activeFilters(viewOf(""))).toEqual([]);
    expect(viewFileNameParts(v)).toEqual([
      "examplebucket-1250000000",
      "type-Job",
      "states-Failed",
      "created-last-24h",
      "name-n",
      "page-3",
    ]);
  });
});
