/**
 * The 22 batch-job Tags (docs/ci-api.md §4, and ImageInspect from the official SDKs), kept apart from the full registry so that light pages (the job
 * table) can name Tags without loading every Tag's form metadata. Translation, WordsGeneralize, DNA, VocalScore and
 * ImageOCR are not here: only single jobs send them, though the Go SDK's batch JobParam struct has their blocks
 * (docs/ci-api.md §4.0 "Checked and not added").
 */
export const TAG_NAMES = [
  "Transcode",
  "Snapshot",
  "Animation",
  "SmartCover",
  "Concat",
  "SpeechRecognition",
  "VoiceSeparate",
  "VideoMontage",
  "SDRtoHDR",
  "VideoProcess",
  "SuperResolution",
  "Segment",
  "VideoTag",
  "PicProcess",
  "DigitalWatermark",
  "ExtractDigitalWatermark",
  "MediaInfo",
  "StreamExtract",
  "Tts",
  "NoiseReduction",
  "QualityEstimate",
  "ImageInspect",
] as const;
export type TagName = (typeof TAG_NAMES)[number];

export function isTagName(value: unknown): value is TagName {
  return typeof value === "string" && (TAG_NAMES as readonly string[]).includes(value);
}

/** Tags whose jobs write no output object (the Output section is hidden and must be absent). */
export const TAGS_WITHOUT_OUTPUT: readonly TagName[] = [
  "VideoTag",
  "ExtractDigitalWatermark",
  "MediaInfo",
  "QualityEstimate",
  "ImageInspect",
];
