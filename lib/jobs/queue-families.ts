/**
 * Which CI queue list a batch job's queue comes from. CI keeps media queues at `/queue` and picture, speech and AI
 * queues at their own paths (docs/ci-api.md §6.2, "Other queue lists"; cos-python-sdk-v5 `ci_get_media_pic_queue`
 * → `/picqueue`, `ci_get_asr_queue` → `/asrqueue`, `ci_get_ai_queue` → `/ai_queue`).
 */
export const QUEUE_FAMILIES = ["media", "pic", "asr", "ai"] as const;
export type QueueFamily = (typeof QUEUE_FAMILIES)[number];

export const QUEUE_FAMILY_PATH: Readonly<Record<QueueFamily, string>> = {
  media: "/queue",
  pic: "/picqueue",
  asr: "/asrqueue",
  ai: "/ai_queue",
};

/**
 * The family a Tag's jobs run in. PicProcess uses picture queues and SpeechRecognition speech queues (the SDKs' live
 * tests create those jobs on queues read from `/picqueue` and `/asrqueue`); every other batch Tag uses media queues.
 * No batch Tag of ours is documented to need an AI queue: that list is offered only when asked for by name.
 */
export function queueFamilyForTag(tag: string | null | undefined): QueueFamily {
  // UNCERTAIN: ImageInspect is an image Tag, so picture queues; the SDK test that runs it sends no QueueId at all.
  if (tag === "PicProcess" || tag === "ImageInspect") return "pic";
  if (tag === "SpeechRecognition") return "asr";
  return "media";
}

export function isQueueFamily(value: string): value is QueueFamily {
  return (QUEUE_FAMILIES as readonly string[]).includes(value);
}
