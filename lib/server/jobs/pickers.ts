import "server-only";
import type { PickerItem } from "@/lib/ci/client";
import { queueFamilyForTag, type QueueFamily } from "@/lib/jobs/queue-families";
import { getRuntime } from "../ci-runtime";
import type { Identity } from "../identity";
import { budgetedRead } from "./cached-read";
import { resolveTarget } from "./target";

export type PickerKind = "templates" | "queues" | "workflows";
const PICKER_TTL_MS = 60_000;

/**
 * Picker data (templates by Tag, queues, workflows), cached for a minute: it changes rarely. For queues, `tag` picks
 * the queue family (lib/jobs/queue-families.ts), so the cache holds one list per family, not per Tag.
 */
export async function loadPicker(
  kind: PickerKind,
  bucket?: string | null,
  tag?: string,
  identity?: Identity,
  family?: QueueFamily,
): Promise<PickerItem[]> {
  const target = resolveTarget(bucket);
  const { client } = getRuntime();
  const queueFamily = family ?? queueFamilyForTag(tag);
  const detail = kind === "queues" ? queueFamily : kind === "templates" ? (tag ?? "") : "";
  return budgetedRead(identity, `${target.bucket}|picker|${kind}|${detail}`, PICKER_TTL_MS, async () => {
    if (kind === "templates") return (await client.listTemplates(target, { tag: tag!, pageSize: 100 })).items;
    if (kind === "queues") return (await client.listQueues(target, { pageSize: 100, family: queueFamily })).items;
    const items = (await client.listWorkflows(target, { pageSize: 100 })).items;
    return [...items].sort((a, b) => Number(b.state === "Active") - Number(a.state === "Active"));
  });
}
