/**
 * Picker data (docs/ci-api.md §6): templates per Tag (Official, shared by all buckets; Custom per bucket), queues and
 * workflows. The first configured bucket also gets the IDs that appear in the CI docs' samples, so copied samples work.
 */
import type { XmlObject } from "@/lib/ci/xml";
import type { Rng } from "./prng";
import { TEMPLATE_ELEMENT, TEMPLATE_TAGS, tagParams, type TemplateTag } from "./tag-params";

export interface TemplateRecord {
  templateId: string;
  name: string;
  tag: TemplateTag;
  category: "Official" | "Custom";
  bucketId: string;
  payload: XmlObject;
  createdAt: number;
  updatedAt: number;
}

/**
 * Queue families: media queues at `/queue`; picture, speech and AI queues at their own paths (docs/ci-api.md §6.2,
 * "Other queue lists"; cos-python-sdk-v5 `ci_get_media_pic_queue` → `/picqueue`, `ci_get_asr_queue` → `/asrqueue`,
 * `ci_get_ai_queue` → `/ai_queue`).
 */
export type QueueFamily = "media" | "pic" | "asr" | "ai";

export interface QueueRecord {
  queueId: string;
  name: string;
  state: "Active" | "Paused";
  category: "Transcoding" | "SpeedTranscoding" | "PicProcessing" | "ASR" | "AIProcess";
  /** Absent = media (the `/queue` list). */
  family?: QueueFamily;
  notifyUrl: string;
  createdAt: number;
  updatedAt: number;
}

export interface WorkflowRecord {
  workflowId: string;
  name: string;
  state: "Active" | "Paused";
  bucketId: string;
  queueId: string;
  topology: XmlObject;
  createdAt: number;
  updatedAt: number;
}

/** IDs copied from the CI docs' samples (docs/ci-api.md §1.1), given to the first bucket. */
export const DOC_SAMPLE_IDS = {
  workflowId: "w7476ff3564ee45b7b490d64bccaba6cc",
  queueId: "p893bcda225bf4945a378da6662e81a89",
  templateId: "t1460606b9752148c4ab182f55163ba7cd",
} as const;

const DAY = 86_400_000;

const OFFICIAL_NAMES: Record<TemplateTag, readonly string[]> = {
  Transcode: [
    "MP4-H264-SD",
    "MP4-H264-HD",
    "MP4-H264-FHD",
    "HLS-H264-HD",
    "FLV-H264-HD",
    "MP4-H265-FHD",
    "MP3-128K",
    "AAC-128K",
  ],
  Snapshot: ["Snapshot-Interval-10s", "Snapshot-Average-9", "Snapshot-Sprite-3x3"],
  Animation: ["GIF-480P-15fps", "WebP-480P-15fps"],
  SmartCover: ["SmartCover-JPG-3"],
  Concat: ["Concat-MP4-HD"],
  VoiceSeparate: ["VoiceSeparate-Vocal-MP3", "VoiceSeparate-Both-MP3"],
  VideoMontage: ["Montage-30s-HD"],
  VideoProcess: ["Enhance-Color-Sharpen"],
  SuperResolution: ["SuperResolution-SD-to-HD", "SuperResolution-HD-to-4K"],
  PicProcess: ["Pic-Thumbnail-50p", "Pic-WebP-Q80"],
  Tts: ["TTS-ruxue-PCM"],
  SpeechRecognition: ["ASR-16k-zh", "ASR-16k-en"],
  NoiseReduction: ["Denoise-WAV-16k"],
  Watermark: ["Watermark-Text-TopRight"],
};

const CUSTOM_NAMES: Record<TemplateTag, readonly string[]> = {
  Transcode: ["web-720p-h264", "app-1080p-h265", "hls-adaptive-720p", "preview-480p"],
  Snapshot: ["thumbs-every-10s", "sprite-3x3-catalog"],
  Animation: ["teaser-gif-5s", "hover-webp-3s"],
  SmartCover: ["cover-3-jpg", "cover-5-png"],
  Concat: ["brand-intro-outro"],
  VoiceSeparate: ["karaoke-vocals", "podcast-background"],
  VideoMontage: ["highlight-30s", "highlight-60s"],
  VideoProcess: ["ugc-enhance"],
  SuperResolution: ["archive-sd-to-hd"],
  PicProcess: ["catalog-thumb", "webp-q80"],
  Tts: ["ivr-welcome-voice", "news-reader-fast"],
  SpeechRecognition: ["podcast-zh-srt", "meeting-en-txt"],
  NoiseReduction: ["podcast-denoise"],
  Watermark: ["logo-bottom-right", "studio-text-mark"],
};

const id = (prefix: string, rng: Rng) => prefix + rng.hex(32);

/** Official templates: the same in every bucket (generated from their own fixed seed). */
export function officialTemplates(rng: Rng, now: number): TemplateRecord[] {
  return TEMPLATE_TAGS.flatMap((tag) =>
    OFFICIAL_NAMES[tag].map((name) => {
      const createdAt = now - rng.between(400, 900) * DAY;
      return {
        templateId: id("t", rng),
        name,
        tag,
        category: "Official" as const,
        bucketId: "",
        payload: tagParams(tag, rng) ?? {},
        createdAt,
        updatedAt: createdAt,
      };
    }),
  );
}

export function customTemplates(rng: Rng, now: number, bucket: string, isFirst: boolean): TemplateRecord[] {
  const out = TEMPLATE_TAGS.flatMap((tag) =>
    CUSTOM_NAMES[tag]
      .filter((_, i) => i === 0 || rng.chance(0.75))
      .map((name) => {
        const createdAt = now - rng.between(60, 365) * DAY;
        const updatedAt = createdAt + rng.between(0, 50) * DAY;
        return {
          templateId: id("t", rng),
          name,
          tag,
          category: "Custom" as const,
          bucketId: bucket,
          payload: tagParams(tag, rng) ?? {},
          createdAt,
          updatedAt,
        };
      }),
  );
  if (isFirst) {
    const createdAt = now - 200 * DAY;
    out.unshift({
      templateId: DOC_SAMPLE_IDS.templateId,
      name: "demo-transcode",
      tag: "Transcode",
      category: "Custom",
      bucketId: bucket,
      payload: tagParams("Transcode", rng)!,
      createdAt,
      updatedAt: createdAt,
    });
  }
  return out;
}

export function queues(rng: Rng, now: number, isFirst: boolean): QueueRecord[] {
  const specs = [
    { name: "default-transcode", state: "Active", category: "Transcoding" },
    { name: "campaign-priority", state: "Active", category: "Transcoding" },
    { name: "archive-backfill", state: "Paused", category: "Transcoding" },
    { name: "speed-transcode", state: "Active", category: "SpeedTranscoding" },
  ] as const;
  return specs.map((s, i) => {
    const createdAt = now - rng.between(100, 700) * DAY;
    const queueId = isFirst && i === 0 ? DOC_SAMPLE_IDS.queueId : id("p", rng);
    return {
      queueId,
      ...s,
      notifyUrl: `https://hooks.example.com/ci/${s.name}`,
      createdAt,
      updatedAt: createdAt + rng.between(0, 90) * DAY,
    };
  });
}

/**
 * The picture, speech and AI queues of a bucket. Drawn from their own random stream, so adding them left every other
 * seeded ID (media queues, workflows, jobs) exactly as it was.
 */
export function familyQueues(rng: Rng, now: number): QueueRecord[] {
  const specs = [
    { name: "image-processing", state: "Active", category: "PicProcessing", family: "pic" },
    { name: "speech-to-text", state: "Active", category: "ASR", family: "asr" },
    { name: "ai-recognition", state: "Active", category: "AIProcess", family: "ai" },
  ] as const;
  return specs.map((s) => {
    const createdAt = now - rng.between(100, 700) * DAY;
    return {
      queueId: id("p", rng),
      ...s,
      notifyUrl: `https://hooks.example.com/ci/${s.name}`,
      createdAt,
      updatedAt: createdAt,
    };
  });
}

/** Start → one processing node → End, as the workflow API describes a topology. */
function topology(
  rng: Rng,
  queueId: string,
  node: string,
  templateId: string | undefined,
  bucket: string,
  region: string,
  prefix: string,
): XmlObject {
  const nodeName = `${node}_${1_690_000_000_000 + rng.int(90_000_000_000)}`;
  return {
    Dependencies: { Start: nodeName, [nodeName]: "End" },
    Nodes: {
      Start: {
        Type: "Start",
        Input: {
          QueueId: queueId,
          ObjectPrefix: prefix,
          ExtFilter: { State: "On", Video: "true", Audio: "false", Custom: "false" },
        },
      },
      [nodeName]: {
        Type: node,
        Operation: {
          ...(templateId ? { TemplateId: templateId } : {}),
          Output: { Region: region, Bucket: bucket, Object: `output/${node.toLowerCase()}/\${InputName}.\${ext}` },
        },
      },
    },
  };
}

export function workflows(
  rng: Rng,
  now: number,
  bucket: string,
  region: string,
  queueIds: string[],
  templates: TemplateRecord[],
  isFirst: boolean,
): WorkflowRecord[] {
  const specs = [
    { name: "ugc-transcode-720p", state: "Active", node: "Transcode", prefix: "ugc/" },
    { name: "hls-adaptive-pipeline", state: "Active", node: "Transcode", prefix: "vod/" },
    { name: "catalog-snapshots", state: "Active", node: "Snapshot", prefix: "catalog/" },
    { name: "podcast-asr", state: "Active", node: "SpeechRecognition", prefix: "podcasts/" },
    { name: "legacy-flv-archive", state: "Paused", node: "Transcode", prefix: "legacy/" },
    { name: "teaser-animation", state: "Paused", node: "Animation", prefix: "teasers/" },
  ] as const;
  return specs.map((s, i) => {
    const createdAt = now - rng.between(90, 500) * DAY;
    const template = templates.find((t) => t.tag === s.node);
    const queueId = rng.pick(queueIds);
    return {
      workflowId: isFirst && i === 0 ? DOC_SAMPLE_IDS.workflowId : id("w", rng),
      name: s.name,
      state: s.state,
      bucketId: bucket,
      queueId,
      topology: topology(rng, queueId, s.node, template?.templateId, bucket, region, s.prefix),
      createdAt,
      updatedAt: createdAt + rng.between(0, 60) * DAY,
    };
  });
}

export { TEMPLATE_ELEMENT };
