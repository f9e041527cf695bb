/** Names, inputs and outputs for seed jobs: what a media team's batch jobs look like. */
import type { XmlObject } from "@/lib/ci/xml";
import { formatCiTime } from "../model/ci-formats";
import type { ModelTag } from "../model/tag-table";
import type { Rng } from "./prng";

/** Seed jobs use the 21 Tags the batch doc tables list; ImageInspect (an SDK-test Tag) is left to real triggers. */
export type SeedTag = Exclude<ModelTag, "ImageInspect">;
type TagName = SeedTag;

export const TAG_WEIGHTS: readonly (readonly [TagName, number])[] = [
  ["Transcode", 25],
  ["Snapshot", 10],
  ["Animation", 5],
  ["SmartCover", 5],
  ["Concat", 4],
  ["SpeechRecognition", 6],
  ["VoiceSeparate", 3],
  ["VideoMontage", 3],
  ["SDRtoHDR", 2],
  ["VideoProcess", 3],
  ["SuperResolution", 3],
  ["Segment", 3],
  ["VideoTag", 2],
  ["PicProcess", 6],
  ["DigitalWatermark", 2],
  ["ExtractDigitalWatermark", 1],
  ["MediaInfo", 4],
  ["StreamExtract", 2],
  ["Tts", 3],
  ["NoiseReduction", 3],
  ["QualityEstimate", 2],
];

const SLUG: Record<TagName, string> = {
  Transcode: "transcode",
  Snapshot: "snapshot",
  Animation: "gif",
  SmartCover: "smartcover",
  Concat: "concat",
  SpeechRecognition: "asr",
  VoiceSeparate: "voice-separate",
  VideoMontage: "montage",
  SDRtoHDR: "sdr-to-hdr",
  VideoProcess: "enhance",
  SuperResolution: "super-resolution",
  Segment: "segment",
  VideoTag: "video-tag",
  PicProcess: "pic",
  DigitalWatermark: "dwm-embed",
  ExtractDigitalWatermark: "dwm-extract",
  MediaInfo: "mediainfo",
  StreamExtract: "stream-extract",
  Tts: "tts",
  NoiseReduction: "denoise",
  QualityEstimate: "quality",
};

const SUBJECTS = [
  "campaign",
  "catalog-refresh",
  "ugc-backfill",
  "launch-teaser",
  "archive-migration",
  "double11",
  "newsroom",
  "training-videos",
  "product-demo",
  "spring-sale",
];
const CHINESE = ["转码-双十一", "截图-商品目录", "字幕-培训课程", "降噪-播客"];

type MediaKind = "video" | "audio" | "image" | "text";
const KIND: Partial<Record<TagName, MediaKind>> = {
  SpeechRecognition: "audio",
  VoiceSeparate: "audio",
  NoiseReduction: "audio",
  PicProcess: "image",
  Tts: "text",
};

const PREFIXES: Record<MediaKind, readonly string[]> = {
  video: ["uploads/2026/campaign/", "ugc/raw/", "vod/masters/", "catalog/videos/", "archive/2019/", "newsroom/clips/"],
  audio: ["podcasts/season-3/", "audio/interviews/", "calls/recordings/"],
  image: ["images/catalog/", "images/banners/", "ugc/photos/"],
  text: ["scripts/tts/", "scripts/ivr/"],
};
const OBJECTS: Record<MediaKind, readonly string[]> = {
  video: [
    "videos/launch-teaser-4k.mp4",
    "vod/masters/keynote-2026.mov",
    "ugc/raw/clip-88412.mp4",
    "catalog/videos/sku-10293.mp4",
  ],
  audio: ["audio/interview-ep42.mp3", "podcasts/season-3/ep07.wav", "calls/recordings/support-0931.m4a"],
  image: ["images/hero-banner.png", "images/catalog/sku-10293.jpg"],
  text: ["scripts/tts/welcome-message.txt", "scripts/ivr/menu-zh.txt"],
};

export function jobName(rng: Rng, tag: TagName, createdAt: number): string {
  const day = formatCiTime(new Date(createdAt), 480).slice(0, 10); // YYYY-MM-DD in CI's zone
  if (tag === "Transcode" && rng.chance(0.06)) return `${rng.pick(CHINESE)}-${day.slice(0, 4)}`;
  const subject = rng.pick(SUBJECTS);
  return rng.chance(0.7)
    ? `${SLUG[tag]}-${subject}-${day.slice(0, 7)}`
    : `${SLUG[tag]}_${subject}_${day.slice(5).replace("-", "")}`;
}

export function workflowJobName(rng: Rng, workflowName: string, createdAt: number): string {
  const day = formatCiTime(new Date(createdAt), 480).slice(0, 10);
  return rng.chance(0.6) ? `wf-${workflowName}-${day}` : `${workflowName}-backfill-${day.slice(0, 7)}`;
}

export function jobInput(rng: Rng, tag: TagName | undefined, bucket: string, createdAt: number): XmlObject {
  const kind = (tag && KIND[tag]) ?? "video";
  const day = formatCiTime(new Date(createdAt), 480).slice(0, 10);
  const source = rng.weighted([
    ["Prefix", 55],
    ["Object", 25],
    ["UrlFile", 10],
    ["Manifest", 10],
  ] as const);
  switch (source) {
    case "Prefix":
      return { Prefix: rng.pick(PREFIXES[kind]) };
    case "Object":
      return { Object: rng.pick(OBJECTS[kind]) };
    case "UrlFile":
      return { UrlFile: `lists/${kind}-urls-${day}.txt` };
    case "Manifest":
      return { Manifest: `inventory/${bucket}/daily-${kind}/${day}T00-00Z/manifest.json` };
  }
}

const EXT: Partial<Record<TagName, string>> = {
  Transcode: "mp4",
  Animation: "gif",
  Concat: "mp4",
  SpeechRecognition: "txt",
  VideoMontage: "mp4",
  SDRtoHDR: "mp4",
  VideoProcess: "mp4",
  SuperResolution: "mp4",
  PicProcess: "jpg",
  DigitalWatermark: "mp4",
  Tts: "pcm",
  NoiseReduction: "wav",
};

/** The Output block a Tag writes (docs/ci-api.md §4.0 table), or undefined for Tags without output. */
export function jobOutput(
  rng: Rng,
  tag: TagName,
  bucket: string,
  region: string,
  sprite: boolean,
): XmlObject | undefined {
  const base = `output/${SLUG[tag]}/\${InventoryTriggerJobId}`;
  const target = { Region: region, Bucket: rng.chance(0.8) ? bucket : "media-output-1250000000" };
  switch (tag) {
    case "VideoTag":
    case "ExtractDigitalWatermark":
    case "MediaInfo":
    case "QualityEstimate":
      return undefined;
    case "Snapshot":
      return {
        ...target,
        Object: `${base}/snapshot-\${Number}.jpg`,
        ...(sprite ? { SpriteObject: `${base}/sprite-\${Number}.jpg` } : {}),
      };
    case "SmartCover":
      return { ...target, Object: `${base}/cover-\${Number}.jpg` };
    case "Segment":
      return { ...target, Object: `${base}/part-\${Number}.mp4` };
    case "VoiceSeparate":
      return { ...target, Object: `${base}/background.mp3`, AuObject: `${base}/vocals.mp3` };
    case "StreamExtract":
      return {
        ...target,
        StreamExtract: [
          { Index: "0", Object: `${base}/video.mp4` },
          { Index: "1", Object: `${base}/audio.m4a` },
        ],
      };
    default:
      return { ...target, Object: `${base}/out.${EXT[tag] ?? "mp4"}` };
  }
}
