/** VideoMontage (docs/ci-api.md §4.8): an automatic highlights cut. */
import type { z } from "zod";
import { audioMixFields } from "./common-fields";
import { defineTag } from "./define-tag";
import { bool, choice, dimension, fps, num, options } from "./field-helpers";
import { addIssue, presentAt, refineAudioMix, refineChannels, textAt, type Operation } from "./refine-helpers";

const M = ["JobParam", "VideoMontage"];

function refineMontage(op: Operation, ctx: z.RefinementCtx): void {
  if (!presentAt(op, M)) return;
  // Same encoder as Transcode: H.265 only in mp4 / hls (docs/ci-api.md §4.1 container table).
  const format = textAt(op, [...M, "Container", "Format"]);
  if (textAt(op, [...M, "Video", "Codec"]) === "H.265" && format && !["mp4", "hls"].includes(format))
    addIssue(ctx, [...M, "Video", "Codec"], `Codec H.265 does not fit the ${format} container (use H.264)`);
  refineChannels(op, [...M, "Audio"], textAt(op, [...M, "Audio", "Codec"]) ?? "aac", ctx);
  refineAudioMix(op, M, ctx);
}

export const videoMontage = defineTag({
  tag: "VideoMontage",
  group: "ai",
  label: "Video montage",
  description: "Cut the highlights of a video into a short montage",
  templateTag: "VideoMontage",
  output: "object",
  paramElement: "VideoMontage",
  fields: [
    {
      kind: "group",
      name: "VideoMontage",
      label: "Video montage",
      required: true,
      fields: [
        num("Duration", "Duration", { min: 0, minExclusive: true, unit: "s", help: "Automatic when empty" }),
        choice(
          "Scene",
          "Scene",
          [
            { value: "Video", label: "General video" },
            { value: "Soccer", label: "Soccer" },
          ],
          { defaultValue: "Video" },
        ),
        {
          kind: "group",
          name: "Container",
          label: "Container",
          required: true,
          fields: [
            choice("Format", "Format", options("mp4", "flv", "hls", "ts", "mkv"), {
              required: true,
              defaultValue: "mp4",
            }),
          ],
        },
        {
          kind: "group",
          name: "Video",
          label: "Video",
          // UNCERTAIN: the template API marks Video as required; we assume the job does too.
          required: true,
          fields: [
            choice("Codec", "Codec", options("H.264", "H.265"), { defaultValue: "H.264" }),
            dimension("Width", true),
            dimension("Height", true),
            fps(),
            num("Bitrate", "Bitrate", { min: 10, max: 50000, integer: true, unit: "Kbps" }),
            num("Crf", "CRF", { min: 0, max: 51, minExclusive: true }),
            num("Rotate", "Rotation", { min: 0, max: 360, maxExclusive: true, unit: "°" }),
          ],
        },
        {
          kind: "group",
          name: "Audio",
          label: "Audio",
          fields: [
            choice("Codec", "Codec", options("aac", "mp3"), { defaultValue: "aac" }),
            choice(
              "Samplerate",
              "Sample rate",
              options("11025", "22050", "32000", "44100", "48000", "88200", "96000"),
              {
                defaultValue: "44100",
              },
            ),
            num("Bitrate", "Bitrate", { min: 8, max: 1000, integer: true, unit: "Kbps" }),
            choice("Channels", "Channels", options("1", "2", "4", "5", "6", "8")),
            bool("Remove", "Remove audio"),
          ],
        },
        ...audioMixFields(),
      ],
    },
  ],
  refineOperation: refineMontage,
  example: {
    JobParam: {
      VideoMontage: {
        Duration: "30",
        Scene: "Video",
        Container: { Format: "mp4" },
        Video: { Codec: "H.264", Width: "1280", Height: "720", Fps: "25", Bitrate: "1500" },
        Audio: { Codec: "aac", Samplerate: "44100", Bitrate: "128", Channels: "2" },
      },
    },
    Output: { Region: "ap-chongqing", Bucket: "test-1234567890", Object: "montage/${InventoryTriggerJobId}.mp4" },
  },
});
