import "server-only";
/**
 * The `nextToken` of /api/jobs/{jobId}/files is ours, not CI's: CI's token plus the stream it belongs to, bound by an
 * HMAC to the bucket, the batch and the filters it was issued for. A token from another batch, another filter or
 * made up is refused (400) before anything reaches CI. The key is derived from the CI secret key (every instance
 * derives the same one; the secret itself never leaves the server and cannot be recovered from the tag).
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { getConfig } from "../config";
import { ApiProblem } from "../problem";

export interface FilesCursor {
  /** Index of the stream (workflow) the page continues in. */
  stream: number;
  /** CI's own nextToken inside that stream; absent when the stream starts from its beginning. */
  ciToken?: string;
}

export const MAX_CURSOR_LENGTH = 2048;

function key(): Buffer {
  return createHash("sha256").update(`batch-files-cursor|${getConfig().secretKey}`).digest();
}

const tag = (binding: string, payload: string) =>
  createHmac("sha256", key()).update(`${binding}\n${payload}`).digest("base64url").slice(0, 32);

export function encodeFilesCursor(binding: string, cursor: FilesCursor): string {
  const payload = Buffer.from(JSON.stringify([cursor.stream, cursor.ciToken ?? ""]), "utf8").toString("base64url");
  return `${payload}.${tag(binding, payload)}`;
}

export function decodeFilesCursor(binding: string, token: string): FilesCursor {
  const bad = () =>
    new ApiProblem(
      400,
      "ValidationError",
      "nextToken: not a cursor this batch's file list gave (another batch, other filters, or altered)",
      {
        fields: [{ path: "nextToken", message: "Not a cursor of this file list" }],
      },
    );
  if (token.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{32}$/.test(token)) throw bad();
  const [payload, given] = token.split(".") as [string, string];
  const expected = Buffer.from(tag(binding, payload));
  if (!timingSafeEqual(expected, Buffer.from(given))) throw bad();
  try {
    const [stream, ciToken] = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof stream !== "number" || !Number.isInteger(stream) || stream < 0 || typeof ciToken !== "string")
      throw bad();
    return { stream, ...(ciToken ? { ciToken } : {}) };
  } catch {
    throw bad();
  }
}
