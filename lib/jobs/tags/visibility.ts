/**
 * Dot paths into JobParam values and field metadata, and the `visibleWhen` check: a value for a field that the form
 * would hide is an error, so hidden leftovers can never reach CI.
 */
import type { z } from "zod";
import type { FieldSpec } from "./types";
import { isEmptyValue, isPlainObject } from "./values";

/** The value at a dot-separated path, or undefined. */
export function valueAt(root: unknown, path: string | readonly string[]): unknown {
  const parts = typeof path === "string" ? path.split(".") : path;
  let cur: unknown = root;
  for (const p of parts) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

/** The field spec at a dot-separated path (groups only, not into lists). */
export function fieldAt(fields: readonly FieldSpec[], path: string): FieldSpec | undefined {
  let list: readonly FieldSpec[] = fields;
  let found: FieldSpec | undefined;
  for (const part of path.split(".")) {
    found = list.find((f) => f.name === part);
    if (!found) return undefined;
    list = found.kind === "group" ? found.fields : [];
  }
  return found;
}

/** Reports values for fields whose visibleWhen condition does not hold (fields inside lists are not checked). */
export function checkVisibility(
  fields: readonly FieldSpec[],
  value: unknown,
  rootFields: readonly FieldSpec[],
  root: unknown,
  path: string[],
  ctx: z.RefinementCtx,
): void {
  if (!isPlainObject(value)) return;
  for (const f of fields) {
    const v = value[f.name];
    if (isEmptyValue(v)) continue;
    if (f.visibleWhen) {
      const ctl = valueAt(root, f.visibleWhen.path);
      if (!(typeof ctl === "string" && f.visibleWhen.equals.includes(ctl))) {
        const ctlLabel = fieldAt(rootFields, f.visibleWhen.path)?.label ?? f.visibleWhen.path;
        ctx.addIssue({
          code: "custom",
          path: [...path, f.name],
          message: `${f.label} applies only when ${ctlLabel} is ${f.visibleWhen.equals.join(" or ")}`,
        });
        continue;
      }
    }
    if (f.kind === "group") checkVisibility(f.fields, v, rootFields, root, [...path, f.name], ctx);
  }
}
