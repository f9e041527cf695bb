/** VideoTag (docs/ci-api.md §4.13): label what a video shows. Writes no output file. */
import { defineTag } from "./define-tag";
import { choice } from "./field-helpers";

export const videoTag = defineTag({
  tag: "VideoTag",
  group: "ai",
  label: "Video tagging",
  description: "Recognise what videos show and return tags",
  templateTag: null,
  output: "none",
  paramElement: "VideoTag",
  fields: [
    {
      kind: "group",
      name: "VideoTag",
      label: "Video tagging",
      required: true,
      fields: [
        // UNCERTAIN: the doc says only Stream is supported today; the Go SDK comment also lists ShortVideo. We offer
        // Stream only. [GO]'s `Text` element is left out (undocumented).
        choice("Scenario", "Scenario", [{ value: "Stream", label: "Stream" }], {
          required: true,
          defaultValue: "Stream",
        }),
      ],
    },
  ],
  example: { JobParam: { VideoTag: { Scenario: "Stream" } } },
});
