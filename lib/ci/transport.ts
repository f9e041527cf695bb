import "server-only";
/**
 * One HTTP exchange with CI, nothing more: no signing, no retries, no XML. Uses node:http/https rather than fetch
 * because fetch cannot set the Host header, and with CI_ENDPOINT (the emulator, a proxy) the TCP destination differs
 * from the host that is signed and sent.
 */
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "HEAD";
  /** Sent as the Host header; also the TCP destination (port 443) when no endpoint is given. */
  host: string;
  /** Wire form: percent-encoded path plus `?query`. */
  pathAndQuery: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Only the protocol, host name and port are used: the destination changes, the request does not. */
  endpoint?: URL;
  timeoutMs: number;
  /**
   * A fresh connection instead of a pooled keep-alive one. Used for a trigger: a pooled socket that the server has
   * just closed fails *after* the request was written, which would make a harmless reset look like "outcome unknown".
   */
  freshConnection?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Why no response arrived. `written`: the whole request reached the socket, so the server may have acted on it. */
export class TransportError extends Error {
  constructor(
    readonly kind: "network" | "timeout" | "tooLarge",
    readonly written: boolean,
    message: string,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

/** CI bodies are small XML documents; anything near this size is not one of them. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface Transport {
  send(req: HttpRequest): Promise<HttpResponse>;
  /** Closes pooled sockets (tests, shutdown). */
  close(): void;
}

/** A transport with its own keep-alive pools, so one client's sockets never leak into another's. */
export function createTransport(): Transport {
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 32, keepAliveMsecs: 1000 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 32, keepAliveMsecs: 1000 }),
  };
  return {
    send: (req) => send(req, agents),
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

function send(req: HttpRequest, agents: { http: http.Agent; https: https.Agent }): Promise<HttpResponse> {
  const target = req.endpoint ?? new URL(`https://${req.host}`);
  const secure = target.protocol === "https:";
  const lib = secure ? https : http;
  const agent = req.freshConnection ? false : secure ? agents.https : agents.http;
  const headers: Record<string, string> = { ...req.headers, Host: req.host };
  if (req.body) headers["Content-Length"] = String(req.body.length);

  const hostname = target.hostname.replace(/^\[|\]$/g, "");
  return new Promise<HttpResponse>((resolve, reject) => {
    let written = false;
    let settled = false;
    const finish = (err: TransportError | null, res?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(res!);
    };

    const request = lib.request({
      protocol: target.protocol,
      hostname,
      port: target.port || (secure ? 443 : 80),
      // TLS checks the certificate of the machine we connect to, which is the endpoint when one is set (SNI may
      // not carry an IP address).
      servername: secure && isIP(hostname) === 0 ? hostname : undefined,
      method: req.method,
      path: req.pathAndQuery,
      headers,
      agent,
    });

    const timer = setTimeout(() => {
      finish(new TransportError("timeout", written, `No complete answer within ${req.timeoutMs} ms`));
      request.destroy();
    }, req.timeoutMs);

    request.on("finish", () => {
      written = true;
    });
    request.on("error", (e: NodeJS.ErrnoException) => {
      // Only the error code: messages of lower layers may quote addresses, never anything secret, but keep it terse.
      finish(new TransportError("network", written, `Network error talking to CI (${e.code ?? "connection failed"})`));
    });
    request.on("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          finish(new TransportError("tooLarge", true, `CI answered with more than ${MAX_BODY_BYTES} bytes`));
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on("end", () => {
        finish(null, {
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        });
      });
      res.on("error", (e: NodeJS.ErrnoException) => {
        // The answer started but broke off: the request was certainly received.
        finish(
          new TransportError("network", true, `Connection to CI broke during the answer (${e.code ?? "aborted"})`),
        );
      });
      res.on("aborted", () => {
        finish(new TransportError("network", true, "Connection to CI broke during the answer (aborted)"));
      });
    });

    request.end(req.body);
  });
}
