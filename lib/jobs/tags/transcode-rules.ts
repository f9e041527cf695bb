/**
 * Transcode's cross-field rules (docs/ci-api.md §4.1): codec/container fit, and the Video/Audio options that only some
 * codecs take. A codec that is not given is the container's default (H.264, or VP8 for WebM; aac, or the one codec an
 * audio-only container holds, Vorbis for WebM).
 */
import type { z } from "zod";
import { PIXFMTS_BY_CODEC, PRESETS_BY_CODEC } from "./transcode-fields";
import { addIssue, orList, presentAt, refineAudioMix, refineChannels, textAt, type Operation } from "./refine-helpers";

/**
 * Codecs each container holds (CI doc 11236352835 table). Per the brief and newer docs WebM also takes VP9.
 * UNCERTAIN: AV1 is listed as a codec but in no container row; we allow it in mp4 only. dash follows mp4/hls; wav
 * holds pcm_s16le (its default codec).
 */
export const CONTAINER_CODECS: Readonly<Record<string, { video: readonly string[]; audio: readonly string[] }>> = {
  mp4: { video: ["H.264", "H.265", "AV1"], audio: ["aac", "mp3"] },
  hls: { video: ["H.264", "H.265"], audio: ["aac", "mp3"] },
  dash: { video: ["H.264", "H.265"], audio: ["aac", "mp3"] },
  ts: { video: ["H.264"], audio: ["aac", "mp3"] },
  mkv: { video: ["H.264"], audio: ["aac", "mp3"] },
  flv: { video: ["H.264"], audio: ["aac", "mp3"] },
  webm: { video: ["VP8", "VP9"], audio: ["Vorbis", "opus"] },
  mp3: { video: [], audio: ["mp3"] },
  aac: { video: [], audio: ["aac"] },
  flac: { video: [], audio: ["flac"] },
  amr: { video: [], audio: ["amr"] },
  wav: { video: [], audio: ["pcm_s16le"] },
};

/** mp3 sample rates by container (CI doc 11236352835). */
const MP3_RATES: Readonly<Record<string, readonly string[]>> = {
  flv: ["11025", "22050", "44100"],
  mp4: ["16000", "22050", "24000", "32000", "44100", "48000"],
  hls: ["11025", "12000", "16000", "22050", "24000", "32000", "44100", "48000"],
  ts: ["11025", "12000", "16000", "22050", "24000", "32000", "44100", "48000"],
  mp3: ["11025", "12000", "16000", "22050", "24000", "32000", "44100", "48000"],
  mkv: ["11025", "12000", "16000", "22050", "24000", "32000", "44100", "48000"],
};

const RATES_BY_CODEC: Readonly<Record<string, readonly string[]>> = {
  amr: ["8000"],
  opus: ["8000", "16000", "24000", "48000"],
};

const SAMPLE_FORMATS_BY_CODEC: Readonly<Record<string, readonly string[]>> = {
  aac: ["fltp"],
  mp3: ["fltp", "s16p", "s32p"],
  flac: ["s16", "s32", "s16p", "s32p"],
  amr: ["s16", "s16p"],
  opus: ["s16"],
  pcm_s16le: ["s16"],
  Vorbis: ["fltp"],
};

export function defaultVideoCodec(format: string | undefined): string {
  return format === "webm" ? "VP8" : "H.264";
}

export function defaultAudioCodec(format: string | undefined): string {
  const fit = format ? CONTAINER_CODECS[format]?.audio : undefined;
  if (format === "webm") return "Vorbis";
  if (fit && fit.length === 1) return fit[0]!;
  return "aac";
}

export function refineTranscode(op: Operation, ctx: z.RefinementCtx): void {
  const T = ["JobParam", "Transcode"];
  if (!presentAt(op, T)) {
    refineTranscodeExtras(op, undefined, ctx);
    return;
  }
  const V = [...T, "Video"];
  const A = [...T, "Audio"];
  const format = textAt(op, [...T, "Container", "Format"]);
  const fit = format ? CONTAINER_CODECS[format] : undefined;
  const hasVideo = presentAt(op, V);
  const hasAudio = presentAt(op, A);
  const videoRemoved = textAt(op, [...V, "Remove"]) === "true";
  const vCodec = textAt(op, [...V, "Codec"]) ?? defaultVideoCodec(format);
  const aCodec = textAt(op, [...A, "Codec"]) ?? defaultAudioCodec(format);

  // Container fit.
  if (fit && hasVideo && !videoRemoved && fit.video.length === 0) {
    addIssue(ctx, V, `The ${format} container holds audio only: leave Video out or set Remove video to true`);
  } else if (fit && hasVideo && textAt(op, [...V, "Codec"]) && !fit.video.includes(vCodec)) {
    addIssue(ctx, [...V, "Codec"], `Codec ${vCodec} does not fit the ${format} container (use ${orList(fit.video)})`);
  }
  if (fit && hasAudio && textAt(op, [...A, "Codec"]) && !fit.audio.includes(aCodec)) {
    addIssue(ctx, [...A, "Codec"], `Codec ${aCodec} does not fit the ${format} container (use ${orList(fit.audio)})`);
  }

  if (hasVideo) refineVideoOptions(op, V, vCodec, ctx);
  if (hasAudio) refineAudioOptions(op, A, aCodec, format, hasVideo ? vCodec : undefined, ctx);
  refineAudioMix(op, T, ctx);
  refineTranscodeExtras(op, hasVideo ? vCodec : undefined, ctx);
}

function refineVideoOptions(op: Operation, V: readonly string[], codec: string, ctx: z.RefinementCtx): void {
  const notFor = (field: string, label: string, codecs: readonly string[]) => {
    if (codecs.includes(codec) && presentAt(op, [...V, field]))
      addIssue(ctx, [...V, field], `${label} is not supported with ${codec}`);
  };
  if (codec !== "H.264" && presentAt(op, [...V, "Profile"]))
    addIssue(ctx, [...V, "Profile"], `Profile is for H.264 only, not ${codec}`);

  const preset = textAt(op, [...V, "Preset"]);
  const presets = PRESETS_BY_CODEC[codec];
  if (preset && !presets) addIssue(ctx, [...V, "Preset"], `Preset is not supported with ${codec}`);
  else if (preset && presets && !presets.includes(preset))
    addIssue(ctx, [...V, "Preset"], `Preset for ${codec} must be ${orList(presets)}`);

  const pixfmt = textAt(op, [...V, "Pixfmt"]);
  const pixfmts = PIXFMTS_BY_CODEC[codec];
  if (pixfmt && !pixfmts) addIssue(ctx, [...V, "Pixfmt"], `Pixel format is not supported with ${codec}`);
  else if (pixfmt && pixfmts && !pixfmts.includes(pixfmt))
    addIssue(ctx, [...V, "Pixfmt"], `Pixel format for ${codec} must be ${orList(pixfmts)}`);

  notFor("Bufsize", "Buffer size", ["VP8", "VP9"]);
  notFor("Maxrate", "Peak bitrate", ["VP8", "VP9"]);
  notFor("LongShortMode", "Long/short edge adaptive", ["VP8", "VP9", "AV1"]);
  notFor("Roi", "ROI strength", ["VP8", "VP9"]);
  notFor("Crop", "Crop", ["H.265", "AV1"]);
  notFor("Interlaced", "Interlaced", ["H.265", "AV1"]);

  const adaptive = textAt(op, [...V, "Bitrate"]) === "auto";
  const roi = textAt(op, [...V, "Roi"]);
  const roiOn = roi !== undefined && roi !== "none";
  for (const [field, label] of [
    ["Crop", "Crop"],
    ["Interlaced", "Interlaced"],
  ] as const) {
    if (!presentAt(op, [...V, field]) || (field === "Interlaced" && textAt(op, [...V, field]) !== "true")) continue;
    if (adaptive) addIssue(ctx, [...V, field], `${label} cannot be used with adaptive bitrate (Bitrate auto)`);
    if (roiOn) addIssue(ctx, [...V, field], `${label} cannot be used with ROI`);
  }
}

function refineAudioOptions(
  op: Operation,
  A: readonly string[],
  codec: string,
  format: string | undefined,
  videoCodec: string | undefined,
  ctx: z.RefinementCtx,
): void {
  const rate = textAt(op, [...A, "Samplerate"]);
  const rates = codec === "mp3" && format ? MP3_RATES[format] : RATES_BY_CODEC[codec];
  if (rate && rates && !rates.includes(rate)) {
    const where = codec === "mp3" ? ` in ${format}` : "";
    addIssue(ctx, [...A, "Samplerate"], `Sample rate for ${codec}${where} must be ${orList(rates)}`);
  }
  refineChannels(op, A, codec, ctx);
  if (format === "dash" && textAt(op, [...A, "Channels"]) === "8")
    addIssue(ctx, [...A, "Channels"], "DASH does not support 8 channels");

  const sampleFormat = textAt(op, [...A, "SampleFormat"]);
  const formats = SAMPLE_FORMATS_BY_CODEC[codec];
  if (sampleFormat && formats && !formats.includes(sampleFormat))
    addIssue(ctx, [...A, "SampleFormat"], `Sample format for ${codec} must be ${orList(formats)}`);

  if (videoCodec === "H.265") {
    for (const [field, label] of [
      ["KeepTwoTracks", "Keep two tracks"],
      ["SwitchTrack", "Switch track"],
      ["SampleFormat", "Sample format"],
    ]) {
      if (presentAt(op, [...A, field!])) addIssue(ctx, [...A, field!], `${label} has no effect with H.265 video`);
    }
  }
}

/** RemoveWatermark: not with H.265/AV1 (§4.1 extras). */
function refineTranscodeExtras(op: Operation, videoCodec: string | undefined, ctx: z.RefinementCtx): void {
  const J = ["JobParam"];
  if (videoCodec && ["H.265", "AV1"].includes(videoCodec)) {
    if (presentAt(op, [...J, "RemoveWatermark"]))
      addIssue(ctx, [...J, "RemoveWatermark"], `Remove watermark is not supported with ${videoCodec}`);
  }
}
