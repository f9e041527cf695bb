/**
 * Transcode (docs/ci-api.md §4.1): TemplateId or Transcode, plus watermarks and watermark removal. No `Subtitles`: it is
 * a single-job element (cos-android SubmitTranscodeJob); no batch source lists it under JobParam (cos-go-sdk-v5
 * `InventoryTriggerJobOperationJobParam`, cos-php-sdk-v5 `CreateInventoryTriggerJob`), so we do not send it.
 */
import {
  digitalWatermarkField,
  removeWatermarkField,
  watermarkListField,
  watermarkTemplateIdField,
} from "./common-fields";
import { defineTag } from "./define-tag";
import { refineWatermarks } from "./refine-helpers";
import { transcodeElement } from "./transcode-fields";
import { refineTranscode } from "./transcode-rules";

export const transcode = defineTag({
  tag: "Transcode",
  group: "video",
  label: "Transcode",
  description: "Convert audio and video to another container, codec, resolution or bitrate",
  templateTag: "Transcode",
  output: "object",
  paramElement: "Transcode",
  fields: [
    transcodeElement,
    watermarkTemplateIdField,
    watermarkListField,
    removeWatermarkField,
    digitalWatermarkField({ ignoreError: true }),
  ],
  refineOperation(op, ctx) {
    refineTranscode(op, ctx);
    refineWatermarks(op, ["JobParam", "Watermark"], ctx);
  },
  example: {
    JobParam: {
      Transcode: {
        Container: { Format: "mp4" },
        Video: {
          Codec: "H.264",
          Width: "1280",
          Height: "720",
          Fps: "30",
          Bitrate: "2000",
          Profile: "high",
          Preset: "medium",
        },
        Audio: { Codec: "aac", Samplerate: "44100", Bitrate: "128", Channels: "2" },
        TimeInterval: { Start: "0", Duration: "60" },
        TransConfig: { AdjDarMethod: "scale", IsCheckReso: "true", ResoAdjMethod: "0" },
      },
      WatermarkTemplateId: ["t1460606b9752148c4ab182f55163ba7cd"],
      Watermark: [
        {
          Type: "Text",
          Pos: "TopRight",
          LocMode: "Absolute",
          Dx: "16",
          Dy: "16",
          Text: { Text: "demo", FontSize: "24", FontColor: "0xFFFFFF", Transparency: "80" },
        },
      ],
      DigitalWatermark: { Message: "batch-2024", Type: "Text", Version: "V1", IgnoreError: "false" },
    },
    Output: { Region: "ap-chongqing", Bucket: "test-1234567890", Object: "output/${InventoryTriggerJobId}/out.mp4" },
  },
});
