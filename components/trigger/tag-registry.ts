/**
 * The wizard's view of the Tag registry (lib/jobs/tags): lookup for draft⇄request, and the Tags grouped for the
 * chooser. The registry is already in this route's bundle through triggerRequestSchema, so it is imported directly.
 */
import type { TagLookup } from "@/lib/jobs/draft-request";
import { TAG_NAMES, TAGS, type TagName } from "@/lib/jobs/tags";
import type { TagGroup, TagModule } from "@/lib/jobs/tags/types";

export const lookupTag: TagLookup = (tag) => TAGS[tag];

export function tagModule(tag: TagName | ""): TagModule | undefined {
  return tag ? TAGS[tag] : undefined;
}

export const GROUP_LABELS: Record<TagGroup, string> = {
  video: "Video",
  audio: "Audio",
  image: "Image",
  ai: "AI & analysis",
};

/** Tags per group, in the registry's order, groups in a fixed order. */
export const TAGS_BY_GROUP: readonly { group: TagGroup; label: string; tags: TagModule[] }[] = (
  ["video", "audio", "image", "ai"] as const
)
  .map((group) => ({
    group,
    label: GROUP_LABELS[group],
    tags: TAG_NAMES.map((t) => TAGS[t]).filter((m) => m.group === group),
  }))
  .filter((g) => g.tags.length > 0);
