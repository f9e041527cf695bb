import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as previewRoute from "@/app/api/inputs/preview/route";
import { get, OTHER_BUCKET, startHarness, type Harness } from "../support/route-harness";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.admin("stats/reset", { method: "POST" });
});

interface Preview {
  count: number;
  countExact: boolean;
  bytes: number;
  sample: { key: string; size: number; lastModified: string }[];
  exists?: boolean;
  problems?: string[];
  cosCalls: number;
  describes?: string;
}

async function preview(query: string): Promise<{
  status: number;
  body: Preview & { error?: { code: string; message: string; fields?: { path: string }[] } };
}> {
  const res = await previewRoute.GET(get(`/api/inputs/preview?${query}`));
  return { status: res.status, body: (await res.json()) as never };
}

const cosCalls = async () =>
  Object.entries(await h.stats())
    .filter(([k]) => k.startsWith("COS"))
    .reduce((n, [, v]) => n + v, 0);

describe("GET /api/inputs/preview", () => {
  it("counts a prefix exactly with its bytes and a sample of names", async () => {
    const { status, body } = await preview("prefix=media/small/");
    expect(status).toBe(200);
    expect(body.count).toBe(12);
    expect(body.countExact).toBe(true);
    // 12 objects, 10 in the sample: the total is more than the sample's and every size is positive.
    expect(body.bytes).toBeGreaterThan(body.sample.reduce((n, o) => n + o.size, 0));
    expect(body.sample.length).toBe(10);
    expect(body.sample.every((o) => o.key.startsWith("media/small/"))).toBe(true);
    expect(body.cosCalls).toBe(1);
  });

  it("says 'more than N' past 10 COS calls (20,000 objects)", async () => {
    const { status, body } = await preview("prefix=media/batch-20k/");
    expect(status).toBe(200);
    expect(body.countExact).toBe(false);
    expect(body.count).toBe(10_000);
    expect(body.cosCalls).toBe(10);
    expect(await cosCalls()).toBe(10);
  });

  it("counts 10,000 objects exactly in 10 calls", async () => {
    const { body } = await preview("prefix=media/batch-10k/");
    expect(body.count).toBe(10_000);
    expect(body.countExact).toBe(true);
  });

  it("applies the time interval to LastModified", async () => {
    const all = (await preview("prefix=media/batch-250/")).body;
    const some = (
      await preview(
        `prefix=media/batch-250/&start=${encodeURIComponent("2026-03-01T00:00:00+0000")}&end=${encodeURIComponent("2026-04-01T00:00:00+0000")}`,
      )
    ).body;
    expect(all.count).toBe(250);
    expect(some.count).toBeGreaterThan(0);
    expect(some.count).toBeLessThan(250);
    for (const o of some.sample) {
      expect(Date.parse(o.lastModified)).toBeGreaterThanOrEqual(Date.parse("2026-03-01T00:00:00Z"));
      expect(Date.parse(o.lastModified)).toBeLessThanOrEqual(Date.parse("2026-04-01T00:00:00Z"));
    }
  });

  it("an empty prefix previews the whole bucket", async () => {
    const { status, body } = await preview("prefix=");
    expect(status).toBe(200);
    // The seeded bucket holds more than 10 calls' worth (10,000 keys): a lower bound, said as such.
    expect(body.count).toBe(10_000);
    expect(body.countExact).toBe(false);
    expect(new Set(body.sample.map((o) => o.key.split("/")[0])).size).toBeGreaterThan(0);
  });

  it("keeps keys with spaces, +, & and Chinese characters intact", async () => {
    const { body } = await preview(`prefix=${encodeURIComponent("media/tricky/")}`);
    const keys = body.sample.map((o) => o.key);
    expect(keys).toContain("media/tricky/holiday clip 01.mp4");
    expect(keys).toContain("media/tricky/a+b=c.mp4");
    expect(keys).toContain("media/tricky/rock & roll.mp4");
    expect(keys).toContain("media/tricky/春节联欢晚会.mp4");
    const one = await preview(`object=${encodeURIComponent("media/tricky/rock & roll.mp4")}`);
    expect(one.body.exists).toBe(true);
    expect(one.body.count).toBe(1);
  });

  it("says whether an object exists", async () => {
    const yes = await preview("object=media/one/keynote-00001.mp4");
    const no = await preview("object=media/one/nothing-here.mp4");
    expect(no.status).toBe(200);
    expect(no.body.exists).toBe(false);
    expect(no.body.count).toBe(0);
    expect(yes.body.exists ?? false).toBe(yes.body.count === 1);
  });

  it("counts a URL file's lines and checks its first lines", async () => {
    const { status, body } = await preview("urlFile=lists/sample-urls.txt");
    expect(status).toBe(200);
    expect(body.count).toBeGreaterThan(0);
    expect(body.countExact).toBe(true);
    expect(body.problems ?? []).toEqual([]);
    expect(body.sample.length).toBeGreaterThan(0);
    expect(body.cosCalls).toBeLessThanOrEqual(10);
    const missing = await preview("urlFile=lists/none.txt");
    expect(missing.body.exists).toBe(false);
  });

  it("says what a manifest describes", async () => {
    const { status, body } = await preview(
      `manifest=${encodeURIComponent("inventory/media-daily/20261101/manifest.json")}`,
    );
    expect(status).toBe(200);
    expect(body.count).toBeGreaterThan(0);
    expect(body.describes).toMatch(/COS inventory of/);
  });

  it("refuses bad input with a 400 naming the field, before any COS call", async () => {
    const cases: [string, string][] = [
      ["prefix=a%01b", "prefix"],
      ["object=x%0Ay", "object"],
      ["prefix=a&object=b", "object"],
      ["", "prefix"],
      ["object=", "object"],
      ["prefix=a&start=yesterday", "start"],
      ["prefix=a&bogus=1", "bogus"],
    ];
    for (const [q, field] of cases) {
      const { status, body } = await preview(q);
      expect(status, q).toBe(400);
      expect(body.error!.fields![0]!.path, q).toBe(field);
      expect(body.error!.message, q).toContain(field);
    }
    const unknown = await preview("bucket=evil-1250000000&prefix=a");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error!.code).toBe("UnknownBucket");
    expect(await cosCalls()).toBe(0);
  });

  it("previews another configured bucket on its own host", async () => {
    const { status } = await preview(`bucket=${OTHER_BUCKET}&prefix=media/small/`);
    expect(status).toBe(200);
  });
});
