/**
 * Verifies a COS/CI request signature with the very code the product signs with (lib/ci/sign.ts), answering the
 * codes of CI's error table (docs/ci-api.md §3.2). The order of checks, and why each answer is what it is, is in the README.
 */
import { timingSafeEqual } from "node:crypto";
import { camSafeUrlEncode, parseAuthorization, signParts } from "@/lib/ci/sign";
import { CiFault } from "./ci-error";
import type { EmulatorCredentials } from "./types";

/** The auth parts that may travel as query parameters instead of the Authorization header; never signed. */
export const AUTH_QUERY_KEYS = [
  "q-sign-algorithm",
  "q-ak",
  "q-sign-time",
  "q-key-time",
  "q-header-list",
  "q-url-param-list",
  "q-signature",
] as const;
const UNSIGNED_QUERY_KEYS = new Set<string>([...AUTH_QUERY_KEYS, "x-cos-security-token", "x-ci-security-token"]);

/**
 * Bare action flags that may be sent without being signed: the Python SDK signs `PUT …?cancel` with an empty
 * q-url-param-list and CI accepts it (docs/ci-api.md §1 "Notes on cancel").
 */
const UNSIGNED_ACTION_FLAGS = new Set(["cancel"]);

export interface SignedRequest {
  method: string;
  /** Decoded path. */
  path: string;
  query: ReadonlyMap<string, string>;
  header: (lowerCaseName: string) => string | undefined;
}

export interface VerifyOptions {
  credentials: EmulatorCredentials;
  nowMs: number;
  skewSeconds: number;
  requireSignedParams: boolean;
}

const unauthorized = (code: string, message: string) => new CiFault(401, code, message);
const denied = (message: string, diagnostic?: string) => new CiFault(403, "AccessDenied", message, diagnostic);

/** The Authorization value, from the header or reassembled from q-* query parameters; null when there is none. */
function authorizationOf(req: SignedRequest): string | null {
  const header = req.header("authorization");
  if (header !== undefined && header.trim() !== "") return header.trim();
  if (!AUTH_QUERY_KEYS.some((k) => req.query.has(k))) return null;
  return AUTH_QUERY_KEYS.filter((k) => req.query.has(k))
    .map((k) => `${k}=${req.query.get(k)}`)
    .join("&");
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Throws a CiFault unless the request carries a valid signature by the configured credentials. */
export function verifySignature(req: SignedRequest, opts: VerifyOptions): void {
  const value = authorizationOf(req);
  if (value === null)
    throw unauthorized("MissingAuthorization", "The request has no Authorization header or q-* parameters");
  const auth = parseAuthorization(value);
  if (!auth) throw unauthorized("InvalidAuthorization", "Authorization is malformed: a q-* part is missing");
  if (auth.algorithm.toLowerCase() !== "sha1")
    throw unauthorized("InvalidAuthorization", `Unsupported q-sign-algorithm ${auth.algorithm}; use sha1`);
  const time = /^(\d{1,12});(\d{1,12})$/.exec(auth.keyTime);
  if (!time || auth.signTime !== auth.keyTime)
    throw unauthorized("InvalidAuthorization", "q-key-time must be start;end in Unix seconds and equal q-sign-time");
  if (!/^[0-9a-f]{40}$/i.test(auth.signature))
    throw unauthorized("InvalidAuthorization", "q-signature must be 40 hexadecimal characters");
  const start = Number(time[1]);
  const end = Number(time[2]);
  if (start > end) throw unauthorized("InvalidAuthorization", "q-key-time starts after it ends");

  if (auth.secretId !== opts.credentials.secretId)
    throw unauthorized("SecretidNotExist", "The SecretId does not exist");

  const nowSec = Math.floor(opts.nowMs / 1000);
  if (nowSec + opts.skewSeconds < start)
    throw unauthorized("SignatureExpired", "The signature is not valid yet (q-key-time starts in the future)");
  if (nowSec - opts.skewSeconds > end)
    throw unauthorized("SignatureExpired", "The signature has expired (q-key-time ended)");

  // Headers: every listed header must be present, and host must be among them (it binds the signature to the bucket).
  const headerNames = auth.headerList.map((h) => safeDecode(h).toLowerCase());
  if (!headerNames.includes("host"))
    throw denied("The signature must cover the host header (q-header-list lacks host)");
  const headers: Record<string, string> = {};
  for (const name of headerNames) {
    const v = req.header(name);
    if (v === undefined) throw denied(`Header ${name} is in q-header-list but not in the request`);
    headers[name] = v;
  }

  // Query: every listed parameter must be sent; every sent parameter must be listed (unless exempt or not strict).
  const listed = new Set(auth.urlParamList.map((p) => p.toLowerCase()));
  const query: Record<string, string> = {};
  const seen = new Set<string>();
  for (const [key, v] of req.query) {
    if (UNSIGNED_QUERY_KEYS.has(key.toLowerCase())) continue;
    const canonical = camSafeUrlEncode(key).toLowerCase();
    if (listed.has(canonical)) {
      query[key] = v;
      seen.add(canonical);
    } else if (opts.requireSignedParams && !(UNSIGNED_ACTION_FLAGS.has(key) && v === "")) {
      throw denied(`Query parameter ${key} is not signed (add it to q-url-param-list)`);
    }
  }
  const missing = [...listed].filter((p) => !seen.has(p));
  if (missing.length) throw denied(`Parameter ${missing[0]} is in q-url-param-list but not in the request`);

  const expected = signParts({
    method: req.method,
    path: req.path,
    query,
    headers,
    secretId: auth.secretId,
    secretKey: opts.credentials.secretKey,
    keyTime: auth.keyTime,
  });
  const a = Buffer.from(expected.signature, "utf8");
  const b = Buffer.from(auth.signature.toLowerCase(), "utf8");
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw denied(
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      JSON.stringify(expected.httpString),
    );
  }
}
