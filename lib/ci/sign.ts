/**
 * COS/CI request signature (q-sign-algorithm=sha1), exactly as docs/ci-api.md §2.1 describes it.
 * Pure and dependency-free so that the emulator can verify with the very same code the server signs with.
 */
import { createHash, createHmac } from "node:crypto";

export interface SignInput {
  method: string;
  /** Decoded path, e.g. `/inventorytriggerjob/b123` (never percent-encoded). */
  path: string;
  /** Decoded query values; `""` for a bare key such as `?cancel`. */
  query?: Record<string, string | undefined>;
  /** Headers to sign (names in any case). Only those passed are signed. */
  headers?: Record<string, string | undefined>;
  secretId: string;
  secretKey: string;
  /** `start;end` in Unix seconds. */
  keyTime: string;
}

export interface SignParts {
  headerList: string;
  urlParamList: string;
  httpString: string;
  stringToSign: string;
  signKey: string;
  signature: string;
  authorization: string;
}

/** RFC 3986 encoding: only A-Z a-z 0-9 - _ . ~ stay as they are; hex in upper case. */
export function camSafeUrlEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

const sha1Hex = (s: string) => createHash("sha1").update(s, "utf8").digest("hex");
const hmacSha1Hex = (key: string, msg: string) => createHmac("sha1", key).update(msg, "utf8").digest("hex");

/** Lower-cased encoded keys, sorted; values encoded. Returns the `k1;k2` list and the `k1=v1&k2=v2` string. */
function canonicalPairs(obj: Record<string, string | undefined> | undefined): { list: string; joined: string } {
  const pairs = Object.entries(obj ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [camSafeUrlEncode(k).toLowerCase(), camSafeUrlEncode(v ?? "")] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { list: pairs.map(([k]) => k).join(";"), joined: pairs.map(([k, v]) => `${k}=${v}`).join("&") };
}

/** Computes every intermediate of the signature (handy for tests and for the emulator's diagnostics). */
export function signParts(input: SignInput): SignParts {
  const params = canonicalPairs(input.query);
  const headers = canonicalPairs(input.headers);
  const httpString = `${input.method.toLowerCase()}\n${input.path}\n${params.joined}\n${headers.joined}\n`;
  const stringToSign = `sha1\n${input.keyTime}\n${sha1Hex(httpString)}\n`;
  const signKey = hmacSha1Hex(input.secretKey, input.keyTime);
  const signature = hmacSha1Hex(signKey, stringToSign);
  const authorization = [
    "q-sign-algorithm=sha1",
    `q-ak=${input.secretId}`,
    `q-sign-time=${input.keyTime}`,
    `q-key-time=${input.keyTime}`,
    `q-header-list=${headers.list}`,
    `q-url-param-list=${params.list}`,
    `q-signature=${signature}`,
  ].join("&");
  return {
    headerList: headers.list,
    urlParamList: params.list,
    httpString,
    stringToSign,
    signKey,
    signature,
    authorization,
  };
}

/** The `Authorization` header value. */
export function sign(input: SignInput): string {
  return signParts(input).authorization;
}

/**
 * Key time for a request made now: from a minute in the past (a server whose clock runs slightly behind ours still
 * accepts it) to `ttlSeconds` ahead, 5 minutes by default. Every attempt is signed afresh, so a short window costs
 * nothing; a captured Authorization is only good for those few minutes (the Node SDK's default is 900 s).
 */
export function keyTimeNow(nowMs = Date.now(), ttlSeconds = 300, skewSeconds = 60): string {
  const start = Math.floor(nowMs / 1000) - skewSeconds;
  return `${start};${start + skewSeconds + ttlSeconds}`;
}

export interface ParsedAuthorization {
  algorithm: string;
  secretId: string;
  signTime: string;
  keyTime: string;
  headerList: string[];
  urlParamList: string[];
  signature: string;
}

/** Parses an Authorization value; returns null when a required part is missing (CI answers InvalidAuthorization). */
export function parseAuthorization(value: string): ParsedAuthorization | null {
  const parts = new Map<string, string>();
  for (const piece of value.split("&")) {
    const eq = piece.indexOf("=");
    if (eq <= 0) return null;
    parts.set(piece.slice(0, eq), piece.slice(eq + 1));
  }
  const get = (k: string) => parts.get(k);
  const required = [
    "q-sign-algorithm",
    "q-ak",
    "q-sign-time",
    "q-key-time",
    "q-header-list",
    "q-url-param-list",
    "q-signature",
  ];
  if (required.some((k) => get(k) === undefined)) return null;
  const split = (s: string) => (s === "" ? [] : s.split(";"));
  return {
    algorithm: get("q-sign-algorithm")!,
    secretId: get("q-ak")!,
    signTime: get("q-sign-time")!,
    keyTime: get("q-key-time")!,
    headerList: split(get("q-header-list")!),
    urlParamList: split(get("q-url-param-list")!),
    signature: get("q-signature")!,
  };
}
