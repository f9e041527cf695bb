/** SmartCover (docs/ci-api.md §4.4): pick the best frames as cover images. */
import { defineTag } from "./define-tag";
import { bool, choice, dimension, num, options } from "./field-helpers";
import { requireNumberVariable, textAt } from "./refine-helpers";

export const smartCover = defineTag({
  tag: "SmartCover",
  group: "ai",
  label: "Smart cover",
  description: "Pick the best-looking frames of a video as cover images",
  templateTag: "SmartCover",
  output: "object",
  paramElement: "SmartCover",
  fields: [
    {
      kind: "group",
      name: "SmartCover",
      label: "Smart cover",
      required: true,
      fields: [
        choice("Format", "Image format", options("jpg", "png", "webp"), { defaultValue: "jpg" }),
        dimension("Width", false),
        dimension("Height", false),
        num("Count", "Count", { min: 1, max: 10, integer: true, defaultValue: "3" }),
        bool("DeleteDuplicates", "Drop near-duplicates", { defaultValue: "false" }),
      ],
    },
  ],
  refineOperation(op, ctx) {
    // The trigger doc requires ${Number} when Count > 1; Count defaults to 3, and a template's count is unknown here.
    if (textAt(op, ["JobParam", "SmartCover", "Count"]) !== "1")
      requireNumberVariable(op, "Object", "Smart cover writes several images", ctx);
  },
  example: {
    JobParam: { SmartCover: { Format: "jpg", Width: "1280", Height: "720", Count: "3", DeleteDuplicates: "true" } },
    Output: {
      Region: "ap-chongqing",
      Bucket: "test-1234567890",
      Object: "cover/${InventoryTriggerJobId}-${Number}.jpg",
    },
  },
});
