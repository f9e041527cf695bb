/**
 * Helpers for the cross-field rules (`refineOperation`). They read the Operation defensively: a rule only fires on
 * values it understands, and paths are relative to Operation, e.g. ["JobParam", "Transcode", "Video", "Codec"].
 */
import type { z } from "zod";
import { isEmptyValue } from "./values";
import { valueAt } from "./visibility";

export type Operation = Record<string, unknown>;

/** The non-empty string at `path`, or undefined. */
export function textAt(op: unknown, path: readonly string[]): string | undefined {
  const v = valueAt(op, path);
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** Whether anything non-empty sits at `path`. */
export function presentAt(op: unknown, path: readonly string[]): boolean {
  return !isEmptyValue(valueAt(op, path));
}

/** The number at `path` when it is a numeric string, else undefined. */
export function numberAt(op: unknown, path: readonly string[]): number | undefined {
  const t = textAt(op, path);
  if (t === undefined || !/^-?(?:\d+(?:\.\d+)?|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}

/** Items of the list at `path` that are objects (with their index). */
export function itemsAt(op: unknown, path: readonly string[]): Array<[number, Record<string, unknown>]> {
  const v = valueAt(op, path);
  if (!Array.isArray(v)) return [];
  return v.flatMap((item, i) =>
    typeof item === "object" && item !== null && !Array.isArray(item) ? [[i, item as Record<string, unknown>]] : [],
  ) as Array<[number, Record<string, unknown>]>;
}

export function addIssue(ctx: z.RefinementCtx, path: readonly PropertyKey[], message: string): void {
  ctx.addIssue({ code: "custom", path: [...path], message });
}

/** `${Number}` or `${number}`: CI's counter for jobs that write several files. */
export const NUMBER_VARIABLE = /\$\{[Nn]umber\}/;

/** Requires `${Number}` in the Output field `field` (Object, SpriteObject) when the job writes several files. */
export function requireNumberVariable(op: Operation, field: string, why: string, ctx: z.RefinementCtx): void {
  const name = textAt(op, ["Output", field]);
  if (name !== undefined && !NUMBER_VARIABLE.test(name))
    addIssue(ctx, ["Output", field], `Output ${field} must contain \${Number} because ${why}`);
}

/** "a, b or c" */
export function orList(values: readonly string[]): string {
  return values.length <= 1 ? (values[0] ?? "") : `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}

/**
 * Watermark items (§4.1a): the Text / Image group must match Type, and Dx/Dy bounds depend on LocMode and on an
 * image tiled as background: [-300, 0] % / [-4096, 0] px for background images, else [0, 100] % / [0, 4096] px.
 */
export function refineWatermarks(op: Operation, path: readonly string[], ctx: z.RefinementCtx): void {
  for (const [i, wm] of itemsAt(op, path)) {
    const at = [...path, i];
    const type = textAt(wm, ["Type"]);
    if (type === "Text" && !presentAt(wm, ["Text"]))
      addIssue(ctx, [...at, "Text"], "A Text watermark needs its Text settings");
    if (type === "Image" && !presentAt(wm, ["Image"]))
      addIssue(ctx, [...at, "Image"], "An Image watermark needs its Image settings");
    if (type === "Text" && presentAt(wm, ["Image"]))
      addIssue(ctx, [...at, "Image"], "Image settings apply only to Image watermarks");
    if (type === "Image" && presentAt(wm, ["Text"]))
      addIssue(ctx, [...at, "Text"], "Text settings apply only to Text watermarks");

    const background = type === "Image" && textAt(wm, ["Image", "Background"]) === "true";
    const mode = textAt(wm, ["LocMode"]);
    if (mode === "Relativity" || mode === "Absolute") {
      const limit = mode === "Relativity" ? (background ? 300 : 100) : 4096;
      const [lo, hi] = background ? [-limit, 0] : [0, limit];
      const unit = mode === "Relativity" ? "%" : "px";
      for (const axis of ["Dx", "Dy"] as const) {
        const n = numberAt(wm, [axis]);
        if (n !== undefined && (n < lo || n > hi)) {
          const label = axis === "Dx" ? "Horizontal offset" : "Vertical offset";
          const context = background ? " for a background image" : "";
          addIssue(ctx, [...at, axis], `${label} must be from ${lo} to ${hi} ${unit}${context}`);
        }
      }
    }
    const start = numberAt(wm, ["StartTime"]);
    const end = numberAt(wm, ["EndTime"]);
    if (start !== undefined && end !== undefined && end <= start)
      addIssue(ctx, [...at, "EndTime"], "End time must be after the start time");
  }
}

/** AudioMix / AudioMixArray only take effect when Audio.Remove is not true. */
export function refineAudioMix(op: Operation, paramPath: readonly string[], ctx: z.RefinementCtx): void {
  if (textAt(op, [...paramPath, "Audio", "Remove"]) !== "true") return;
  for (const name of ["AudioMix", "AudioMixArray"]) {
    if (presentAt(op, [...paramPath, name]))
      addIssue(ctx, [...paramPath, name], "Audio mixing needs the audio stream: Audio Remove must not be true");
  }
}

/** Channel counts each audio codec supports (§4.1 Audio table). */
export const CHANNELS_BY_CODEC: Readonly<Record<string, readonly string[]>> = {
  aac: ["1", "2", "4", "5", "6", "8"],
  flac: ["1", "2", "4", "5", "6", "8"],
  mp3: ["1", "2"],
  opus: ["1", "2"],
  Vorbis: ["2"],
  amr: ["1"],
  pcm_s16le: ["1", "2"],
};

/** Checks Audio.Channels against the (effective) audio codec. */
export function refineChannels(
  op: Operation,
  audioPath: readonly string[],
  codec: string | undefined,
  ctx: z.RefinementCtx,
): void {
  const channels = textAt(op, [...audioPath, "Channels"]);
  const allowed = codec ? CHANNELS_BY_CODEC[codec] : undefined;
  if (channels && allowed && !allowed.includes(channels))
    addIssue(ctx, [...audioPath, "Channels"], `Channels for ${codec} must be ${orList(allowed)}`);
}
