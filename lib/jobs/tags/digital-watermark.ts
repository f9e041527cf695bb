/** DigitalWatermark (docs/ci-api.md §4.15): embed an invisible text watermark in video. No template. */
import { digitalWatermarkField } from "./common-fields";
import { defineTag } from "./define-tag";

export const digitalWatermark = defineTag({
  tag: "DigitalWatermark",
  group: "video",
  label: "Digital watermark",
  description: "Embed an invisible text watermark in videos",
  templateTag: null,
  output: "object",
  paramElement: "DigitalWatermark",
  // IgnoreError is not offered: for this Tag the doc says it has no effect (the job fails if embedding fails).
  fields: [digitalWatermarkField({ ignoreError: false, required: true })],
  example: {
    JobParam: { DigitalWatermark: { Message: "copyright-2024", Type: "Text", Version: "V1" } },
    Output: { Region: "ap-chongqing", Bucket: "test-1234567890", Object: "dw/${InventoryTriggerJobId}.mp4" },
  },
});
