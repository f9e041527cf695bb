/**
 * The Tag registry: one module per Tag (field metadata, the JobParam schema derived from it, cross-field rules and an
 * example). Light pages that only need Tag names import ./names instead, which carries none of this.
 */
import type { z } from "zod";
import { animation } from "./animation";
import { concat } from "./concat";
import { digitalWatermark } from "./digital-watermark";
import { extractDigitalWatermark } from "./extract-digital-watermark";
import { imageInspect } from "./image-inspect";
import { mediaInfo } from "./media-info";
import { isTagName, type TagName } from "./names";
import { noiseReduction } from "./noise-reduction";
import { refineOutputFields } from "./output-rules";
import { picProcess } from "./pic-process";
import { qualityEstimate } from "./quality-estimate";
import { sdrToHdr } from "./sdr-to-hdr";
import { segment } from "./segment";
import { smartCover } from "./smart-cover";
import { snapshot } from "./snapshot";
import { speechRecognition } from "./speech-recognition";
import { streamExtract } from "./stream-extract";
import { superResolution } from "./super-resolution";
import { transcode } from "./transcode";
import { tts } from "./tts";
import type { TagModule } from "./types";
import { videoMontage } from "./video-montage";
import { videoProcess } from "./video-process";
import { videoTag } from "./video-tag";
import { voiceSeparate } from "./voice-separate";

export { TAG_NAMES, isTagName, TAGS_WITHOUT_OUTPUT, type TagName } from "./names";
export type { FieldSpec, OutputKind, TagGroup, TagModule } from "./types";

export const TAGS: Readonly<Record<TagName, TagModule>> = {
  Transcode: transcode,
  Snapshot: snapshot,
  Animation: animation,
  SmartCover: smartCover,
  Concat: concat,
  SpeechRecognition: speechRecognition,
  VoiceSeparate: voiceSeparate,
  VideoMontage: videoMontage,
  SDRtoHDR: sdrToHdr,
  VideoProcess: videoProcess,
  SuperResolution: superResolution,
  Segment: segment,
  VideoTag: videoTag,
  PicProcess: picProcess,
  DigitalWatermark: digitalWatermark,
  ExtractDigitalWatermark: extractDigitalWatermark,
  MediaInfo: mediaInfo,
  StreamExtract: streamExtract,
  Tts: tts,
  NoiseReduction: noiseReduction,
  QualityEstimate: qualityEstimate,
  ImageInspect: imageInspect,
};

/**
 * Applies the Tag's JobParam schema (issues under ["JobParam", …]), the Output fields the Tag uses, and — once
 * JobParam itself is valid — the Tag's cross-field rules. Called from request-schema's jobOperationSchema.
 */
export function validateJobOperation(operation: Record<string, unknown>, ctx: z.RefinementCtx): void {
  if (!isTagName(operation.Tag)) return; // the base schema already reports an unknown Tag
  const mod = TAGS[operation.Tag];
  const result = mod.jobParamSchema.safeParse(operation.JobParam ?? {});
  if (!result.success) {
    for (const issue of result.error.issues)
      ctx.addIssue({ code: "custom", message: issue.message, path: ["JobParam", ...issue.path] });
  }
  refineOutputFields(mod.label, mod.output, operation, ctx);
  // Cross-field rules read values the JobParam schema has vetted; on invalid JobParam they would only add noise.
  if (result.success) mod.refineOperation?.(operation, ctx);
}
