/**
 * Fields several Tags share (docs/ci-api.md §4.1 extras, §4.1a Watermark, §4.15 DigitalWatermark): the template IDs,
 * watermarks, audio mixing, time ranges and HLS encryption.
 */
import { TEMPLATE_ID_PATTERN } from "../patterns";
import { bool, choice, num, options, text, URL_PATTERN } from "./field-helpers";
import type { FieldSpec, GroupField, ListField, StringListField, TextField } from "./types";

export { TEMPLATE_ID_PATTERN };
const templatePattern = (what: string) => ({
  regex: TEMPLATE_ID_PATTERN,
  message: `A ${what} ID looks like t1460606b9752148c4ab182f55163ba7cd`,
});

/** Offered by the form exactly when the Tag has a `templateTag`; replaces the Tag's own parameter element. */
export const templateIdField: TextField = text("TemplateId", "Template", {
  pattern: templatePattern("template"),
  help: "A saved template replaces the parameters below",
});

export const watermarkTemplateIdField: StringListField = {
  kind: "stringList",
  name: "WatermarkTemplateId",
  label: "Watermark templates",
  maxItems: 3,
  pattern: templatePattern("watermark template"),
};

export const transcodeTemplateIdField: TextField = text("TranscodeTemplateId", "Transcode template", {
  pattern: templatePattern("transcode template"),
  help: "Decides the output encoding",
});

/** Chinese, English letters, digits, `_`, `-`, `*` (DigitalWatermark.Message and watermark text, ≤ 64). */
const WATERMARK_TEXT = {
  regex: /^[\p{Script=Han}A-Za-z0-9_\-*]+$/u,
  message: "Use Chinese or English letters, digits, _, - and * only",
};

/**
 * DigitalWatermark (§4.15). `ignoreError` is left out for the DigitalWatermark Tag itself, where the doc says it has
 * no effect (the job fails when embedding fails).
 */
export function digitalWatermarkField(opts: { ignoreError: boolean; required?: boolean }): GroupField {
  const fields: FieldSpec[] = [
    text("Message", "Message", { required: true, maxLength: 64, pattern: WATERMARK_TEXT }),
    choice("Type", "Type", options("Text"), { required: true, defaultValue: "Text" }),
    choice("Version", "Version", options("V1"), { required: true, defaultValue: "V1" }),
  ];
  if (opts.ignoreError) fields.push(bool("IgnoreError", "Continue if embedding fails", { defaultValue: "false" }));
  return { kind: "group", name: "DigitalWatermark", label: "Digital watermark", required: opts.required, fields };
}

const WATERMARK_POSITIONS = options(
  "TopRight",
  "TopLeft",
  "BottomRight",
  "BottomLeft",
  "Left",
  "Right",
  "Top",
  "Bottom",
  "Center",
);

/** One Watermark item (§4.1a). Dx/Dy bounds depend on LocMode and Background: see refineWatermarks. */
export const watermarkItemFields: readonly FieldSpec[] = [
  choice("Type", "Type", options("Text", "Image"), { required: true }),
  choice("Pos", "Position", WATERMARK_POSITIONS, { required: true }),
  choice(
    "LocMode",
    "Offset unit",
    [
      { value: "Relativity", label: "Percent (Relativity)" },
      { value: "Absolute", label: "Pixels (Absolute)" },
    ],
    { required: true },
  ),
  num("Dx", "Horizontal offset", { required: true, min: -4096, max: 4096 }),
  num("Dy", "Vertical offset", { required: true, min: -4096, max: 4096 }),
  num("StartTime", "Start time", { min: 0, unit: "s" }),
  num("EndTime", "End time", { min: 0, unit: "s" }),
  {
    kind: "group",
    name: "SlideConfig",
    label: "Sliding",
    fields: [
      choice("SlideMode", "Slide mode", options("Default", "ScrollFromLeft")),
      num("XSlideSpeed", "Horizontal speed", { min: 0, max: 10, integer: true }),
      num("YSlideSpeed", "Vertical speed", { min: 0, max: 10, integer: true }),
    ],
  },
  {
    kind: "group",
    name: "Image",
    label: "Image",
    fields: [
      text("Url", "Image URL", { required: true, pattern: URL_PATTERN, maxLength: 1024 }),
      choice("Mode", "Size mode", options("Original", "Proportion", "Fixed")),
      num("Width", "Width", { min: 0, minExclusive: true }),
      num("Height", "Height", { min: 0, minExclusive: true }),
      num("Transparency", "Opacity", { min: 1, max: 100, integer: true, unit: "%" }),
      bool("Background", "Tile as background"),
    ],
  },
  {
    kind: "group",
    name: "Text",
    label: "Text",
    fields: [
      text("Text", "Text", { required: true, maxLength: 64, pattern: WATERMARK_TEXT }),
      num("FontSize", "Font size", { min: 5, max: 100, integer: true }),
      text("FontType", "Font", { maxLength: 64 }),
      text("FontColor", "Font colour", {
        pattern: { regex: /^0x[0-9A-Fa-f]{6}$/, message: "Font colour looks like 0xRRGGBB" },
        placeholder: "0xFFFFFF",
      }),
      num("Transparency", "Opacity", { min: 1, max: 100, integer: true, unit: "%" }),
    ],
  },
];

export const watermarkListField: ListField = {
  kind: "list",
  name: "Watermark",
  label: "Watermarks",
  itemLabel: "Watermark",
  maxItems: 3,
  fields: watermarkItemFields,
};

/** RemoveWatermark (§4.1 extras): the box to blur away, all four in [1, 4096] px. */
export const removeWatermarkField: GroupField = {
  kind: "group",
  name: "RemoveWatermark",
  label: "Remove watermark",
  fields: [
    num("Dx", "Left", { required: true, min: 1, max: 4096, integer: true, unit: "px" }),
    num("Dy", "Top", { required: true, min: 1, max: 4096, integer: true, unit: "px" }),
    num("Width", "Width", { required: true, min: 1, max: 4096, integer: true, unit: "px" }),
    num("Height", "Height", { required: true, min: 1, max: 4096, integer: true, unit: "px" }),
  ],
};

const positiveSeconds = (name: string, label: string) => num(name, label, { min: 0, minExclusive: true, unit: "s" });

const audioMixItemFields: readonly FieldSpec[] = [
  text("AudioSource", "Mix track URL", { required: true, pattern: URL_PATTERN, maxLength: 1024 }),
  choice("MixMode", "Mix mode", [
    { value: "Repeat", label: "Repeat (loop the track)" },
    { value: "Once", label: "Once" },
  ]),
  bool("Replace", "Replace the source audio"),
  {
    kind: "group",
    name: "EffectConfig",
    label: "Fades",
    fields: [
      bool("EnableStartFadein", "Fade in at start"),
      positiveSeconds("StartFadeinTime", "Fade-in time"),
      bool("EnableEndFadeout", "Fade out at end"),
      positiveSeconds("EndFadeoutTime", "Fade-out time"),
      bool("EnableBgmFade", "Fade background music"),
      positiveSeconds("BgmFadeTime", "Background fade time"),
    ],
  },
];

/** AudioMix (one track) and AudioMixArray (≤ 2 tracks); both only when Audio.Remove is not true. */
export function audioMixFields(): FieldSpec[] {
  return [
    { kind: "group", name: "AudioMix", label: "Audio mix", fields: audioMixItemFields },
    {
      kind: "list",
      name: "AudioMixArray",
      label: "Audio mix tracks",
      itemLabel: "Mix track",
      maxItems: 2,
      fields: audioMixItemFields,
    },
  ];
}

/** TimeInterval{Start, Duration} in seconds (float, millisecond precision). */
export function timeIntervalField(): GroupField {
  return {
    kind: "group",
    name: "TimeInterval",
    label: "Time range",
    fields: [num("Start", "Start", { min: 0, unit: "s" }), num("Duration", "Duration", { min: 0, unit: "s" })],
  };
}

/**
 * HlsEncrypt{IsHlsEncrypt, UriKey}. `groupPath` is where this group sits (from JobParam), `formatPath` the format
 * field that must be hls for it to apply.
 */
export function hlsEncryptField(groupPath: string, formatPath: string, formats: readonly string[]): GroupField {
  return {
    kind: "group",
    name: "HlsEncrypt",
    label: "HLS encryption",
    visibleWhen: { path: formatPath, equals: formats },
    fields: [
      bool("IsHlsEncrypt", "Encrypt HLS", { defaultValue: "false" }),
      text("UriKey", "Key URI", {
        maxLength: 1024,
        visibleWhen: { path: `${groupPath}.IsHlsEncrypt`, equals: ["true"] },
      }),
    ],
  };
}

/**
 * AIGC labelling metadata written into the output (cos-go-sdk-v5 ci_media.go `AIGCMetadata`, carried by `Segment`
 * and `TransConfig`). The Go SDK is the only source; its fields are free text, so none is checked beyond length.
 */
export const aigcMetadataField: GroupField = {
  kind: "group",
  name: "AIGCMetadata",
  label: "AIGC metadata",
  help: "Labels for AI-generated content (as the Go SDK sends them)",
  fields: [
    text("Label", "Label", { maxLength: 256 }),
    text("ContentProducer", "Content producer", { maxLength: 256 }),
    text("ProduceID", "Produce ID", { maxLength: 256 }),
    text("ReservedCode1", "Reserved code 1", { maxLength: 256 }),
    text("ContentPropagator", "Content propagator", { maxLength: 256 }),
    text("PropagateID", "Propagate ID", { maxLength: 256 }),
    text("ReservedCode2", "Reserved code 2", { maxLength: 256 }),
  ],
};
