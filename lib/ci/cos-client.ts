import "server-only";
/**
 * The COS calls the dashboard makes (docs/ci-api.md §8.3): list objects, write one object, read one (bounded) and
 * check one exists, on `<bucket>.cos.<region>.myqcloud.com` with the same q-sign-algorithm signature as CI, sent to
 * CI_ENDPOINT's address when one is set (the emulator answers both hosts). The shapes follow cos-go-sdk-v5
 * (bucket.go Get: `GET /?prefix=&marker=&max-keys=&encoding-type=url`; object.go Put/Get/Head) and the COS API docs.
 */
import { CiError } from "./errors";
import { badResponse } from "./responses";
import { createCaller, type CallerOptions } from "./signed-call";
import type { HttpResponse } from "./transport";
import { parseXml, type XmlObject, type XmlValue } from "./xml";

export interface CosTarget {
  bucket: string;
  region: string;
}

export interface CosObject {
  key: string;
  size: number;
  /** As COS writes it (ISO-8601, e.g. 2019-05-24T10:56:40.000Z). */
  lastModified: string;
}

export interface CosListPage {
  objects: CosObject[];
  /** `Contents` entries that could not be read (skipped, never fatal). */
  skipped: number;
  isTruncated: boolean;
  /** Where the next page starts (NextMarker, or the last key when COS omits it). */
  nextMarker: string | null;
  requestId: string;
}

export interface CosClient {
  /** One page (max-keys ≤ 1000); keys are requested URL-encoded (`encoding-type=url`) and decoded here. */
  listObjects(t: CosTarget, q: { prefix?: string; marker?: string; maxKeys?: number }): Promise<CosListPage>;
  /** Writes an object; the body's Content-MD5 is sent and signed, so COS refuses a body changed on the way. */
  putObject(
    t: CosTarget,
    key: string,
    body: string | Buffer,
    contentType?: string,
  ): Promise<{ etag?: string; requestId: string }>;
  /** Reads at most `maxBytes` from the start of an object (a Range request); `truncated` when it is longer. */
  getObject(
    t: CosTarget,
    key: string,
    opts: { maxBytes: number },
  ): Promise<{ body: string; truncated: boolean; size?: number; requestId: string } | null>;
  headObject(
    t: CosTarget,
    key: string,
  ): Promise<{ exists: boolean; size?: number; lastModified?: string; requestId: string }>;
  close(): void;
}

export const cosHost = (t: CosTarget) => `${t.bucket}.cos.${t.region}.myqcloud.com`;

/** The object URL COS serves a key at (what an Input.UrlFile line holds): each path segment percent-encoded. */
export function cosObjectUrl(t: CosTarget, key: string): string {
  return `https://${cosHost(t)}/${key.split("/").map(encodeURIComponent).join("/")}`;
}

const isObject = (v: XmlValue | undefined): v is XmlObject => !!v && typeof v === "object" && !Array.isArray(v);
const text = (v: XmlValue | undefined) => (typeof v === "string" ? v : undefined);
const header = (res: HttpResponse, name: string) => {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
};
const requestIdOf = (res: HttpResponse) => header(res, "x-cos-request-id") ?? header(res, "x-ci-request-id") ?? "";

function decodeKey(raw: string, urlEncoded: boolean): string | null {
  if (!urlEncoded) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** Reads a ListBucketResult; exported for tests that feed it the doc's samples. */
export function readListBucketResult(res: HttpResponse): CosListPage {
  let doc: XmlObject;
  try {
    doc = parseXml(res.body);
  } catch {
    throw badResponse(res, "read", "not well-formed XML");
  }
  const root = doc.ListBucketResult;
  if (root === undefined) throw badResponse(res, "read", "no <ListBucketResult> element");
  const r: XmlObject = isObject(root) ? root : {};
  const urlEncoded = text(r.EncodingType) === "url";
  const contents = r.Contents === undefined ? [] : Array.isArray(r.Contents) ? r.Contents : [r.Contents];
  const objects: CosObject[] = [];
  for (const c of contents) {
    if (!isObject(c)) continue;
    const key = decodeKey(text(c.Key) ?? "", urlEncoded);
    const size = Number(text(c.Size));
    if (!key || !Number.isFinite(size) || size < 0) continue;
    objects.push({ key, size, lastModified: text(c.LastModified) ?? "" });
  }
  const isTruncated = text(r.IsTruncated) === "true";
  const next = text(r.NextMarker);
  const nextMarker = isTruncated
    ? ((next ? decodeKey(next, urlEncoded) : null) ?? objects[objects.length - 1]?.key ?? null)
    : null;
  return { objects, skipped: contents.length - objects.length, isTruncated, nextMarker, requestId: requestIdOf(res) };
}

export function createCosClient(opts: CallerOptions): CosClient {
  const { call, close } = createCaller({ ...opts, securityTokenHeader: "x-cos-security-token" });
  const target = (t: CosTarget) => ({ host: cosHost(t) });
  const objectPath = (key: string) => {
    if (key === "" || key.length > 850 || /[\u0000-\u001f\u007f]/.test(key)) {
      throw new CiError({ status: 0, code: "InvalidArgument", message: "Not a valid object key", retryable: false });
    }
    return `/${key}`;
  };

  return {
    async listObjects(t, q) {
      const query = { prefix: q.prefix ?? "", marker: q.marker, "max-keys": q.maxKeys ?? 1000, "encoding-type": "url" };
      const res = await call(target(t), { method: "GET", path: "/", query, kind: "read" });
      return readListBucketResult(res);
    },

    async putObject(t, key, body, contentType = "text/plain; charset=utf-8") {
      // A write of the same bytes to the same key is harmless, but a "write" is never retried blindly: kind trigger.
      const res = await call(target(t), { method: "PUT", path: objectPath(key), body, contentType, kind: "trigger" });
      return { etag: header(res, "etag"), requestId: requestIdOf(res) };
    },

    async getObject(t, key, { maxBytes }) {
      try {
        const res = await call(target(t), {
          method: "GET",
          path: objectPath(key),
          headers: { range: `bytes=0-${Math.max(0, maxBytes - 1)}` },
          kind: "read",
        });
        const total = /\/(\d+)$/.exec(header(res, "content-range") ?? "")?.[1];
        const size = total !== undefined ? Number(total) : Number(header(res, "content-length") ?? Number.NaN);
        const bytes = Buffer.from(res.body, "utf8");
        const body = bytes.length > maxBytes ? bytes.subarray(0, maxBytes).toString("utf8") : res.body;
        return {
          body,
          truncated: Number.isFinite(size) ? size > maxBytes : bytes.length > maxBytes,
          size: Number.isFinite(size) ? size : undefined,
          requestId: requestIdOf(res),
        };
      } catch (e) {
        if (e instanceof CiError && e.status === 404) return null;
        // A Range on an empty object is unsatisfiable: that object is simply empty.
        if (e instanceof CiError && e.status === 416)
          return { body: "", truncated: false, size: 0, requestId: e.requestId ?? "" };
        throw e;
      }
    },

    async headObject(t, key) {
      try {
        const res = await call(target(t), { method: "HEAD", path: objectPath(key), kind: "read" });
        const size = Number(header(res, "content-length"));
        return {
          exists: true,
          size: Number.isFinite(size) ? size : undefined,
          lastModified: header(res, "last-modified"),
          requestId: requestIdOf(res),
        };
      } catch (e) {
        if (e instanceof CiError && e.status === 404) return { exists: false, requestId: e.requestId ?? "" };
        throw e;
      }
    },

    close,
  };
}
