/**
 * How an answer goes on the wire: CI's framing, COS's framing, or a dropped connection, each counted in the stats.
 * Its own file so that server.ts keeps only the request flow.
 */
import type http from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CosResult } from "./cos/cos-response";
import type { Stats } from "./stats";
import type { CiResult } from "./types";

export function responseWriters(stats: Stats) {
  function send(res: ServerResponse, result: CiResult, requestId: string): void {
    stats.status(result.status);
    const headers: http.OutgoingHttpHeaders = {
      Server: "tencent-ci",
      "x-ci-request-id": requestId,
      "Content-Length": Buffer.byteLength(result.body),
    };
    if (result.body !== "") headers["Content-Type"] = result.contentType ?? "application/xml";
    res.writeHead(result.status, headers);
    res.end(result.body);
  }

  /** COS framing: `Server: tencent-cos`, `x-cos-request-id`; HEAD announces the object's length without a body. */
  function sendCos(res: ServerResponse, result: CosResult, requestId: string): void {
    stats.status(result.status);
    const length =
      result.contentLength ?? (typeof result.body === "string" ? Buffer.byteLength(result.body) : result.body.length);
    res.writeHead(result.status, {
      Server: "tencent-cos",
      "x-cos-request-id": requestId,
      ...result.headers,
      "Content-Length": length,
    });
    res.end(result.contentLength !== undefined ? undefined : result.body);
  }

  function drop(req: IncomingMessage): void {
    stats.fault("drop");
    stats.status("dropped");
    req.socket.destroy();
  }

  return { send, sendCos, drop };
}
