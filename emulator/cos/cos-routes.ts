/**
 * The COS endpoints the product needs (docs/ci-api.md §8.3; COS 436/7734 GET Bucket, 436/7749 PUT Object,
 * 436/7753 GET Object, 436/7745 HEAD Object): list, write, read and check objects of a configured bucket.
 */
import { createHash } from "node:crypto";
import { CiFault } from "../ci-error";
import type { RouteKey } from "../types";
import type { CosBucket } from "./cos-bucket";
import { cosXml, type CosResult } from "./cos-response";
import type { CosObject } from "./object-source";

/** Largest PUT body the emulator keeps (COS allows 5 GB; a URL list of 5,000 keys is well under 1 MB). */
export const MAX_PUT_BYTES = 5 * 1024 * 1024;
/** COS object keys are at most 850 bytes of UTF-8 (COS 436/13324). */
const MAX_KEY_BYTES = 850;

export type CosRouteMatch = { key: RouteKey; objectKey?: string } | { key: null; fault: CiFault };

export function matchCosRoute(method: string, path: string): CosRouteMatch {
  if (path === "/")
    return method === "GET"
      ? { key: "COS GET /" }
      : { key: null, fault: new CiFault(405, "MethodNotAllowed", `${method} is not allowed on the bucket`) };
  const objectKey = path.slice(1);
  if (method === "PUT") return { key: "COS PUT /:key", objectKey };
  if (method === "GET") return { key: "COS GET /:key", objectKey };
  if (method === "HEAD") return { key: "COS HEAD /:key", objectKey };
  return { key: null, fault: new CiFault(405, "MethodNotAllowed", `${method} is not allowed on an object`) };
}

export interface CosContext {
  bucket: CosBucket;
  query: ReadonlyMap<string, string>;
  objectKey?: string;
  body: Buffer;
  header: (lowerCaseName: string) => string | undefined;
  now: number;
}

const invalid = (message: string) => new CiFault(400, "InvalidArgument", message);

/**
 * With `encoding-type=url` keys and prefixes are percent-encoded (COS 436/7734: "腾讯云" → %E8%85%BE…). The doc does
 * not say whether `/` is encoded; we keep it, which any decodeURIComponent reads back the same.
 */
const urlEncodeKey = (key: string) => key.split("/").map(encodeURIComponent).join("/");

const cosTime = (ms: number) => new Date(ms).toISOString(); // 2020-12-10T03:37:30.000Z, as COS lists
const etagHeader = (o: CosObject) => `"${o.etag}"`;

export function handleCosList(ctx: CosContext, appId: string): CosResult {
  const q = ctx.query;
  const rawMax = q.get("max-keys");
  let maxKeys = 1000;
  if (rawMax !== undefined && rawMax !== "") {
    if (!/^\d{1,9}$/.test(rawMax) || Number(rawMax) > 1000)
      throw invalid("max-keys must be a whole number from 0 to 1000");
    maxKeys = Number(rawMax);
  }
  const encoding = q.get("encoding-type") || undefined;
  if (encoding !== undefined && encoding !== "url") throw invalid("encoding-type must be url");
  const prefix = q.get("prefix") ?? "";
  const delimiter = q.get("delimiter") ?? "";
  const marker = q.get("marker") ?? "";
  const page = ctx.bucket.list({ prefix, delimiter, marker, maxKeys });
  const enc = (s: string) => (encoding ? urlEncodeKey(s) : s);
  // Element order as in COS's samples; empty Prefix/Marker are written as empty elements.
  const body: Record<string, unknown> = { Name: ctx.bucket.bucket };
  if (encoding) body.EncodingType = encoding;
  body.Prefix = enc(prefix);
  body.Marker = enc(marker);
  body.MaxKeys = String(maxKeys);
  if (delimiter) body.Delimiter = enc(delimiter);
  body.IsTruncated = page.isTruncated ? "true" : "false";
  if (page.nextMarker !== undefined) body.NextMarker = enc(page.nextMarker);
  body.CommonPrefixes = page.commonPrefixes.map((p) => ({ Prefix: enc(p) }));
  body.Contents = page.contents.map((o) => ({
    Key: enc(o.key),
    LastModified: cosTime(o.lastModified),
    ETag: etagHeader(o),
    Size: String(o.size),
    Owner: { ID: appId, DisplayName: appId },
    StorageClass: "STANDARD",
  }));
  const result = cosXml("ListBucketResult", body);
  result.headers = { ...result.headers, "x-cos-bucket-region": ctx.bucket.region }; // COS 436/7734 response header
  return result;
}

function objectHeaders(o: CosObject): Record<string, string> {
  return {
    "Content-Type": o.contentType ?? "application/octet-stream",
    ETag: etagHeader(o),
    "Last-Modified": new Date(o.lastModified).toUTCString(),
  };
}

const noSuchKey = (key: string) => new CiFault(404, "NoSuchKey", `The specified key does not exist: ${key}`);

export function handleCosGet(ctx: CosContext): CosResult {
  const key = ctx.objectKey!;
  const o = ctx.bucket.get(key);
  if (!o) throw noSuchKey(key);
  // Seeded media objects are metadata only: GET answers a short placeholder (and says so), HEAD their listed size.
  if (!o.content)
    return {
      status: 200,
      body: `emulator placeholder for ${key} (${o.size} bytes listed)\n`,
      headers: { ...objectHeaders(o), "Content-Type": "text/plain", "x-emulator-placeholder": "true" },
    };
  return { status: 200, body: o.content(), headers: objectHeaders(o) };
}

export function handleCosHead(ctx: CosContext): CosResult {
  const key = ctx.objectKey!;
  const o = ctx.bucket.get(key);
  if (!o) throw noSuchKey(key);
  return { status: 200, body: "", headers: objectHeaders(o), contentLength: o.size };
}

/** Called with body null when it was larger than MAX_PUT_BYTES. */
export function handleCosPut(ctx: Omit<CosContext, "body"> & { body: Buffer | null }): CosResult {
  const key = ctx.objectKey!;
  if (key === "") throw invalid("The object key is empty");
  if (Buffer.byteLength(key) > MAX_KEY_BYTES)
    throw new CiFault(400, "KeyTooLong", `The object key is longer than ${MAX_KEY_BYTES} bytes`);
  if (ctx.body === null)
    throw new CiFault(
      400,
      "EntityTooLarge",
      `Your proposed upload exceeds the emulator's maximum of ${MAX_PUT_BYTES} bytes`,
    );
  const md5 = ctx.header("content-md5");
  if (md5 !== undefined) {
    if (!/^[A-Za-z0-9+/]{22}==$/.test(md5.trim()))
      throw new CiFault(400, "InvalidDigest", "The Content-MD5 you specified is not valid");
    if (createHash("md5").update(ctx.body).digest("base64") !== md5.trim())
      throw new CiFault(400, "BadDigest", "The Content-MD5 you specified did not match what we received");
  }
  const o = ctx.bucket.put(key, ctx.body, ctx.header("content-type"), ctx.now);
  return { status: 200, body: "", headers: { ETag: etagHeader(o) } };
}
