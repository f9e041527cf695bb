/**
 * Which of the wizard's parameter values a Request keeps: declared, visible (visibleWhen, resolved against JobParam or
 * the list item), non-empty. Its own file because it is a recursive walk over a Tag's FieldSpec tree with rules of
 * its own, apart from assembling the Request (draft-request.ts, which also uses isRecord for the reverse mapping).
 */
import type { ParamValue } from "./draft";
import type { FieldSpec } from "./tags/types";

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function getPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const part of path.split(".")) {
    if (!isRecord(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/**
 * Whether a field is shown. visibleWhen paths are relative to JobParam; inside a list item, a path that does not
 * resolve there is tried relative to the item (`scope`).
 */
export function isFieldVisible(field: FieldSpec, jobParam: unknown, scope?: unknown): boolean {
  if (!field.visibleWhen) return true;
  let v = getPath(jobParam, field.visibleWhen.path);
  if (v === undefined && scope !== undefined) v = getPath(scope, field.visibleWhen.path);
  return typeof v === "string" && field.visibleWhen.equals.includes(v);
}

/**
 * Keeps only declared, visible, non-empty values: the minimal JobParam. Text keeps its spaces inside; a value that is
 * only whitespace counts as empty. Returns undefined when nothing is left.
 */
export function pruneParams(
  value: unknown,
  fields: readonly FieldSpec[],
  jobParam: unknown,
  scope?: unknown,
): Record<string, ParamValue> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, ParamValue> = {};
  for (const field of fields) {
    if (!isFieldVisible(field, jobParam, scope)) continue;
    const v = value[field.name];
    const kept = pruneOne(field, v, jobParam, scope);
    if (kept !== undefined) out[field.name] = kept;
  }
  return Object.keys(out).length ? out : undefined;
}

function pruneOne(field: FieldSpec, v: unknown, jobParam: unknown, scope: unknown): ParamValue | undefined {
  switch (field.kind) {
    case "group":
      return pruneParams(v, field.fields, jobParam, scope);
    case "list": {
      if (!Array.isArray(v)) return undefined;
      const items = v
        .map((item) => pruneParams(item, field.fields, jobParam, item))
        .filter((x): x is Record<string, ParamValue> => !!x);
      return items.length ? items : undefined;
    }
    case "stringList": {
      if (!Array.isArray(v)) return undefined;
      const items = v
        .filter((x): x is string => typeof x === "string")
        .map((x) => x.trim())
        .filter(Boolean);
      return items.length ? items : undefined;
    }
    case "text":
      return typeof v === "string" && v.trim() !== "" ? v : undefined;
    default:
      return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
  }
}
