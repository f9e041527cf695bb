/** SuperResolution (docs/ci-api.md §4.11): upscale SD to HD or HD to 4K. */
import { digitalWatermarkField, transcodeTemplateIdField, watermarkTemplateIdField } from "./common-fields";
import { defineTag } from "./define-tag";
import { inlineTranscodeFields, refineInlineTranscode } from "./inline-transcode";
import { bool, choice } from "./field-helpers";

export const superResolution = defineTag({
  tag: "SuperResolution",
  group: "video",
  label: "Super resolution",
  description: "Upscale video from SD to HD or from HD to 4K",
  templateTag: "SuperResolution",
  output: "object",
  paramElement: "SuperResolution",
  fields: [
    {
      kind: "group",
      name: "SuperResolution",
      label: "Super resolution",
      required: true,
      fields: [
        choice(
          "Resolution",
          "Upscale",
          [
            { value: "sdtohd", label: "SD to HD" },
            { value: "hdto4k", label: "HD to 4K" },
          ],
          { required: true, defaultValue: "sdtohd" },
        ),
        bool("EnableScaleUp", "Scale automatically", { defaultValue: "false" }),
        choice(
          "Version",
          "Version",
          [
            { value: "Base", label: "Base" },
            { value: "Enhance", label: "Enhance" },
          ],
          { defaultValue: "Base" },
        ),
      ],
    },
    // UNCERTAIN: the single-job API marks TranscodeTemplateId required, the batch doc does not; optional here.
    transcodeTemplateIdField,
    ...inlineTranscodeFields,
    watermarkTemplateIdField,
    digitalWatermarkField({ ignoreError: true }),
  ],
  refineOperation: refineInlineTranscode,
  example: {
    JobParam: {
      SuperResolution: { Resolution: "sdtohd", EnableScaleUp: "true", Version: "Enhance" },
      TranscodeTemplateId: "t04e1ab86554984f1aa17c062fbf6c007c",
      DigitalWatermark: { Message: "sr-batch", Type: "Text", Version: "V1", IgnoreError: "true" },
    },
    Output: { Region: "ap-chongqing", Bucket: "test-1234567890", Object: "sr/${InventoryTriggerJobId}.mp4" },
  },
});
