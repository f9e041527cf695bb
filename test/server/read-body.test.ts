import { describe, expect, it } from "vitest";
import { ApiProblem } from "@/lib/server/problem";
import { readJsonBody } from "@/lib/server/read-body";

/** A body that never ends on its own (as a hostile chunked upload), counting how many chunks were pulled. */
function endlessBody(chunkBytes: number) {
  const stats = { pulled: 0, cancelled: false };
  const chunk = new Uint8Array(chunkBytes).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      stats.pulled++;
      controller.enqueue(chunk);
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { stream, stats };
}

const post = (body: BodyInit | ReadableStream, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/jobs", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function problemOf(p: Promise<unknown>): Promise<ApiProblem> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiProblem) return e;
    throw e;
  }
  throw new Error("expected an ApiProblem");
}

describe("readJsonBody", () => {
  it("parses a JSON body under the limit", async () => {
    await expect(readJsonBody(post(JSON.stringify({ a: "é" })))).resolves.toEqual({ a: "é" });
  });

  it("stops a chunked body at the limit without reading the rest", async () => {
    const { stream, stats } = endlessBody(64 * 1024);
    const p = await problemOf(readJsonBody(post(stream), 256 * 1024));
    expect(p.status).toBe(413);
    expect(p.code).toBe("BodyTooLarge");
    // 256 KiB in 64 KiB chunks: the fifth chunk crosses the limit; a stream may pull one or two ahead.
    expect(stats.pulled).toBeLessThanOrEqual(7);
    // Nothing reads on after the refusal: a moment later no further chunk has been pulled.
    const pulled = stats.pulled;
    await new Promise((r) => setTimeout(r, 50));
    expect(stats.pulled).toBe(pulled);
  });

  it("does not trust a Content-Length that understates the body", async () => {
    const big = "x".repeat(300 * 1024);
    const p = await problemOf(readJsonBody(post(big, { "content-length": "10" }), 256 * 1024));
    expect(p.status).toBe(413);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const { stream, stats } = endlessBody(1024);
    const p = await problemOf(readJsonBody(post(stream, { "content-length": String(10 * 1024 * 1024) }), 256 * 1024));
    expect(p.status).toBe(413);
    expect(stats.pulled).toBeLessThanOrEqual(1);
  });

  it("counts bytes, not UTF-16 units", async () => {
    // 6 characters of "é" are 6 UTF-16 units but 12 bytes; with the quotes, 14 bytes against a 10-byte limit.
    const p = await problemOf(readJsonBody(post(JSON.stringify("éééééé")), 10));
    expect(p.status).toBe(413);
    await expect(readJsonBody(post(JSON.stringify("ééé")), 10)).resolves.toBe("ééé");
  });

  it("answers 400 for malformed JSON or broken UTF-8, naming the body", async () => {
    expect((await problemOf(readJsonBody(post("{nope")))).status).toBe(400);
    const p = await problemOf(readJsonBody(post(new Uint8Array([0x22, 0xff, 0x22]))));
    expect(p.status).toBe(400);
    expect(p.fields?.[0]?.path).toBe("body");
  });
});
