/**
 * The one home of redaction. Trigger requests carry no secrets by design, but a callback URL can (`?token=…`,
 * `https://user:pw@…`), and CI echoes it back (`Operation.CallBack` in JobsDetail and in the raw XML). So:
 * - redactForAudit: what the audit log keeps of a request (readable by every viewer, exported as CSV);
 * - redactSecretsDeep / redactUrlsInText: every job answer to the browser (list, detail, raw XML) and log lines.
 * Operators see a callback's credentials only in the wizard they typed them into.
 */
const SECRET_KEY =
  /secret|passw(or)?d|token|authori[sz]ation|signature|credential|cookie|private.?key|access.?key|api.?key/i;
const SECRET_PARAM = /secret|passw(or)?d|token|signature|^sig$|^sign$|credential|^key$|api.?key|access.?key|auth/i;
const REDACTED = "[redacted]";
const MAX_STRING = 4096;
const MAX_ITEMS = 500;
const MAX_DEPTH = 16;
export const MAX_AUDIT_REQUEST_BYTES = 64 * 1024;

/** A query value that looks like a key or token whatever its name: long, letters and digits mixed, no spaces. */
const SECRET_LOOKING_VALUE = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9+/=_.~-]{20,}$/;
/** A URL inside text (JSON strings, XML): scheme://, up to whitespace, quotes or markup. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>"'`]+/gi;

/** A URL without its credentials: userinfo, and query values whose name or look says secret. Not a URL → as is. */
export function redactUrl(value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value;
  }
  let changed = false;
  if (url.username || url.password) {
    // A bare user name is often a token too (https://TOKEN@host).
    url.username = REDACTED;
    url.password = "";
    changed = true;
  }
  for (const [name, v] of [...url.searchParams]) {
    if (SECRET_PARAM.test(name) || SECRET_LOOKING_VALUE.test(v)) {
      url.searchParams.set(name, REDACTED);
      changed = true;
    }
  }
  return changed ? url.toString() : value;
}

/** Every URL inside a text redacted; XML-escaped ampersands (`&amp;`) are read and written back as such. */
export function redactUrlsInText(text: string): string {
  return text.replace(URL_IN_TEXT, (found) => {
    const xmlEscaped = found.includes("&amp;");
    const raw = xmlEscaped ? found.replace(/&amp;/g, "&") : found;
    const clean = redactUrl(raw);
    if (clean === raw) return found;
    return xmlEscaped ? clean.replace(/&/g, "&amp;") : clean;
  });
}

/** A JSON-like value with every URL in every string redacted (same shape; for answers to the browser). */
export function redactSecretsDeep<T>(value: T): T {
  if (typeof value === "string") return redactUrlsInText(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactSecretsDeep(v)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactSecretsDeep(v);
    return out as T;
  }
  return value;
}

const scrubUrl = redactUrl;

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === "string") {
    const s = scrubUrl(value);
    return s.length > MAX_STRING ? `${s.slice(0, MAX_STRING)}…` : s;
  }
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((v) => scrub(v, depth + 1));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>).slice(0, MAX_ITEMS)) {
      if (v === undefined) continue;
      out[k] = SECRET_KEY.test(k) ? REDACTED : scrub(v, depth + 1);
    }
    return out;
  }
  return undefined; // functions, symbols, bigints: not JSON
}

/** The request as the audit log stores it (null when there is none). */
export function redactForAudit(request: unknown): unknown {
  if (request === undefined || request === null) return null;
  const clean = scrub(request, 0);
  const json = JSON.stringify(clean) ?? "null";
  if (Buffer.byteLength(json) > MAX_AUDIT_REQUEST_BYTES) return { truncated: true, bytes: Buffer.byteLength(json) };
  return clean;
}
