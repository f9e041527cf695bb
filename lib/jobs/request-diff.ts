/**
 * What a duplicated job changes compared with its source: a flat list of leaf differences between two Request-shaped
 * objects. Times are compared as instants, because the wizard re-expresses them in the browser's zone
 * (`…12:00:00+0800` and `…04:00:00+0000` are the same moment and not a change).
 */
import { parseCiTime } from "./ci-time";

export interface RequestChange {
  /** Dotted path with list indexes, e.g. `Operation.JobParam.WatermarkTemplateId[1]`. */
  path: string;
  kind: "added" | "removed" | "changed";
  before?: string;
  after?: string;
}

/** Flattens to `path → string` leaves; empty objects and arrays contribute nothing (they are not sent). */
export function flattenRequest(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (value === undefined || value === null) return out;
  if (Array.isArray(value)) {
    value.forEach((item, i) => flattenRequest(item, `${prefix}[${i}]`, out));
  } else if (typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      flattenRequest(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, String(value));
  }
  return out;
}

function sameValue(path: string, a: string, b: string): boolean {
  if (a === b) return true;
  if (/(^|\.)TimeInterval\.(Start|End)$/.test(path)) {
    const x = parseCiTime(a);
    const y = parseCiTime(b);
    return x !== null && y !== null && x.getTime() === y.getTime();
  }
  return false;
}

/** Leaf-level differences, in the order the paths first appear (source first, then additions). */
export function diffRequests(source: unknown, current: unknown): RequestChange[] {
  const before = flattenRequest(source);
  const after = flattenRequest(current);
  const changes: RequestChange[] = [];
  for (const [path, b] of before) {
    const a = after.get(path);
    if (a === undefined) changes.push({ path, kind: "removed", before: b });
    else if (!sameValue(path, b, a)) changes.push({ path, kind: "changed", before: b, after: a });
  }
  for (const [path, a] of after) if (!before.has(path)) changes.push({ path, kind: "added", after: a });
  return changes;
}
