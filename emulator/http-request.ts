/**
 * Reads what the signature and the routes need from a Node request: the host, the decoded path, the query exactly as
 * sent (bare keys such as `?cancel` have the value ""), and the body. Accepts the absolute-form target
 * (`GET http://bucket.ci.region.myqcloud.com/…`) that HTTP proxies send, so a client may reach the emulator as a proxy.
 */
import type { IncomingMessage } from "node:http";
import { CiFault, invalidArgument } from "./ci-error";

export const MAX_BODY_BYTES = 1024 * 1024;

export interface ParsedTarget {
  /** Host from an absolute-form target, else the Host header. */
  host: string | undefined;
  /** Decoded path, e.g. `/inventorytriggerjob/b123`. */
  path: string;
  /** Query keys as sent (case kept), values decoded. Repeated keys: the last wins. */
  query: Map<string, string>;
}

/** Query-string decoding as browsers and URLSearchParams do it: `+` is a space. */
function decodeComponent(raw: string, what: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    throw invalidArgument(`The ${what} is not valid percent-encoding`);
  }
}

export function parseTarget(rawUrl: string, hostHeader: string | undefined): ParsedTarget {
  let target = rawUrl;
  let host = hostHeader;
  const absolute = /^https?:\/\/([^/?#]+)(.*)$/i.exec(target);
  if (absolute) {
    host = absolute[1];
    target = absolute[2] || "/";
  }
  const hashAt = target.indexOf("#");
  if (hashAt >= 0) target = target.slice(0, hashAt);
  const q = target.indexOf("?");
  const rawPath = q >= 0 ? target.slice(0, q) : target;
  const rawQuery = q >= 0 ? target.slice(q + 1) : "";
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    throw new CiFault(400, "InvalidUrl", "The request path is not valid percent-encoding");
  }
  const query = new Map<string, string>();
  for (const piece of rawQuery.split("&")) {
    if (piece === "") continue;
    const eq = piece.indexOf("=");
    const key = decodeComponent(eq >= 0 ? piece.slice(0, eq) : piece, "query parameter name");
    const value = eq >= 0 ? decodeComponent(piece.slice(eq + 1), `value of query parameter ${key}`) : "";
    query.set(key, value);
  }
  return { host, path: path || "/", query };
}

/** The body as UTF-8 text, or null when it exceeds MAX_BODY_BYTES (the rest is read and discarded). */
export function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The body's bytes, or null when it exceeds `limit` (the rest is read and discarded). */
export function readBodyBytes(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** A header's value as one string (Node gives arrays for a few repeated headers). */
export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(", ") : v;
}
