/** PicProcess (docs/ci-api.md §4.14): run a CI image-processing rule on each image. */
import { defineTag } from "./define-tag";
import { bool, text } from "./field-helpers";

export const picProcess = defineTag({
  tag: "PicProcess",
  group: "image",
  label: "Image processing",
  description: "Resize, convert, compress or blind-watermark images with a CI rule",
  templateTag: "PicProcess",
  output: "object",
  paramElement: "PicProcess",
  fields: [
    {
      kind: "group",
      name: "PicProcess",
      label: "Image processing",
      required: true,
      fields: [
        bool("IsPicInfo", "Return image info", { defaultValue: "false" }),
        text("ProcessRule", "Processing rule", {
          required: true,
          maxLength: 2048,
          placeholder: "imageMogr2/thumbnail/!50p",
          help: "A CI image-processing rule: basic processing, compression or blind watermark",
        }),
      ],
    },
  ],
  example: {
    JobParam: { PicProcess: { IsPicInfo: "true", ProcessRule: "imageMogr2/thumbnail/!50p/format/webp" } },
    Output: { Region: "ap-chongqing", Bucket: "test-1234567890", Object: "pic/${InventoryTriggerJobId}.webp" },
  },
});
