/**
 * The CI emulator: an HTTP server that answers the batch-job endpoints the way Tencent CI does (signature check,
 * XML, error codes, request IDs), with a lazy job lifecycle, seed data, fault injection and an admin API.
 */
import { createHash, randomBytes } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { ADMIN_PREFIX, handleAdmin, isLoopbackAddress } from "./admin";
import { verifySignature } from "./auth";
import { CiFault, invalidArgument } from "./ci-error";
import { errorAnswerResult } from "./error-answer";
import { faultGate } from "./fault-gate";
import { breakXml, Faults } from "./faults";
import { parseCiHost } from "./host";
import { headerValue, MAX_BODY_BYTES, parseTarget, readBodyBytes, type ParsedTarget } from "./http-request";
import { parseCosHost } from "./cos/cos-host";
import { cosError, type CosResult } from "./cos/cos-response";
import { matchCosRoute, MAX_PUT_BYTES } from "./cos/cos-routes";
import { processCos } from "./cos/cos-server";
import { newRequestId } from "./request-id";
import { responseWriters } from "./response-writers";
import { HANDLERS } from "./route-handlers";
import { matchRoute, type RouteMatch } from "./router";
import type { RouteContext } from "./routes/context";
import { Stats } from "./stats";
import { EmulatorStore } from "./store/emulator-store";
import { xmlError } from "./xml-response";
import type { CiResult, EmulatorOptions } from "./types";

export type { EmulatorOptions } from "./types";

export interface Emulator {
  server: http.Server;
  /** Resolves with the port actually bound (pass 0 for any free port). Host defaults to 127.0.0.1. */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  store: EmulatorStore;
  stats: Stats;
  faults: Faults;
  stepMs: number;
}

export function createEmulator(opts: EmulatorOptions): Emulator {
  if (opts.buckets.length === 0) throw new Error("createEmulator: configure at least one bucket");
  const clockNow = opts.now ?? Date.now;
  // The lifecycle clock (jobs, files, triggers) may run ahead of the emulator's clock (admin `POST clock`); signature
  // windows and fault expiry keep the emulator's own clock, so signed requests stay valid after an advance.
  let clockOffset = 0;
  const now = () => clockNow() + clockOffset;
  const clock = { offsetMs: () => clockOffset, advance: (ms: number) => void (clockOffset += ms) };
  const stepMs = opts.stepMs ?? 20_000;
  if (!(stepMs > 0)) throw new Error("createEmulator: stepMs must be positive");
  const seedCount = opts.seedCount ?? 160;
  const skewSeconds = opts.clockSkewSeconds ?? 60;
  const requireSignedParams = opts.requireSignedParams ?? true;
  const adminAllowed = opts.adminAllowed ?? isLoopbackAddress;
  const store = new EmulatorStore({ buckets: opts.buckets, seed: opts.seed ?? 1, seedCount, now });
  const stats = new Stats(clockNow);
  const faults = new Faults(clockNow);
  const tokenSecret = randomBytes(16).toString("hex");
  const cosDeps = { store, stats, credentials: opts.credentials, skewSeconds, requireSignedParams };
  const adminDeps = {
    store,
    stats,
    faults,
    buckets: opts.buckets,
    stepMs,
    seedCount,
    now,
    startedAt: Date.now(),
    files: { store, now, clock },
  };
  const { send, sendCos, drop } = responseWriters(stats);
  const faultsBefore = faultGate(stats, faults);

  /** Everything between "the request arrived" and "this is the answer"; throws CiFault for CI errors. */
  function processCi(
    req: IncomingMessage,
    target: ParsedTarget,
    match: RouteMatch,
    body: string | null,
    requestId: string,
  ): CiResult {
    const host = parseCiHost(target.host);
    if (!host)
      throw new CiFault(400, "InvalidHost", `Host ${target.host ?? "(none)"} is not <bucket>.ci.<region>.myqcloud.com`);
    const header = (name: string) => headerValue(req, name);
    try {
      verifySignature(
        { method: req.method ?? "GET", path: target.path, query: target.query, header },
        { credentials: opts.credentials, nowMs: clockNow(), skewSeconds, requireSignedParams },
      );
    } catch (e) {
      if (e instanceof CiFault)
        stats.authFailure({
          at: clockNow(),
          route: match.key ?? "unmatched",
          code: e.code,
          message: e.message,
          expectedHttpString: e.diagnostic,
        });
      throw e;
    }
    const store_ = store.bucket(host.bucket, host.region);
    if (!store_)
      throw new CiFault(
        400,
        "MediaBucketUnBinded",
        `The bucket ${host.bucket} in ${host.region} is not bound to CI media processing`,
      );
    if (!match.key) throw match.fault;
    if (body === null) throw invalidArgument("The request body is larger than 1 MB");
    const md5 = header("content-md5");
    if (md5 !== undefined && createHash("md5").update(body, "utf8").digest("base64") !== md5.trim())
      throw new CiFault(400, "InvalidContent", "The body does not match its Content-MD5");
    const ctx: RouteContext = {
      store: store_,
      emulator: store,
      query: target.query,
      body,
      jobId: match.jobId,
      requestId,
      now: now(),
      stepMs,
      header,
      tokenSecret,
    };
    const result = HANDLERS[match.key](ctx);
    if (match.key === "POST /inventorytriggerjob" && result.status === 200) stats.trigger();
    return result;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bytes = await readBodyBytes(req, MAX_PUT_BYTES);
    const body = bytes === null || bytes.length > MAX_BODY_BYTES ? null : bytes.toString("utf8");
    const requestId = newRequestId(now());
    let target: ParsedTarget;
    try {
      target = parseTarget(req.url ?? "/", headerValue(req, "host"));
    } catch (e) {
      if (e instanceof CiFault) return send(res, xmlError(e.status, e.code, e.message, requestId), requestId);
      throw e;
    }
    if (target.path.startsWith(ADMIN_PREFIX))
      return handleAdmin(
        adminDeps,
        req,
        res,
        target.path,
        body ?? "",
        adminAllowed(req.socket.remoteAddress),
        target.query,
      );
    const cosHost = parseCosHost(target.host);
    if (cosHost) return handleCos(req, res, target, cosHost, bytes, requestId);

    const match = matchRoute(req.method ?? "GET", target.path);
    const { plan, early } = await faultsBefore(match.key);
    if (early === "drop") return drop(req);
    if (early instanceof CiFault)
      return send(res, xmlError(early.status, early.code, early.message, requestId), requestId);
    if (early) {
      const answerId = early.requestId ?? requestId;
      return send(res, errorAnswerResult(early, answerId), answerId);
    }

    let result: CiResult;
    try {
      result = processCi(req, target, match, body, requestId);
    } catch (e) {
      if (!(e instanceof CiFault)) throw e;
      result = xmlError(e.status, e.code, e.message, requestId);
    }
    if (plan.after === "drop") return drop(req);
    if (plan.after === "malformed") {
      stats.fault("malformed");
      result = { status: 200, body: breakXml(result.body, requestId) };
    }
    send(res, result, requestId);
  }

  /** The same fault plan and counting as CI's routes, with COS's error document. */
  async function handleCos(
    req: IncomingMessage,
    res: ServerResponse,
    target: ParsedTarget,
    host: { bucket: string; region: string },
    bytes: Buffer | null,
    requestId: string,
  ): Promise<void> {
    const method = req.method ?? "GET";
    const match = matchCosRoute(method, target.path);
    const resource = `${host.bucket}.cos.${host.region}.myqcloud.com${target.path}`;
    const fail = (status: number, code: string, message: string) =>
      cosError(status, code, message, resource, requestId);
    const { plan, early } = await faultsBefore(match.key);
    if (early === "drop") return drop(req);
    // COS has one error document (XML), whatever format a CI error answer was asked in.
    if (early) return sendCos(res, fail(early.status, String(early.code), early.message), requestId);
    let result: CosResult;
    try {
      result = processCos(cosDeps, {
        method,
        target,
        host,
        match,
        body: bytes,
        header: (name) => headerValue(req, name),
        now: now(),
        signatureNow: clockNow(),
      });
    } catch (e) {
      if (!(e instanceof CiFault)) throw e;
      result = fail(e.status, e.code, e.message);
    }
    if (plan.after === "drop") return drop(req);
    if (plan.after === "malformed") {
      stats.fault("malformed");
      const text = typeof result.body === "string" ? result.body : result.body.toString("utf8");
      result = { status: 200, body: breakXml(text, requestId), headers: { "Content-Type": "application/xml" } };
    }
    sendCos(res, result, requestId);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error("[emulator] unexpected error:", err);
      if (res.headersSent) return res.destroy();
      const requestId = newRequestId(now());
      send(
        res,
        xmlError(500, "InternalError", "We encountered an internal error. Please try again.", requestId),
        requestId,
      );
    });
  });

  // Idle keep-alive sockets stay open longer than any client keeps them (undici: 4 s), so the server never closes a
  // socket at the instant a client reuses it (an ECONNRESET race, worst when the event loop is busy in-process).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  return {
    server,
    store,
    stats,
    faults,
    stepMs,
    listen(port, host = "127.0.0.1") {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const address = server.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      });
    },
    close() {
      return new Promise((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
