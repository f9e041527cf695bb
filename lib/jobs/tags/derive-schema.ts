/**
 * FieldSpec[] → zod. The form renderer and the server both validate through these schemas, so a field the form shows
 * and a rule the server enforces come from the same metadata.
 *
 * Conventions (CI's XML has only text):
 * - every leaf value is a string; numbers are numeric strings, booleans are "true" / "false";
 * - an empty string, or a group / list whose values are all empty, counts as absent: optional → fine, required →
 *   "<Label> is required". Values are never rewritten: the schema's output is its input, so an empty element the
 *   user typed is still sent as an empty element;
 * - objects are strict: an unknown element is an error that names it (and suggests the closest known name);
 * - `visibleWhen` is enforced for fields outside lists: a value for a field the form would hide is an error.
 */
import { z } from "zod";
import type {
  BooleanField,
  EnumField,
  FieldSpec,
  GroupField,
  ListField,
  NumberField,
  StringListField,
  TextField,
} from "./types";
import { isEmptyValue, isPlainObject } from "./values";
import { describeNumber } from "./describe-number";
import { checkVisibility } from "./visibility";

export { describeNumber } from "./describe-number";
export { isEmptyValue } from "./values";
export { fieldAt, valueAt } from "./visibility";

type Path = PropertyKey[];

/** Copies a sub-schema's issues into the current refinement, under `prefix`. */
export function forwardIssues(
  result: { success: boolean; error?: z.ZodError },
  ctx: z.RefinementCtx,
  prefix: Path = [],
): void {
  if (result.success || !result.error) return;
  for (const issue of result.error.issues) {
    ctx.addIssue({ code: "custom", message: issue.message, path: [...prefix, ...issue.path] });
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Messages

/** The message for a value the number field rejects, e.g. "Width must be an even number from 128 to 4096 px". */
export function numberMessage(f: NumberField): string {
  return `${f.label} must be ${describeNumber(f)}`;
}

function requiredMessage(label: string): string {
  return `${label} is required`;
}

/** Edit distance, for "did you mean" hints on unknown element names and enum values. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The closest known name (case-insensitive match, or at most 2 edits away), if any. */
export function suggest(value: string, known: readonly string[]): string | undefined {
  const lower = value.toLowerCase();
  const exact = known.find((k) => k.toLowerCase() === lower);
  if (exact) return exact;
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = distance(lower, k.toLowerCase());
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

function unknownKeysMessage(keys: readonly string[], known: readonly string[], where: string): string {
  const hints = keys.map((k) => suggest(k, known));
  if (keys.length === 1)
    return `Unknown element ${keys[0]} in ${where}${hints[0] ? ` (did you mean ${hints[0]}?)` : ""}`;
  const described = keys.map((k, i) => (hints[i] ? `${k} (did you mean ${hints[i]}?)` : k));
  return `Unknown elements in ${where}: ${described.join(", ")}`;
}

// ---------------------------------------------------------------------------------------------------------------------
// Leaves

const NUMBER = /^-?(?:\d+(?:\.\d+)?|\.\d+)$/;
const INTEGER = /^-?\d+$/;

/** Whether `value` is accepted by a number field (ignores emptiness). */
export function isValidNumber(f: NumberField, value: string): boolean {
  if (f.literals?.includes(value)) return true;
  if (!(f.integer || f.even ? INTEGER : NUMBER).test(value)) return false;
  const n = Number(value);
  if (f.even && n % 2 !== 0) return false;
  if (f.min !== undefined && (f.minExclusive ? n <= f.min : n < f.min)) return false;
  if (f.max !== undefined && (f.maxExclusive ? n >= f.max : n > f.max)) return false;
  return true;
}

function leafCheck(f: TextField | NumberField | EnumField | BooleanField, value: string): string | null {
  switch (f.kind) {
    case "number":
      return isValidNumber(f, value) ? null : numberMessage(f);
    case "enum": {
      const values = f.options.map((o) => o.value);
      if (values.includes(value)) return null;
      const hint = suggest(value, values);
      return `${f.label} must be one of ${values.join(", ")}${hint ? ` (did you mean ${hint}?)` : ""}`;
    }
    case "boolean":
      return value === "true" || value === "false" ? null : `${f.label} must be true or false`;
    case "text":
      if (f.maxLength !== undefined && [...value].length > f.maxLength)
        return `${f.label} is at most ${f.maxLength} characters`;
      if (f.pattern && !f.pattern.regex.test(value)) return f.pattern.message;
      return null;
  }
}

function leafSchema(f: TextField | NumberField | EnumField | BooleanField): z.ZodType {
  const base = z
    .string({ error: (iss) => (iss.input === undefined ? requiredMessage(f.label) : `${f.label} must be text`) })
    .superRefine((value, ctx) => {
      if (value === "") {
        if (f.required) ctx.addIssue({ code: "custom", message: requiredMessage(f.label) });
        return;
      }
      const message = leafCheck(f, value);
      if (message) ctx.addIssue({ code: "custom", message });
    });
  return f.required ? base : base.optional();
}

// ---------------------------------------------------------------------------------------------------------------------
// Containers

/** A strict object of `fields`; `where` names it in unknown-element messages. */
export function deriveObjectSchema(fields: readonly FieldSpec[], where: string): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields) shape[f.name] = fieldSchema(f);
  const known = fields.map((f) => f.name);
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? unknownKeysMessage(iss.keys, known, where)
        : iss.code === "invalid_type"
          ? `${where} must be a group of elements`
          : undefined,
  }) as unknown as z.ZodType<Record<string, unknown>>;
}

function groupSchema(f: GroupField): z.ZodType {
  const inner = deriveObjectSchema(f.fields, f.label);
  const hasRequiredChild = f.fields.some((c) => c.required);
  return z.unknown().superRefine((value, ctx) => {
    if (isEmptyValue(value)) {
      if (!f.required) return;
      // Point at the missing children when there are some (a form can highlight them); otherwise at the group.
      if (hasRequiredChild) forwardIssues(inner.safeParse({}), ctx);
      else ctx.addIssue({ code: "custom", message: requiredMessage(f.label) });
      return;
    }
    if (!isPlainObject(value)) {
      ctx.addIssue({ code: "custom", message: `${f.label} must be a group of elements` });
      return;
    }
    forwardIssues(inner.safeParse(value), ctx);
  });
}

function listSchema(f: ListField): z.ZodType {
  const inner = deriveObjectSchema(f.fields, f.itemLabel);
  const min = f.minItems ?? (f.required ? 1 : 0);
  return z.unknown().superRefine((value, ctx) => {
    if (isEmptyValue(value)) {
      if (min > 0)
        ctx.addIssue({ code: "custom", message: `${f.label} needs at least ${min} ${f.itemLabel.toLowerCase()}` });
      return;
    }
    if (!Array.isArray(value)) {
      ctx.addIssue({ code: "custom", message: `${f.label} must be a list` });
      return;
    }
    if (value.length > f.maxItems)
      ctx.addIssue({ code: "custom", message: `${f.label} takes at most ${f.maxItems} items, not ${value.length}` });
    if (value.length < min)
      ctx.addIssue({ code: "custom", message: `${f.label} needs at least ${min} ${f.itemLabel.toLowerCase()}` });
    value.forEach((item, i) => {
      if (!isPlainObject(item)) {
        ctx.addIssue({ code: "custom", path: [i], message: `${f.itemLabel} ${i + 1} must be a group of elements` });
        return;
      }
      forwardIssues(inner.safeParse(item), ctx, [i]);
    });
  });
}

function stringListSchema(f: StringListField): z.ZodType {
  return z.unknown().superRefine((value, ctx) => {
    if (isEmptyValue(value)) {
      if (f.required) ctx.addIssue({ code: "custom", message: requiredMessage(f.label) });
      return;
    }
    if (!Array.isArray(value)) {
      ctx.addIssue({ code: "custom", message: `${f.label} must be a list` });
      return;
    }
    if (value.length > f.maxItems)
      ctx.addIssue({ code: "custom", message: `${f.label} takes at most ${f.maxItems} items, not ${value.length}` });
    value.forEach((item, i) => {
      if (typeof item !== "string" || item === "") {
        ctx.addIssue({ code: "custom", path: [i], message: `${f.label}: item ${i + 1} is empty or not text` });
      } else if (f.pattern && !f.pattern.regex.test(item)) {
        ctx.addIssue({ code: "custom", path: [i], message: `${f.label}: item ${i + 1}: ${f.pattern.message}` });
      }
    });
  });
}

/** The schema of one field as a property value (optional unless `required`). */
export function fieldSchema(f: FieldSpec): z.ZodType {
  switch (f.kind) {
    case "group":
      return f.required ? groupSchema(f) : groupSchema(f).optional();
    case "list":
      return f.required || (f.minItems ?? 0) > 0 ? listSchema(f) : listSchema(f).optional();
    case "stringList":
      return f.required ? stringListSchema(f) : stringListSchema(f).optional();
    default:
      return leafSchema(f);
  }
}

/**
 * The schema of a whole element (e.g. JobParam) described by `fields`: strict, with `visibleWhen` enforced. The
 * output is the input unchanged.
 */
export function deriveSchema(fields: readonly FieldSpec[], where = "JobParam"): z.ZodType<Record<string, unknown>> {
  const inner = deriveObjectSchema(fields, where);
  return z
    .record(z.string(), z.unknown(), { error: `${where} must be a group of elements` })
    .superRefine((value, ctx) => {
      forwardIssues(inner.safeParse(value), ctx);
      checkVisibility(fields, value, fields, value, [], ctx);
    });
}
