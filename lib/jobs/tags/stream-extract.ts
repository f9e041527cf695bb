/** StreamExtract (docs/ci-api.md §4.18): write each stream to its own file. No JobParam; Output.StreamExtract lists them. */
import { defineTag } from "./define-tag";

export const streamExtract = defineTag({
  tag: "StreamExtract",
  group: "video",
  label: "Extract streams",
  description: "Split audio and video streams into separate files",
  templateTag: null,
  output: "streamExtract",
  paramElement: null,
  fields: [],
  example: {
    Output: {
      Region: "ap-chongqing",
      Bucket: "test-1234567890",
      StreamExtract: [
        { Index: "0", Object: "streams/${InventoryTriggerJobId}/video.mp4" },
        { Index: "1", Object: "streams/${InventoryTriggerJobId}/audio.aac" },
      ],
    },
  },
});
