import { isTagName } from "@/lib/jobs/tags/names";
import { loadPicker } from "@/lib/server/jobs/pickers";
import { ApiProblem } from "@/lib/server/problem";
import { jsonResponse, withApi } from "@/lib/server/with-api";
import type { PickerAnswer } from "@/lib/jobs/api-contract";

export const dynamic = "force-dynamic";

// Template tags CI knows besides batch Tag names (docs/ci-api.md §6.1).
const EXTRA_TEMPLATE_TAGS = ["Watermark", "TranscodePro"];

/** Templates of one Tag, for the wizard's TemplateId picker. */
export const GET = withApi("GET /api/ci/templates", async ({ url, identity }) => {
  const tag = url.searchParams.get("tag") ?? "";
  if (!isTagName(tag) && !EXTRA_TEMPLATE_TAGS.includes(tag)) {
    throw new ApiProblem(400, "ValidationError", "tag: give a Tag such as Transcode", {
      fields: [{ path: "tag", message: "Unknown Tag" }],
    });
  }
  return jsonResponse(200, {
    items: await loadPicker("templates", url.searchParams.get("bucket"), tag, identity),
  } satisfies PickerAnswer);
});
