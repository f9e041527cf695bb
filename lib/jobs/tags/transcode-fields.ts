/** Transcode's element (docs/ci-api.md §4.1): Container, Video, Audio, TimeInterval, TransConfig, AudioMix. */
import { aigcMetadataField, audioMixFields, hlsEncryptField, timeIntervalField } from "./common-fields";
import { bool, choice, dimension, fps, num, options, text } from "./field-helpers";
import type { FieldOption, GroupField } from "./types";

/**
 * Container formats. UNCERTAIN (docs/ci-api.md §4.1: the complete list is open): the documented list plus dash
 * and wav, which the Android SDK and the pcm_s16le default mention. Values are lower case as CI's other formats are
 * ("WebM" in the doc table is a display name).
 */
export const TRANSCODE_FORMATS = [
  "mp4",
  "flv",
  "hls",
  "dash",
  "ts",
  "mkv",
  "webm",
  "mp3",
  "aac",
  "flac",
  "amr",
  "wav",
] as const;

export const VIDEO_CODECS = ["H.264", "H.265", "VP8", "VP9", "AV1"] as const;
export const AUDIO_CODECS = ["aac", "mp3", "flac", "amr", "Vorbis", "opus", "pcm_s16le"] as const;
export const SAMPLE_RATES = [
  "8000",
  "11025",
  "12000",
  "16000",
  "22050",
  "24000",
  "32000",
  "44100",
  "48000",
  "88200",
  "96000",
];

/** Preset values per codec; H.265 and VP9 take none. AV1: UNCERTAIN ([AND] universal/medium, [TF] 5/4) — both accepted. */
export const PRESETS_BY_CODEC: Readonly<Record<string, readonly string[]>> = {
  "H.264": ["veryfast", "fast", "medium", "slow", "slower"],
  VP8: ["good", "realtime"],
  AV1: ["universal", "medium", "5", "4"],
};

export const PIXFMTS_BY_CODEC: Readonly<Record<string, readonly string[]>> = {
  "H.264": ["yuv420p", "yuv422p", "yuv444p", "yuvj420p", "yuvj422p", "yuvj444p", "auto"],
  "H.265": ["yuv420p", "yuv420p10le", "auto"],
};

const unique = (lists: readonly (readonly string[])[]) => [...new Set(lists.flat())];

const formatOptions: FieldOption[] = [
  { value: "mp4", label: "MP4" },
  { value: "flv", label: "FLV" },
  { value: "hls", label: "HLS" },
  { value: "dash", label: "DASH" },
  { value: "ts", label: "TS" },
  { value: "mkv", label: "MKV" },
  { value: "webm", label: "WebM" },
  { value: "mp3", label: "MP3 (audio only)" },
  { value: "aac", label: "AAC (audio only)" },
  { value: "flac", label: "FLAC (audio only)" },
  { value: "amr", label: "AMR (audio only)" },
  { value: "wav", label: "WAV (audio only)" },
];

const P = "Transcode";

const container: GroupField = {
  kind: "group",
  name: "Container",
  label: "Container",
  required: true,
  fields: [
    choice("Format", "Format", formatOptions, { required: true, defaultValue: "mp4" }),
    {
      kind: "group",
      name: "ClipConfig",
      label: "Segmenting",
      visibleWhen: { path: `${P}.Container.Format`, equals: ["hls", "dash"] },
      fields: [num("Duration", "Segment length", { min: 0, minExclusive: true, unit: "s", help: "Default 5 s" })],
    },
  ],
};

const video: GroupField = {
  kind: "group",
  name: "Video",
  label: "Video",
  help: "Leave out to drop the video stream",
  fields: [
    // No pre-filled codec: the default depends on the container (CI picks it when the element is left out).
    choice("Codec", "Codec", options(...VIDEO_CODECS), { help: "Default H.264 (VP8 for WebM)" }),
    dimension("Width", true, { help: "Only Width: Height keeps the aspect ratio" }),
    dimension("Height", true),
    fps(),
    bool("Remove", "Remove video"),
    choice("Profile", "Profile", options("baseline", "main", "high", "auto"), { help: "H.264 only; default high" }),
    num("Bitrate", "Bitrate", { min: 10, max: 50000, integer: true, unit: "Kbps", literals: ["auto"] }),
    num("Crf", "CRF", {
      min: 0,
      max: 51,
      minExclusive: true,
      help: "Overrides Bitrate; default 25 when Bitrate is empty",
    }),
    num("Gop", "GOP", { min: 1, max: 100000, integer: true, unit: "frames" }),
    choice("Preset", "Preset", options(...unique(Object.values(PRESETS_BY_CODEC))), {
      help: "H.264: veryfast…slower; VP8: good/realtime; AV1: universal/medium",
    }),
    num("Bufsize", "Buffer size", { min: 1000, max: 128000, integer: true, unit: "Kb" }),
    num("Maxrate", "Peak bitrate", { min: 10, max: 50000, integer: true, unit: "Kbps" }),
    choice("Pixfmt", "Pixel format", options(...unique(Object.values(PIXFMTS_BY_CODEC)))),
    bool("LongShortMode", "Long/short edge adaptive"),
    num("Rotate", "Rotation", { min: 0, max: 360, maxExclusive: true, unit: "°" }),
    choice("Roi", "ROI strength", options("none", "low", "medium", "high")),
    text("Crop", "Crop", {
      pattern: { regex: /^[1-9]\d*:[1-9]\d*:\d+:\d+$/, message: "Crop is width:height:left:top, e.g. 1280:800:0:140" },
      placeholder: "1280:800:0:140",
    }),
    bool("Interlaced", "Interlaced"),
    // [GO] / older-doc fields: kept so that settings copied from CI templates still fit.
    num("HlsTsTime", "HLS segment time", { min: 0, minExclusive: true, unit: "s" }),
    num("DashSegment", "DASH segment time", { min: 0, minExclusive: true, unit: "s" }),
    {
      kind: "group",
      name: "ColorParam",
      label: "Colour",
      fields: [
        text("ColorRange", "Colour range", { maxLength: 64 }),
        text("ColorSpace", "Colour space", { maxLength: 64 }),
        text("ColorTrc", "Transfer characteristics", { maxLength: 64 }),
        text("ColorPrimaries", "Colour primaries", { maxLength: 64 }),
      ],
    },
    text("StdExtInfo", "Encoder extras", { maxLength: 1024, placeholder: "single-pps=1" }),
  ],
};

const audio: GroupField = {
  kind: "group",
  name: "Audio",
  label: "Audio",
  help: "Leave out to drop the audio stream",
  fields: [
    choice("Codec", "Codec", options(...AUDIO_CODECS), { help: "Default aac (Vorbis for WebM, pcm_s16le for WAV)" }),
    choice("Samplerate", "Sample rate", options(...SAMPLE_RATES), { help: "Hz; default 44100 (48000 for opus)" }),
    num("Bitrate", "Bitrate", { min: 8, max: 1000, integer: true, unit: "Kbps" }),
    choice("Channels", "Channels", options("1", "2", "4", "5", "6", "8")),
    bool("Remove", "Remove audio"),
    bool("KeepTwoTracks", "Keep two tracks"),
    bool("SwitchTrack", "Switch track"),
    choice("SampleFormat", "Sample format", options("fltp", "s16", "s16p", "s32", "s32p")),
  ],
};

const adjust = (name: string, label: string, when: string) =>
  choice(
    name,
    label,
    [
      { value: "0", label: "Keep the source value" },
      { value: "1", label: "Fail the job" },
    ],
    { visibleWhen: { path: `${P}.TransConfig.${when}`, equals: ["true"] } },
  );

const transConfig: GroupField = {
  kind: "group",
  name: "TransConfig",
  label: "Transcode options",
  fields: [
    choice("AdjDarMethod", "Aspect-ratio fix", options("none", "scale", "crop", "pad"), { defaultValue: "none" }),
    bool("IsCheckReso", "Check resolution"),
    adjust("ResoAdjMethod", "When resolution is higher than the source", "IsCheckReso"),
    bool("IsCheckVideoBitrate", "Check video bitrate"),
    adjust("VideoBitrateAdjMethod", "When video bitrate is higher than the source", "IsCheckVideoBitrate"),
    bool("IsCheckAudioBitrate", "Check audio bitrate"),
    adjust("AudioBitrateAdjMethod", "When audio bitrate is higher than the source", "IsCheckAudioBitrate"),
    bool("IsCheckVideoFps", "Check frame rate"),
    adjust("VideoFpsAdjMethod", "When frame rate is higher than the source", "IsCheckVideoFps"),
    bool("DeleteMetadata", "Delete metadata"),
    bool("IsHdr2Sdr", "HDR to SDR"),
    num("TranscodeIndex", "Stream index", { min: 0, integer: true, help: "Stream number from MediaInfo" }),
    aigcMetadataField,
    hlsEncryptField(`${P}.TransConfig.HlsEncrypt`, `${P}.Container.Format`, ["hls"]),
    {
      kind: "group",
      name: "DashEncrypt",
      label: "DASH encryption",
      visibleWhen: { path: `${P}.Container.Format`, equals: ["dash"] },
      fields: [
        bool("IsEncrypt", "Encrypt DASH", { defaultValue: "false" }),
        text("UriKey", "Key URI", {
          maxLength: 1024,
          visibleWhen: { path: `${P}.TransConfig.DashEncrypt.IsEncrypt`, equals: ["true"] },
        }),
      ],
    },
    // AIGCMetadata ([GO] only) is left out: its children are undocumented.
  ],
};

/** The `Transcode` element. */
export const transcodeElement: GroupField = {
  kind: "group",
  name: "Transcode",
  label: "Transcode",
  required: true,
  fields: [container, video, audio, timeIntervalField(), transConfig, ...audioMixFields()],
};
