/**
 * QualityEstimate (docs/ci-api.md §4.21): score video quality. Writes no output file and takes no parameters: the
 * batch sources carry no request element for it (cos-go-sdk-v5 `InventoryTriggerJobOperationJobParam` has only the
 * result block `QualityEstimate{Score, VqaPlusResult}`; cos-php-sdk-v5 `CreateInventoryTriggerJob` has none), so
 * `QualityEstimateConfig` (a single-job element, cos-java-sdk-v5 QualityEstimateConfig.java) is not sent.
 */
import { defineTag } from "./define-tag";

export const qualityEstimate = defineTag({
  tag: "QualityEstimate",
  group: "ai",
  label: "Quality estimate",
  description: "Score the perceived quality of videos",
  templateTag: null,
  output: "none",
  paramElement: null,
  fields: [],
  example: {},
});
