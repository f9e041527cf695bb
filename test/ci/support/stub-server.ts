/** A tiny local HTTP server that records what the client sends and answers as a test tells it to. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseAuthorization, sign } from "@/lib/ci/sign";

export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Answers request number `n` (0-based). */
export type StubHandler = (req: Recorded, res: http.ServerResponse, n: number) => void;

export interface Stub {
  endpoint: URL;
  calls: Recorded[];
  handle(handler: StubHandler): void;
  close(): Promise<void>;
}

export async function startStub(): Promise<Stub> {
  let handler: StubHandler = (_req, res) => res.writeHead(500).end();
  const calls: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rec: Recorded = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      calls.push(rec);
      handler(rec, res, calls.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: new URL(`http://127.0.0.1:${port}`),
    calls,
    handle(h) {
      handler = h;
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes an XML answer with CI's headers. */
export function reply(res: http.ServerResponse, status: number, xml: string, requestId = "stub-request-id"): void {
  res.writeHead(status, { "Content-Type": "application/xml", "x-ci-request-id": requestId, Server: "tencent-ci" });
  res.end(xml);
}

/** Kills the connection without any answer. */
export function drop(res: http.ServerResponse): void {
  res.socket?.destroy();
}

/** Recomputes the signature of a recorded request the way CI would (decoded path and values). */
export function signatureMatches(rec: Recorded, secretKey: string): boolean {
  const auth = parseAuthorization(String(rec.headers.authorization ?? ""));
  if (!auth) return false;
  const url = new URL(rec.url, "http://placeholder");
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  if (
    [...Object.keys(query)]
      .map((k) => k.toLowerCase())
      .sort()
      .join(";") !== auth.urlParamList.join(";")
  )
    return false;
  const headers: Record<string, string> = {};
  for (const name of auth.headerList) headers[name] = String(rec.headers[name] ?? "");
  const expected = sign({
    method: rec.method,
    path: decodeURIComponent(url.pathname),
    query,
    headers,
    secretId: auth.secretId,
    secretKey,
    keyTime: auth.keyTime,
  });
  return expected === rec.headers.authorization;
}
