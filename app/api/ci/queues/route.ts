import { isQueueFamily, QUEUE_FAMILIES } from "@/lib/jobs/queue-families";
import { isTagName } from "@/lib/jobs/tags/names";
import { loadPicker } from "@/lib/server/jobs/pickers";
import { ApiProblem } from "@/lib/server/problem";
import { jsonResponse, withApi } from "@/lib/server/with-api";
import type { PickerAnswer } from "@/lib/jobs/api-contract";

export const dynamic = "force-dynamic";

/**
 * Queues for the wizard's QueueId picker: the family the Tag's jobs run in (`?tag=PicProcess` → picture queues), or
 * one family by name (`?family=asr`); media queues when neither is given.
 */
export const GET = withApi("GET /api/ci/queues", async ({ url, identity }) => {
  const tag = url.searchParams.get("tag");
  const family = url.searchParams.get("family");
  if (tag !== null && !isTagName(tag)) {
    throw new ApiProblem(400, "ValidationError", "tag: give a Tag such as Transcode", {
      fields: [{ path: "tag", message: "Unknown Tag" }],
    });
  }
  if (family !== null && !isQueueFamily(family)) {
    throw new ApiProblem(400, "ValidationError", `family: use one of ${QUEUE_FAMILIES.join(", ")}`, {
      fields: [{ path: "family", message: "Unknown queue family" }],
    });
  }
  const items = await loadPicker(
    "queues",
    url.searchParams.get("bucket"),
    tag ?? undefined,
    identity,
    family ?? undefined,
  );
  return jsonResponse(200, { items } satisfies PickerAnswer);
});
