/** Segment (docs/ci-api.md §4.12): re-mux into another container, optionally cut into pieces. No template. */
import { aigcMetadataField, hlsEncryptField } from "./common-fields";
import { defineTag } from "./define-tag";
import { choice, num, options } from "./field-helpers";
import { addIssue, numberAt, presentAt, requireNumberVariable, textAt } from "./refine-helpers";

const S = ["JobParam", "Segment"];
const PLAYLIST_FORMATS = ["hls", "m3u8"];

export const segment = defineTag({
  tag: "Segment",
  group: "video",
  label: "Re-mux",
  description: "Change the container without re-encoding, optionally in fixed-length pieces",
  templateTag: null,
  output: "object",
  paramElement: "Segment",
  fields: [
    {
      kind: "group",
      name: "Segment",
      label: "Re-mux",
      required: true,
      fields: [
        choice("Format", "Format", options("mp4", "ts", "mkv", "avi", "hls", "m3u8", "aac", "mp3", "flac"), {
          required: true,
          defaultValue: "mp4",
        }),
        num("Duration", "Piece length", { min: 5, integer: true, unit: "s", help: "Empty = one file" }),
        num("TranscodeIndex", "Stream index", { min: 0, integer: true, help: "Stream number from MediaInfo" }),
        hlsEncryptField("Segment.HlsEncrypt", "Segment.Format", PLAYLIST_FORMATS),
        // [GO] also has StartTime / EndTime (seconds) and AIGCMetadata (cos-go-sdk-v5 ci_media.go `Segment`).
        num("StartTime", "Start time", { min: 0, unit: "s" }),
        num("EndTime", "End time", { min: 0, unit: "s" }),
        aigcMetadataField,
      ],
    },
  ],
  refineOperation(op, ctx) {
    if (!presentAt(op, S)) return;
    const format = textAt(op, [...S, "Format"]);
    if (presentAt(op, [...S, "Duration"]) && format && !PLAYLIST_FORMATS.includes(format))
      requireNumberVariable(op, "Object", `${format} pieces are separate files`, ctx);
    const start = numberAt(op, [...S, "StartTime"]);
    const end = numberAt(op, [...S, "EndTime"]);
    if (start !== undefined && end !== undefined && end <= start)
      addIssue(ctx, [...S, "EndTime"], "End time must be after the start time");
  },
  example: {
    JobParam: { Segment: { Format: "mp4", Duration: "60" } },
    Output: {
      Region: "ap-chongqing",
      Bucket: "test-1234567890",
      Object: "segment/${InventoryTriggerJobId}-${Number}.mp4",
    },
  },
});
