/**
 * The list's `nextToken`: opaque to clients, but a keyset cursor inside (the last job's creation time and ID), so
 * pages neither overlap nor skip when new jobs arrive between calls. It is bound to the query's filters and carries a
 * short MAC, so a token from another query, or one we never issued, is refused with 400 InvalidArgument.
 */
import { createHmac } from "node:crypto";
import { invalidArgument } from "../ci-error";

export interface Cursor {
  createdAt: number;
  jobId: string;
}

const mac = (secret: string, payload: string) =>
  createHmac("sha1", secret).update(payload).digest("base64url").slice(0, 12);

export function encodeToken(cursor: Cursor, fingerprint: string, secret: string): string {
  const payload = Buffer.from(`${cursor.createdAt}:${cursor.jobId}:${fingerprint}`).toString("base64url");
  return `${payload}.${mac(secret, payload)}`;
}

export function decodeToken(token: string, fingerprint: string, secret: string): Cursor {
  const [payload, sig, ...rest] = token.split(".");
  if (!payload || !sig || rest.length || mac(secret, payload) !== sig)
    throw invalidArgument("nextToken is invalid or has expired");
  const [created, jobId, fp] = Buffer.from(payload, "base64url").toString("utf8").split(":");
  if (fp !== fingerprint)
    throw invalidArgument("nextToken belongs to a different query; keep the same filters while paging");
  const createdAt = Number(created);
  if (!Number.isFinite(createdAt) || !jobId) throw invalidArgument("nextToken is invalid or has expired");
  return { createdAt, jobId };
}
