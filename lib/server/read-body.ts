import "server-only";
import { ApiProblem } from "./problem";

export const MAX_BODY_BYTES = 256 * 1024;

const tooLarge = (limit: number) => new ApiProblem(413, "BodyTooLarge", `The request body is over ${limit / 1024} KiB`);

/**
 * The body's bytes, counted as they arrive: at the limit we stop reading, so a chunked body,
 * or one whose Content-Length lies, never gets buffered beyond `limit` bytes. A declared length over the limit is
 * refused before reading anything.
 */
export async function readBodyBytes(req: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) throw tooLarge(limit);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      // Stop reading here: the rest is never read, so never buffered (backpressure holds it in the client's socket).
      // Not cancel(): that destroys the connection before the 413 can be written, and the client sees a reset.
      reader.releaseLock();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Reads a JSON body with a byte cap; malformed JSON (or UTF-8) is the caller's mistake (400), never ours (500). */
export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const bytes = await readBodyBytes(req, limit);
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw new ApiProblem(400, "MalformedJson", "The request body is not valid JSON", {
      fields: [{ path: "body", message: "Not valid JSON" }],
    });
  }
}
