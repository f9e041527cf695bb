/**
 * Inline encoding and watermarks for the enhancement Tags (VideoProcess, SuperResolution, SDRtoHDR): next to the
 * Tag's own element, JobParam may carry a `Transcode` element (instead of `TranscodeTemplateId`) and `Watermark`
 * items (CI doc 1045/50369; cos-go-sdk-v5 ci_media.go `InventoryTriggerJobOperationJobParam` has `Transcode` and
 * `Watermark []Watermark` beside `VideoProcess`, `SuperResolution` and `SDRtoHDR`). Same fields and rules as the
 * Transcode Tag's. Guardrail (ours): a transcode template and inline encoding together are refused, since CI would
 * silently use only one of them.
 */
import type { z } from "zod";
import { watermarkListField } from "./common-fields";
import { addIssue, presentAt, refineWatermarks } from "./refine-helpers";
import { transcodeElement } from "./transcode-fields";
import { refineTranscode } from "./transcode-rules";
import type { FieldSpec } from "./types";

type Operation = Record<string, unknown>;

export const inlineTranscodeFields: readonly FieldSpec[] = [
  {
    ...transcodeElement,
    required: false,
    label: "Encoding",
    help: "Your own encoding settings, instead of a transcode template",
  },
  watermarkListField,
];

export function refineInlineTranscode(op: Operation, ctx: z.RefinementCtx): void {
  const inline = presentAt(op, ["JobParam", "Transcode"]);
  if (inline && presentAt(op, ["JobParam", "TranscodeTemplateId"]))
    addIssue(ctx, ["JobParam", "Transcode"], "Use either a transcode template or your own encoding, not both");
  if (inline) refineTranscode(op, ctx);
  refineWatermarks(op, ["JobParam", "Watermark"], ctx);
}
