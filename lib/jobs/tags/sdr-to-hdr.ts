/** SDRtoHDR (docs/ci-api.md §4.9): no template of its own; a transcode template decides the output encoding. */
import { transcodeTemplateIdField, watermarkTemplateIdField } from "./common-fields";
import { defineTag } from "./define-tag";
import { inlineTranscodeFields, refineInlineTranscode } from "./inline-transcode";
import { choice, options } from "./field-helpers";

export const sdrToHdr = defineTag({
  tag: "SDRtoHDR",
  group: "video",
  label: "SDR to HDR",
  description: "Convert standard-dynamic-range video to HDR (HLG or HDR10)",
  templateTag: null,
  output: "object",
  paramElement: "SDRtoHDR",
  fields: [
    {
      kind: "group",
      name: "SDRtoHDR",
      label: "SDR to HDR",
      required: true,
      fields: [choice("HdrMode", "HDR standard", options("HLG", "HDR10"), { required: true, defaultValue: "HLG" })],
    },
    // UNCERTAIN: the single-job API marks TranscodeTemplateId required, the batch doc does not; optional here.
    transcodeTemplateIdField,
    ...inlineTranscodeFields,
    watermarkTemplateIdField,
    // UNCERTAIN: DigitalWatermark is left out: the batch doc lists it for Transcode, VideoProcess, SuperResolution and
    // DigitalWatermark only.
  ],
  refineOperation: refineInlineTranscode,
  example: {
    JobParam: {
      SDRtoHDR: { HdrMode: "HLG" },
      TranscodeTemplateId: "t04e1ab86554984f1aa17c062fbf6c007c",
      WatermarkTemplateId: ["t1460606b9752148c4ab182f55163ba7cd"],
    },
    Output: { Region: "ap-chongqing", Bucket: "test-1234567890", Object: "hdr/${InventoryTriggerJobId}.mp4" },
  },
});
