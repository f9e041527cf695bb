/** QualityEstimate (docs/ci-api.md §4.21): score video quality. Writes no output file. */
import { defineTag } from "./define-tag";
import { choice, options } from "./field-helpers";

export const qualityEstimate = defineTag({
  tag: "QualityEstimate",
  group: "ai",
  label: "Quality estimate",
  description: "Score the perceived quality of videos",
  templateTag: null,
  output: "none",
  paramElement: "QualityEstimateConfig",
  fields: [
    {
      kind: "group",
      name: "QualityEstimateConfig",
      label: "Quality estimate",
      // UNCERTAIN: whether batch jobs take QualityEstimateConfig at all ([GO] / [PHP] have no such JobParam child).
      // Optional, so a job with no JobParam (CI's defaults) is accepted too.
      required: false,
      fields: [
        choice("Mode", "Mode", [
          { value: "general", label: "Score only" },
          { value: "vqaPlus", label: "Detailed (vqaPlus)" },
        ], { defaultValue: "general" }),
        choice("Rotate", "Rotation", options("0", "90", "180", "270"), { help: "Ignored in vqaPlus mode" }),
      ],
    },
  ],
  example: { JobParam: { QualityEstimateConfig: { Mode: "general", Rotate: "0" } } },
});
