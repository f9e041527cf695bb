/**
 * The official Node SDK (cos-nodejs-sdk-v5) against the emulator's COS host: what it signs is accepted, and it reads
 * the emulator's ListBucketResult, ETags and errors as it reads COS's.
 */
import COS from "cos-nodejs-sdk-v5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRICKY_KEYS } from "./cos/seed-objects";
import { BUCKET, CREDS, REGION, startHarness, type Harness } from "./test-support/harness";

let h: Harness;
let cos: COS;
beforeAll(async () => {
  h = await startHarness({ now: Date.now }); // the SDK signs with the wall clock
  cos = new COS({ SecretId: CREDS.secretId, SecretKey: CREDS.secretKey, Protocol: "http:", Ip: `127.0.0.1:${h.port}` });
});
afterAll(() => h.close());

const call = <T>(fn: (cb: (err: COS.CosError | null, data: T) => void) => void) =>
  new Promise<{ err: COS.CosError | null; data: T }>((resolve) =>
    fn((err, data) => resolve({ err: err ?? null, data })),
  );

describe("cos-nodejs-sdk-v5 on the COS host", () => {
  it("getBucket pages a prefix with Marker/NextMarker", async () => {
    const first = await call<COS.GetBucketResult>((cb) =>
      cos.getBucket({ Bucket: BUCKET, Region: REGION, Prefix: "media/batch-250/", MaxKeys: 100 }, cb),
    );
    expect(first.err).toBeNull();
    expect(first.data.Contents).toHaveLength(100);
    expect(first.data.IsTruncated).toBe("true");
    const second = await call<COS.GetBucketResult>((cb) =>
      cos.getBucket(
        { Bucket: BUCKET, Region: REGION, Prefix: "media/batch-250/", MaxKeys: 1000, Marker: first.data.NextMarker },
        cb,
      ),
    );
    expect(second.data.Contents).toHaveLength(150);
    expect(second.data.Contents[0]!.Key).toBe("media/batch-250/clip-101.mp4");
  });

  it("getBucket with EncodingType url hands back the tricky keys decoded", async () => {
    const r = await call<COS.GetBucketResult>((cb) =>
      cos.getBucket({ Bucket: BUCKET, Region: REGION, Prefix: "media/tricky/", EncodingType: "url" }, cb),
    );
    expect(r.err).toBeNull();
    expect(r.data.Contents.map((c) => decodeURIComponent(c.Key)).sort()).toEqual([...TRICKY_KEYS].sort());
  });

  it("putObject, headObject and getObject round-trip a key with a space, + and Chinese", async () => {
    const Key = "retry/春节 a+b.txt";
    const put = await call<COS.PutObjectResult>((cb) =>
      cos.putObject({ Bucket: BUCKET, Region: REGION, Key, Body: Buffer.from("one\ntwo\n") }, cb),
    );
    expect(put.err).toBeNull();
    expect(put.data.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    const head = await call<COS.HeadObjectResult>((cb) => cos.headObject({ Bucket: BUCKET, Region: REGION, Key }, cb));
    expect(head.data.headers?.["content-length"]).toBe("8");
    const got = await call<COS.GetObjectResult>((cb) => cos.getObject({ Bucket: BUCKET, Region: REGION, Key }, cb));
    expect(String(got.data.Body)).toBe("one\ntwo\n");
  });

  it("surfaces NoSuchKey with COS's request ID", async () => {
    const r = await call<COS.HeadObjectResult>((cb) =>
      cos.getObject({ Bucket: BUCKET, Region: REGION, Key: "nope.txt" }, cb),
    );
    expect(r.err?.code).toBe("NoSuchKey");
    expect(r.err?.statusCode).toBe(404);
  });
});
