import "server-only";
/**
 * One client call as CI sees it: the wire path and query, the signature (fresh per attempt), the transport, and
 * the retry policy. Reads are retried on network errors, 5xx and SlowDown; a cancel only when no answer came back;
 * a trigger never (a second POST could start a second batch job).
 */
import { createHash } from "node:crypto";
import { CiError } from "./errors";
import { errorFromResponse, errorFromTransport, headerRequestId, makeRedactor, type CallKind } from "./responses";
import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffPolicy } from "./retry";
import { camSafeUrlEncode, keyTimeNow, sign } from "./sign";
import { createTransport, TransportError, type HttpResponse } from "./transport";

/**
 * The CI call budget's hook (lib/server/ci-budget.ts implements it): asked before every attempt, retries included,
 * so nothing reaches CI beyond the budget. Returns 0 when the attempt may go now, else the ms until it could.
 */
export interface CallGate {
  acquire(host: string, kind: CallKind): number;
}

/** A read refused by the call budget: answered 429 with Retry-After, never sent to CI. */
export class CallBudgetError extends CiError {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super({
      status: 429,
      code: "CiBudgetExhausted",
      message: `The dashboard is holding back calls to CI: its share of CI's rate limit is used up for the moment. Try again in ${seconds} s.`,
      retryable: true,
    });
    this.retryAfterMs = retryAfterMs;
  }
}

/** A retry is only started when at least this much of the call's budget would be left for it. */
const MIN_ATTEMPT_MS = 50;

export interface CallTarget {
  /** Signed and sent as Host. */
  host: string;
}

export interface CallInfo {
  method: string;
  /** Decoded path without the query. */
  path: string;
  /** HTTP status; 0 when no answer arrived. */
  status: number;
  ms: number;
  requestId?: string;
  /** 0 for the first try. */
  attempt: number;
  /** CiError code when the attempt failed. */
  code?: string;
}

export interface CallerOptions {
  secretId: string;
  secretKey: string;
  securityToken?: string;
  /** Only the TCP destination changes (emulator, proxy); Host and signature stay those of the real CI host. */
  endpoint?: URL;
  /** Budget for one client call, retries and their pauses included. */
  timeoutMs: number;
  /** Retries for reads (and for a cancel that never got an answer). Default 3. */
  maxRetries?: number;
  /** Clock for the signature's key time (ms). */
  now?: () => number;
  onCall?: (info: CallInfo) => void;
  /** Backoff tuning; tests shrink it. */
  backoff?: Partial<BackoffPolicy>;
  /** The CI call budget; without it every attempt goes out. */
  gate?: CallGate;
  /** Header carrying the temporary key's token: `x-ci-security-token` on CI hosts, `x-cos-security-token` on COS. */
  securityTokenHeader?: string;
}

export interface CallSpec {
  method: "GET" | "POST" | "PUT" | "HEAD";
  /** Decoded path, as signed. */
  path: string;
  /** Decoded values; `""` for a bare key (`?cancel`). Undefined values are not sent. */
  query?: Record<string, string | number | undefined>;
  body?: string | Buffer;
  /** Content-Type of the body (default application/xml, what CI reads). */
  contentType?: string;
  /** Further headers, signed with the rest (e.g. COS `range`). Lower-case names. */
  headers?: Record<string, string>;
  kind: CallKind;
}

export interface Caller {
  /** Resolves with a 2xx response; anything else is thrown as a CiError. */
  call(t: CallTarget, spec: CallSpec): Promise<HttpResponse>;
  close(): void;
}

export function createCaller(opts: CallerOptions): Caller {
  const transport = createTransport();
  const maxRetries = opts.maxRetries ?? 3;
  const backoff: BackoffPolicy = { ...DEFAULT_BACKOFF, ...opts.backoff };
  const now = opts.now ?? Date.now;
  const redact = makeRedactor([opts.secretKey, opts.securityToken]);

  /** The headers of one attempt; signed afresh each time so a retry never carries a stale key time. */
  function headersFor(
    t: CallTarget,
    spec: CallSpec,
    query: Record<string, string>,
    body?: Buffer,
  ): Record<string, string> {
    const signed: Record<string, string> = { host: t.host, ...spec.headers };
    const contentType = spec.contentType ?? "application/xml";
    // The body is covered by the signature through Content-MD5 (base64 of the MD5 of the bytes sent, as the Go SDK
    // sets it before signing; docs/ci-api.md §2.2 Example B signs it, §2.5): CI answers InvalidContent when the
    // body does not match it, and a changed header breaks the signature.
    const contentMd5 = body ? createHash("md5").update(body).digest("base64") : undefined;
    if (body) {
      signed["content-type"] = contentType;
      signed["content-length"] = String(body.length);
      signed["content-md5"] = contentMd5!;
    }
    const authorization = sign({
      method: spec.method,
      path: spec.path,
      query,
      headers: signed,
      secretId: opts.secretId,
      secretKey: opts.secretKey,
      keyTime: keyTimeNow(now()),
    });
    const headers: Record<string, string> = {
      ...spec.headers,
      Authorization: authorization,
      "User-Agent": "ci-batch-console",
    };
    if (body) {
      headers["Content-Type"] = contentType;
      headers["Content-Length"] = String(body.length);
      headers["Content-MD5"] = contentMd5!;
    } else if (spec.method !== "GET" && spec.method !== "HEAD") {
      headers["Content-Length"] = "0";
    }
    // Sent unsigned, as the Node SDK does for *.ci.* hosts (docs/ci-api.md §2.5: signing it is optional).
    if (opts.securityToken) headers[opts.securityTokenHeader ?? "x-ci-security-token"] = opts.securityToken;
    return headers;
  }

  function shouldRetry(kind: CallKind, err: CiError, attempt: number): boolean {
    if (attempt >= maxRetries) return false;
    if (kind === "read") return err.retryable;
    // A cancel that got no answer is repeated: cancelling twice creates nothing. Never a trigger.
    if (kind === "cancel") return err.code === "NetworkError";
    return false;
  }

  /**
   * Waits for the budget's go-ahead. A read is refused at once (the person sees a 429 and the page tries later; a
   * retry that is refused ends with the error that caused it). A trigger or cancel waits for its turn within its
   * deadline: the budget keeps a reserve for them, so the wait is short.
   */
  async function admit(t: CallTarget, spec: CallSpec, deadline: number, lastError: CiError | undefined): Promise<void> {
    if (!opts.gate) return;
    for (;;) {
      const waitMs = opts.gate.acquire(t.host, spec.kind);
      if (waitMs <= 0) return;
      if (spec.kind === "read" || performance.now() + waitMs >= deadline)
        throw lastError ?? new CallBudgetError(waitMs);
      await sleep(waitMs);
    }
  }

  async function call(t: CallTarget, spec: CallSpec): Promise<HttpResponse> {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) query[k] = String(v);
    const qs = Object.entries(query)
      .map(([k, v]) => (v === "" ? camSafeUrlEncode(k) : `${camSafeUrlEncode(k)}=${camSafeUrlEncode(v)}`))
      .join("&");
    const wirePath = spec.path.split("/").map(camSafeUrlEncode).join("/") + (qs ? `?${qs}` : "");
    const body =
      spec.body === undefined ? undefined : typeof spec.body === "string" ? Buffer.from(spec.body, "utf8") : spec.body;
    const deadline = performance.now() + opts.timeoutMs;
    let delivered = false; // an earlier attempt of a cancel may have reached CI

    let lastError: CiError | undefined;
    for (let attempt = 0; ; attempt++) {
      await admit(t, spec, deadline, lastError);
      const t0 = performance.now();
      let res: HttpResponse | undefined;
      let err: CiError | undefined;
      try {
        res = await transport.send({
          method: spec.method,
          host: t.host,
          pathAndQuery: wirePath,
          headers: headersFor(t, spec, query, body),
          body,
          endpoint: opts.endpoint,
          timeoutMs: Math.max(1, deadline - t0),
          freshConnection: spec.kind === "trigger",
        });
        if (res.status < 200 || res.status > 299) err = errorFromResponse(res, spec.kind, redact);
      } catch (e) {
        if (!(e instanceof TransportError)) throw e;
        err = errorFromTransport(e, spec.kind, opts.timeoutMs);
      }
      opts.onCall?.({
        method: spec.method,
        path: spec.path,
        status: res?.status ?? 0,
        ms: Math.round(performance.now() - t0),
        requestId: err?.requestId ?? (res ? headerRequestId(res) : undefined),
        attempt,
        code: err?.code,
      });
      if (!err) return res!;
      if (spec.kind === "cancel" && delivered && !err.outcomeUnknown) {
        // An earlier cancel may have worked, and this answer may only say "already cancelled".
        err = new CiError({ ...err.toJSON(), traceId: err.traceId, outcomeUnknown: true });
      }
      delivered ||= err.outcomeUnknown;
      lastError = err;
      if (!shouldRetry(spec.kind, err, attempt)) throw err;
      const delay = backoffDelay(attempt, backoff);
      // A timeout used up the budget (timers may fire a hair early); a retry with a few ms left only adds noise.
      if (err.code === "Timeout" || performance.now() + delay + MIN_ATTEMPT_MS >= deadline) throw err;
      await sleep(delay);
    }
  }

  return { call, close: () => transport.close() };
}
