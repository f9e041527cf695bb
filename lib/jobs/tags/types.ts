/**
 * The contract of a Tag module: field metadata drives both the form renderer and the zod schema, so the wizard and
 * the server cannot drift apart. Values are strings throughout, as CI's XML has them.
 */
import type { z } from "zod";
import type { TagName } from "./names";

export type TagGroup = "video" | "audio" | "image" | "ai";

/** Which Output fields the Tag writes (docs/ci-api.md §4.0 table, last column). */
export type OutputKind = "none" | "object" | "snapshot" | "voiceSeparate" | "streamExtract";

export interface FieldOption {
  value: string;
  label: string;
}

/** Show a field only when another field (a path relative to JobParam, dot-separated) has one of these values. */
export interface VisibleWhen {
  path: string;
  equals: readonly string[];
}

interface FieldBase {
  /** CI element name, e.g. `Codec`. */
  name: string;
  label: string;
  help?: string;
  required?: boolean;
  visibleWhen?: VisibleWhen;
  /** Pre-filled value when the group is first shown. */
  defaultValue?: string;
}

export interface TextField extends FieldBase {
  kind: "text";
  maxLength?: number;
  pattern?: { regex: RegExp; message: string };
  placeholder?: string;
}

export interface NumberField extends FieldBase {
  kind: "number";
  min?: number;
  max?: number;
  /** Range ends that are open, e.g. Fps (0,60]. */
  minExclusive?: boolean;
  maxExclusive?: boolean;
  integer?: boolean;
  even?: boolean;
  /** Extra literal values accepted besides numbers, e.g. `auto` for Bitrate. */
  literals?: readonly string[];
  unit?: string;
}

export interface EnumField extends FieldBase {
  kind: "enum";
  options: readonly FieldOption[];
}

/** Sent as the strings `true` / `false`. */
export interface BooleanField extends FieldBase {
  kind: "boolean";
}

/** A nested element such as `Container` or `Video`. */
export interface GroupField extends FieldBase {
  kind: "group";
  fields: readonly FieldSpec[];
}

/** A repeatable element such as `ConcatFragment` or `Watermark`: each item is a group of fields. */
export interface ListField extends FieldBase {
  kind: "list";
  itemLabel: string;
  fields: readonly FieldSpec[];
  minItems?: number;
  maxItems: number;
}

/** A repeatable single value such as `WatermarkTemplateId`. */
export interface StringListField extends FieldBase {
  kind: "stringList";
  maxItems: number;
  pattern?: { regex: RegExp; message: string };
}

export type FieldSpec = TextField | NumberField | EnumField | BooleanField | GroupField | ListField | StringListField;

export interface TagModule {
  tag: TagName;
  group: TagGroup;
  label: string;
  /** One line for the Tag picker. */
  description: string;
  /** `tag` value for `GET /template` when a TemplateId may replace the inline parameters; null when it cannot. */
  templateTag: string | null;
  output: OutputKind;
  /**
   * Name of the Tag's own parameter element in `fields` (e.g. `Transcode`, `ConcatTemplate`, `TtsTpl`), or null when
   * the Tag has none (MediaInfo, StreamExtract). When a TemplateId is chosen this element must be left out; the other
   * top-level fields (WatermarkTemplateId, Watermark, …) are extras that may go with either. `TemplateId` itself is
   * not in `fields`: it is offered exactly when `templateTag` is not null (see `templateIdField` in common-fields.ts).
   */
  paramElement: string | null;
  /** Field metadata for the JobParam form; paths are relative to JobParam. */
  fields: readonly FieldSpec[];
  /** JobParam schema (derived from `fields`, plus TemplateId handling). */
  jobParamSchema: z.ZodType<Record<string, unknown>>;
  /** Rules that need the whole Operation, e.g. `${Number}` in Output.Object. Paths relative to Operation. */
  refineOperation?: (operation: Record<string, unknown>, ctx: z.RefinementCtx) => void;
  /** A realistic Operation fragment (`JobParam`, `Output`) for tests, docs and the emulator's seed data. */
  example: { JobParam?: Record<string, unknown>; Output?: Record<string, unknown> };
}
