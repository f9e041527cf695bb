/** What a number field accepts, in words: one phrasing for the form's hint and the schema's error message. No zod here. */
import type { NumberField } from "./types";

function formatRange(f: NumberField): string {
  const { min, max } = f;
  if (min !== undefined && max !== undefined && !f.minExclusive && !f.maxExclusive) return `from ${min} to ${max}`;
  const parts: string[] = [];
  if (min !== undefined) parts.push(f.minExclusive ? `greater than ${min}` : `at least ${min}`);
  if (max !== undefined) parts.push(f.maxExclusive ? `less than ${max}` : `at most ${max}`);
  return parts.join(" and ");
}

/** "an even number from 128 to 4096 px, or auto": what a number field accepts, for messages and help text. */
export function describeNumber(f: NumberField): string {
  const kind = f.even ? "an even number" : f.integer ? "a whole number" : "a number";
  const range = formatRange(f);
  const unit = range && f.unit ? ` ${f.unit}` : "";
  const literals = f.literals?.length ? `, or ${f.literals.join(" or ")}` : "";
  return `${kind}${range ? ` ${range}` : ""}${unit}${literals}`;
}
