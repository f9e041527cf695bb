/** COS on the bucket's COS host: list (paging, prefixes, delimiter, encoding), PUT/GET/HEAD, errors, signature, faults. */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { XmlObject } from "@/lib/ci/xml";
import { MIXED_KEYS, SAMPLE_MANIFEST, SAMPLE_URL_FILE, TRICKY_KEYS } from "./cos/seed-objects";
import { BUCKET, REGION, startHarness, type Harness, type Reply } from "./test-support/harness";

const COS_HOST = `${BUCKET}.cos.${REGION}.myqcloud.com`;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const arr = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const list = (query: Record<string, string>) => h.send({ path: "/", query, host: COS_HOST });
const result = (r: Reply) => (r.xml?.ListBucketResult ?? {}) as XmlObject;
const keysOf = (r: Reply) => arr(result(r).Contents as XmlObject | XmlObject[]).map((c) => String(c.Key));
const cosError = (r: Reply) => (r.xml?.Error ?? {}) as Record<string, string>;

describe("COS list objects", () => {
  it("lists a small prefix with COS's elements and headers", async () => {
    const r = await list({ prefix: "media/small/" });
    expect(r.status).toBe(200);
    expect(r.headers["x-cos-request-id"]).toBeTruthy();
    expect(r.headers.server).toBe("tencent-cos");
    expect(r.headers["x-cos-bucket-region"]).toBe(REGION);
    const res = result(r);
    expect(res.Name).toBe(BUCKET);
    expect(res.Prefix).toBe("media/small/");
    expect(res.MaxKeys).toBe("1000");
    expect(res.IsTruncated).toBe("false");
    expect(res.NextMarker).toBeUndefined();
    const contents = arr(res.Contents as XmlObject[]);
    expect(contents).toHaveLength(12);
    const first = contents[0]!;
    expect(first.Key).toBe("media/small/clip-01.mp4");
    expect(String(first.LastModified)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    expect(String(first.ETag)).toMatch(/^"[0-9a-f]{32}"$/);
    expect(Number(first.Size)).toBeGreaterThan(0);
    expect(first.StorageClass).toBe("STANDARD");
  });

  it("prefixes of 1, 250, 10,000 and 20,000 objects; media/one has one", async () => {
    expect(keysOf(await list({ prefix: "media/one/" }))).toHaveLength(1);
    const r = await list({ prefix: "media/batch-250/", "max-keys": "1000" });
    expect(keysOf(r)).toHaveLength(250);
  });

  it("pages 10,000 keys with marker/NextMarker: no duplicates, none missing, UTF-8 order", async () => {
    const seen: string[] = [];
    let marker = "";
    for (let pages = 0; pages < 20; pages++) {
      const r = await list({ prefix: "media/batch-10k/", "max-keys": "1000", ...(marker ? { marker } : {}) });
      seen.push(...keysOf(r));
      if (result(r).IsTruncated !== "true") break;
      marker = String(result(r).NextMarker);
      expect(marker).toBe(seen[seen.length - 1]);
    }
    expect(seen).toHaveLength(10_000);
    expect(new Set(seen).size).toBe(10_000);
    expect(seen).toEqual([...seen].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
  });

  it("delimiter groups keys into CommonPrefixes, which count toward max-keys and page without repeats", async () => {
    const r = await list({ prefix: "media/", delimiter: "/" });
    const prefixes = arr(result(r).CommonPrefixes as XmlObject[]).map((p) => String(p.Prefix));
    expect(prefixes).toEqual(
      expect.arrayContaining(["media/one/", "media/small/", "media/tricky/", "media/batch-20k/"]),
    );
    expect(keysOf(r)).toEqual([]);
    const paged: string[] = [];
    let marker = "";
    for (let i = 0; i < 20; i++) {
      const p = await list({ prefix: "media/", delimiter: "/", "max-keys": "2", ...(marker ? { marker } : {}) });
      paged.push(...arr(result(p).CommonPrefixes as XmlObject[]).map((x) => String(x.Prefix)));
      if (result(p).IsTruncated !== "true") break;
      marker = String(result(p).NextMarker);
    }
    expect(paged).toEqual(prefixes);
  });

  it("keys with spaces, +, &, %, Chinese and an emoji: plain and encoding-type=url", async () => {
    const plain = keysOf(await list({ prefix: "media/tricky/" }));
    expect(plain).toEqual([...TRICKY_KEYS].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    const encoded = await list({ prefix: "media/tricky/", "encoding-type": "url" });
    expect(result(encoded).EncodingType).toBe("url");
    expect(keysOf(encoded).map(decodeURIComponent)).toEqual(plain);
    expect(keysOf(encoded)).toContain("media/tricky/%E6%98%A5%E8%8A%82%E8%81%94%E6%AC%A2%E6%99%9A%E4%BC%9A.mp4");
    expect(keysOf(encoded)).toContain("media/tricky/a%2Bb%3Dc.mp4");
  });

  it("a marker in the middle and max-keys=0", async () => {
    const r = await list({ prefix: "media/mixed/", marker: MIXED_KEYS[9]!, "max-keys": "3" });
    expect(keysOf(r)).toEqual(MIXED_KEYS.slice(10, 13));
    expect(result(r).IsTruncated).toBe("true");
    expect(keysOf(await list({ prefix: "media/mixed/", "max-keys": "0" }))).toEqual([]);
  });

  it.each([
    ["max-keys", "1001"],
    ["max-keys", "ten"],
    ["encoding-type", "base64"],
  ])("400 InvalidArgument for %s=%s, in COS's error shape", async (k, v) => {
    const r = await list({ [k]: v });
    expect(r.status).toBe(400);
    const e = cosError(r);
    expect(e.Code).toBe("InvalidArgument");
    expect(e.Resource).toBe(`${COS_HOST}/`);
    expect(e.RequestId).toBe(r.headers["x-cos-request-id"]);
    expect(e.TraceId).toBeTruthy();
  });
});

describe("COS objects", () => {
  it("PUT then GET and HEAD round-trip a key with spaces, + and Chinese; the object is listed", async () => {
    const key = "retry-lists/春节 a+b & c.txt";
    const body = "line one\nline two\n";
    const put = await h.send({
      method: "PUT",
      path: `/${key}`,
      encodePath: true,
      host: COS_HOST,
      body,
      headers: { "Content-Type": "text/plain" },
    });
    expect(put.status).toBe(200);
    expect(put.headers.etag).toBe(`"${createHash("md5").update(body).digest("hex")}"`);
    const get = await h.send({ path: `/${key}`, encodePath: true, host: COS_HOST });
    expect([get.status, get.text, get.headers["content-type"]]).toEqual([200, body, "text/plain"]);
    const head = await h.send({ method: "HEAD", path: `/${key}`, encodePath: true, host: COS_HOST });
    expect([head.status, head.headers["content-length"], head.text]).toEqual([
      200,
      String(Buffer.byteLength(body)),
      "",
    ]);
    expect(keysOf(await list({ prefix: "retry-lists/" }))).toEqual([key]);
  });

  it("Content-MD5: a match is stored, a mismatch is 400 BadDigest and stores nothing", async () => {
    const body = "x\n";
    const good = createHash("md5").update(body).digest("base64");
    expect(
      (await h.send({ method: "PUT", path: "/md5/good.txt", host: COS_HOST, body, headers: { "Content-MD5": good } }))
        .status,
    ).toBe(200);
    const bad = await h.send({
      method: "PUT",
      path: "/md5/bad.txt",
      host: COS_HOST,
      body,
      headers: { "Content-MD5": createHash("md5").update("y").digest("base64") },
    });
    expect([bad.status, cosError(bad).Code]).toEqual([400, "BadDigest"]);
    expect((await h.send({ method: "HEAD", path: "/md5/bad.txt", host: COS_HOST })).status).toBe(404);
  });

  it("a body over 5 MB is 400 EntityTooLarge", async () => {
    const r = await h.send({ method: "PUT", path: "/big.bin", host: COS_HOST, body: "a".repeat(5 * 1024 * 1024 + 1) });
    expect([r.status, cosError(r).Code]).toEqual([400, "EntityTooLarge"]);
  });

  it("GET of a missing key is 404 NoSuchKey with the key as Resource", async () => {
    const r = await h.send({ path: "/nope/missing.mp4", host: COS_HOST });
    expect([r.status, cosError(r).Code, cosError(r).Resource]).toEqual([
      404,
      "NoSuchKey",
      `${COS_HOST}/nope/missing.mp4`,
    ]);
  });

  it("the seeded URL list names COS URLs of this bucket; the manifest names its data file", async () => {
    const urls = await h.send({ path: `/${SAMPLE_URL_FILE}`, host: COS_HOST });
    const lines = urls.text.trim().split("\n");
    expect(lines).toHaveLength(12 + TRICKY_KEYS.length);
    expect(lines[0]).toBe(`https://${COS_HOST}/media/small/clip-01.mp4`);
    const manifest = JSON.parse((await h.send({ path: `/${SAMPLE_MANIFEST}`, host: COS_HOST })).text);
    expect(manifest.fileFormat).toBe("CSV");
    const data = await h.send({ method: "HEAD", path: `/${manifest.files[0].key}`, host: COS_HOST });
    expect(data.status).toBe(200);
  });
});

describe("COS signature, bucket and faults", () => {
  it("an unsigned request is 403 AccessDenied; a wrong key is 403 SignatureDoesNotMatch", async () => {
    const r = await h.send({ path: "/", host: COS_HOST, sign: false });
    expect([r.status, cosError(r).Code]).toEqual([403, "AccessDenied"]);
    const w = await h.send({ path: "/", host: COS_HOST, sign: { secretKey: "wrong" } });
    expect([w.status, cosError(w).Code]).toEqual([403, "SignatureDoesNotMatch"]);
    const unsignedParam = await h.send({ path: "/", host: COS_HOST, query: { prefix: "media/" }, sign: { query: {} } });
    expect(unsignedParam.status).toBe(403);
  });

  it("an unconfigured bucket is 404 NoSuchBucket", async () => {
    const host = `other-1250000000.cos.${REGION}.myqcloud.com`;
    const r = await h.send({ path: "/", host });
    expect([r.status, cosError(r).Code]).toEqual([404, "NoSuchBucket"]);
  });

  it("faults apply to COS route keys and are counted per route", async () => {
    await h.admin("POST", "stats/reset");
    await h.admin("POST", "faults", { errorRate: 1, routes: ["COS GET /"] });
    const r = await list({ prefix: "media/" });
    expect([r.status, cosError(r).Code]).toEqual([500, "InternalError"]);
    expect((await h.send({ path: `/${SAMPLE_URL_FILE}`, host: COS_HOST })).status).toBe(200);
    await h.admin("DELETE", "faults");
    const stats = (await h.admin("GET", "stats")).json;
    expect(stats.routes["COS GET /"]).toBe(1);
    expect(stats.routes["COS GET /:key"]).toBe(1);
  });
});
