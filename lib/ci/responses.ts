import "server-only";
/**
 * Turns what came back from CI (or did not) into results or CiErrors. Pure apart from the types, so the mapping is
 * tested without a network.
 */
import { ciErrorBodySchema, ciJsonErrorBodySchema } from "@/lib/jobs/job-detail-schema";
import { CiError } from "./errors";
import type { HttpResponse } from "./transport";
import { TransportError } from "./transport";
import { parseAnswer, parseMemoSizes } from "./answer-parse";
import { parseXml, type XmlObject, type XmlValue } from "./xml";

/** What kind of call failed; it decides whether an unanswered request may have changed something at CI. */
export type CallKind = "read" | "trigger" | "cancel";

/** Hides anything that must never reach a log or a browser, should CI (or a proxy) ever echo it back. */
export type Redactor = (text: string) => string;

export function makeRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const list = secrets.filter((s): s is string => typeof s === "string" && s.length >= 4);
  return (text) => {
    let out = text.replace(/q-sign-algorithm=[^\s"'<>]*/g, "[redacted authorization]");
    for (const s of list) out = out.split(s).join("[redacted]");
    return out;
  };
}

export function headerRequestId(res: Pick<HttpResponse, "headers">): string | undefined {
  const h = res.headers["x-ci-request-id"];
  const v = Array.isArray(h) ? h[0] : h;
  return v ? v : undefined;
}

const text = (v: XmlValue | undefined): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

type ErrorBody = { Code?: string; Message?: string; RequestId?: string; TraceId?: string };

/**
 * CI's error description: XML `<Error>` (docs/ci-api.md §3.1) or, from some CI front ends, JSON
 * `{code, message, request_id}` (what cos-go-sdk-v5 `checkResponse` falls back to). Anything else: nothing.
 */
function readErrorBody(raw: string): ErrorBody {
  const trimmed = raw.trimStart();
  if (trimmed.startsWith("{")) {
    try {
      const parsed = ciJsonErrorBodySchema.safeParse(JSON.parse(trimmed));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON either: described by the status alone.
    }
    return {};
  }
  try {
    const parsed = ciErrorBodySchema.safeParse(parseXml(raw));
    if (parsed.success) return parsed.data.Error;
  } catch {
    // Not XML: described by the status alone.
  }
  return {};
}

/** A CI error answer (any non-2xx status). */
export function errorFromResponse(res: HttpResponse, kind: CallKind, redact: Redactor): CiError {
  const body = readErrorBody(res.body);
  // Without CI's <Code> (a proxy's HTML page, an empty body) the HTTP status in `status` is all there is to say.
  const code = body.Code || "BadResponse";
  // SlowDown is a refusal before any work, so even a trigger answered with it did nothing.
  const throttled = code === "SlowDown" || res.status === 429;
  const retryable = throttled || res.status >= 500;
  const message = body.Message
    ? redact(body.Message)
    : body.Code
      ? `CI answered ${body.Code} (HTTP ${res.status})`
      : `CI answered HTTP ${res.status} without an error description`;
  return new CiError({
    status: res.status,
    code,
    message,
    requestId: body.RequestId || headerRequestId(res),
    traceId: body.TraceId || undefined,
    retryable,
    outcomeUnknown: kind !== "read" && res.status >= 500 && !throttled,
  });
}

/** No answer at all: network failure or timeout. */
export function errorFromTransport(e: TransportError, kind: CallKind, timeoutMs: number): CiError {
  // A change whose request reached the socket may have been carried out; a read never changes anything.
  const outcomeUnknown = kind !== "read" && e.written;
  if (e.kind === "timeout") {
    return new CiError({
      status: 0,
      code: "Timeout",
      message: `CI did not answer within ${timeoutMs} ms`,
      retryable: true,
      outcomeUnknown,
    });
  }
  if (e.kind === "tooLarge") {
    return new CiError({
      status: 0,
      code: "BadResponse",
      message: e.message,
      retryable: false,
      outcomeUnknown: kind !== "read",
    });
  }
  return new CiError({ status: 0, code: "NetworkError", message: e.message, retryable: true, outcomeUnknown });
}

/** A 2xx whose body we cannot use. For a trigger, CI said yes to *something*: the outcome is unknown. */
export function badResponse(res: HttpResponse, kind: CallKind, detail: string, requestId?: string): CiError {
  return new CiError({
    status: res.status,
    code: "BadResponse",
    message: `CI's answer could not be read: ${detail}`,
    requestId: requestId ?? headerRequestId(res),
    retryable: false,
    outcomeUnknown: kind === "trigger",
  });
}

const REQUEST_ID_ELEMENT = /<RequestId>[^<]*<\/RequestId>/;

/** Parses a 2xx XML body whose root is `<Response>`; an empty `<Response/>` is an empty object. */
export function decodeResponse(res: HttpResponse, kind: CallKind): { root: XmlObject; requestId: string } {
  let doc: XmlObject;
  try {
    doc = parseAnswer(res.body);
  } catch {
    throw badResponse(res, kind, "not well-formed XML");
  }
  const root = doc.Response;
  if (root === undefined || Array.isArray(root)) throw badResponse(res, kind, "no <Response> element");
  const obj: XmlObject = typeof root === "string" ? {} : root;
  // Read from this answer's own text: a reused parse carries the RequestId of the answer it was made from.
  const ownRequestId = REQUEST_ID_ELEMENT.exec(res.body)?.[0].slice("<RequestId>".length, -"</RequestId>".length);
  return { root: obj, requestId: ownRequestId || (text(obj.RequestId) ?? headerRequestId(res) ?? "") };
}

/** For tests and the parse benchmark: how many parsed answers are remembered. */
export function parseMemoSize(): number {
  return parseMemoSizes().answers;
}

/** The entries of a repeatable element, without the empty strings that `<X/>` parses to. */
export function listOf(root: XmlObject, name: string): XmlValue[] {
  const v = root[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x) => x !== "");
}

export { text as xmlText };
