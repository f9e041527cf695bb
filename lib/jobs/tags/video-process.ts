/** VideoProcess (docs/ci-api.md §4.10): colour enhancement and sharpening, then a transcode template's encoding. */
import { digitalWatermarkField, transcodeTemplateIdField, watermarkTemplateIdField } from "./common-fields";
import { defineTag } from "./define-tag";
import { inlineTranscodeFields, refineInlineTranscode } from "./inline-transcode";
import { bool, num } from "./field-helpers";

/** Empty = CI analyses the video and picks the value. */
const autoLevel = (name: string, label: string, max: number) =>
  num(name, label, { min: 0, max, integer: true, help: "Empty = automatic" });

export const videoProcess = defineTag({
  tag: "VideoProcess",
  group: "video",
  label: "Video enhancement",
  description: "Enhance colour and sharpen video",
  templateTag: "VideoProcess",
  output: "object",
  paramElement: "VideoProcess",
  fields: [
    {
      kind: "group",
      name: "VideoProcess",
      label: "Video enhancement",
      // "ColorEnhance and MsSharpen cannot both be empty": the required check on this group covers it.
      required: true,
      help: "Set colour enhancement, sharpening, or both",
      fields: [
        {
          kind: "group",
          name: "ColorEnhance",
          label: "Colour enhancement",
          fields: [
            bool("Enable", "Enhance colour", { defaultValue: "true" }),
            autoLevel("Contrast", "Contrast", 100),
            autoLevel("Correction", "Colour correction", 100),
            autoLevel("Saturation", "Saturation", 100),
          ],
        },
        {
          kind: "group",
          name: "MsSharpen",
          label: "Sharpening",
          fields: [bool("Enable", "Sharpen", { defaultValue: "true" }), autoLevel("SharpenLevel", "Sharpen level", 10)],
        },
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
      VideoProcess: {
        ColorEnhance: { Enable: "true", Contrast: "50", Correction: "", Saturation: "60" },
        MsSharpen: { Enable: "true", SharpenLevel: "5" },
      },
      TranscodeTemplateId: "t04e1ab86554984f1aa17c062fbf6c007c",
    },
    Output: { Region: "ap-chongqing", Bucket: "test-1234567890", Object: "enhanced/${InventoryTriggerJobId}.mp4" },
  },
});
