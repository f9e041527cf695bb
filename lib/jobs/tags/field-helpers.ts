/** Small builders that keep the per-Tag field tables short and readable. */
import type { BooleanField, EnumField, FieldOption, NumberField, TextField } from "./types";

/** Options whose label is the value itself (codec names, sample rates, …). */
export function options(...values: string[]): FieldOption[] {
  return values.map((value) => ({ value, label: value }));
}

type Extra<T> = Omit<T, "kind" | "name" | "label">;

export function text(name: string, label: string, extra: Extra<TextField> = {}): TextField {
  return { kind: "text", name, label, ...extra };
}

export function num(name: string, label: string, extra: Extra<NumberField> = {}): NumberField {
  return { kind: "number", name, label, ...extra };
}

export function bool(name: string, label: string, extra: Extra<BooleanField> = {}): BooleanField {
  return { kind: "boolean", name, label, ...extra };
}

export function choice(
  name: string,
  label: string,
  opts: readonly FieldOption[],
  extra: Partial<Extra<EnumField>> = {},
): EnumField {
  return { kind: "enum", name, label, options: opts, ...extra };
}

/** Width / Height in [128, 4096] px; `even` where the doc asks for it (Transcode, VideoMontage). */
export function dimension(name: "Width" | "Height", even: boolean, extra: Extra<NumberField> = {}): NumberField {
  return num(name, name, { min: 128, max: 4096, integer: true, even: even || undefined, unit: "px", ...extra });
}

/** Fps in (0, 60]. */
export function fps(extra: Extra<NumberField> = {}): NumberField {
  return num("Fps", "Frame rate", { min: 0, max: 60, minExclusive: true, unit: "fps", ...extra });
}

/** A same-bucket COS object URL, e.g. a watermark image or a fragment to concatenate. */
export const URL_PATTERN = { regex: /^https?:\/\/\S+$/, message: "Enter an http(s) URL of an object in the bucket" };
