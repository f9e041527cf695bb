/**
 * What the audit log keeps of a request: the JSON as sent, minus anything that looks like a credential, and capped
 * in size. Trigger requests carry no secrets by design, but a callback URL can (`?token=…`), and the log is
 * readable by every signed-in viewer and exported as CSV.
 */
const SECRET_KEY = /secret|passw(or)?d|token|authori[sz]ation|signature|credential|cookie|private.?key|access.?key|api.?key/i;
const SECRET_PARAM = /secret|passw(or)?d|token|signature|^sig$|^sign$|credential|^key$|api.?key|access.?key|auth/i;
const REDACTED = "[redacted]";
const MAX_STRING = 4096;
const MAX_ITEMS = 500;
const MAX_DEPTH = 16;
export const MAX_AUDIT_REQUEST_BYTES = 64 * 1024;

function scrubUrl(value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value;
  }
  let changed = false;
  if (url.username || url.password) {
    url.username = url.password ? REDACTED : url.username;
    url.password = "";
    changed = true;
  }
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) {
      url.searchParams.set(name, REDACTED);
      changed = true;
    }
  }
  return changed ? url.toString() : value;
}

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
