/** Concat (docs/ci-api.md §4.5): splice fragments before/after each input. Its parameter element is ConcatTemplate. */
import type { z } from "zod";
import { audioMixFields } from "./common-fields";
import { defineTag } from "./define-tag";
import { bool, choice, dimension, fps, num, options, text, URL_PATTERN } from "./field-helpers";
import {
  addIssue,
  itemsAt,
  numberAt,
  presentAt,
  refineAudioMix,
  refineChannels,
  textAt,
  type Operation,
} from "./refine-helpers";

const C = ["JobParam", "ConcatTemplate"];

function refineConcat(op: Operation, ctx: z.RefinementCtx): void {
  if (!presentAt(op, C)) return;
  const fragments = itemsAt(op, [...C, "ConcatFragment"]);
  const index = numberAt(op, [...C, "Index"]);
  if (index !== undefined && index > fragments.length)
    addIssue(
      ctx,
      [...C, "Index"],
      `Position of the input must be from 0 to ${fragments.length} (the number of fragments)`,
    );
  for (const [i, fragment] of fragments) {
    const start = numberAt(fragment, ["StartTime"]);
    const end = numberAt(fragment, ["EndTime"]);
    if (start !== undefined && end !== undefined && end <= start)
      addIssue(ctx, [...C, "ConcatFragment", i, "EndTime"], "End time must be after the start time");
  }
  const format = textAt(op, [...C, "Container", "Format"]);
  const audioCodec = textAt(op, [...C, "Audio", "Codec"]);
  if ((format === "mp3" || format === "aac") && audioCodec && audioCodec !== format)
    addIssue(ctx, [...C, "Audio", "Codec"], `The ${format} container takes ${format} audio`);
  if (
    (format === "mp3" || format === "aac") &&
    presentAt(op, [...C, "Video"]) &&
    textAt(op, [...C, "Video", "Remove"]) !== "true"
  )
    addIssue(
      ctx,
      [...C, "Video"],
      `The ${format} container holds audio only: leave Video out or set Remove video to true`,
    );
  refineChannels(op, [...C, "Audio"], audioCodec, ctx);
  refineAudioMix(op, C, ctx);
}

export const concat = defineTag({
  tag: "Concat",
  group: "video",
  label: "Concatenate",
  description: "Join clips before or after each input into one file",
  templateTag: "Concat",
  output: "object",
  paramElement: "ConcatTemplate",
  fields: [
    {
      kind: "group",
      name: "ConcatTemplate",
      label: "Concatenation",
      required: true,
      fields: [
        {
          kind: "list",
          name: "ConcatFragment",
          label: "Fragments",
          itemLabel: "Fragment",
          minItems: 1,
          // UNCERTAIN: no documented limit; 100 keeps a request reasonable.
          maxItems: 100,
          fields: [
            text("Url", "Fragment URL", { required: true, pattern: URL_PATTERN, maxLength: 1024 }),
            // Templates need Mode; the job API does not ([PHP]), so it is optional here.
            choice("Mode", "Place", [
              { value: "Start", label: "Before the input (Start)" },
              { value: "End", label: "After the input (End)" },
            ]),
            num("StartTime", "Start time", { min: 0, unit: "s" }),
            num("EndTime", "End time", { min: 0, unit: "s" }),
            num("FragmentIndex", "Fragment index", { min: 0, integer: true }),
            // cos-go-sdk-v5 ci_media.go `ConcatFragment.Duration` (seconds).
            num("Duration", "Duration", { min: 0, unit: "s" }),
          ],
        },
        {
          kind: "group",
          name: "Audio",
          label: "Audio",
          fields: [
            choice("Codec", "Codec", options("aac", "mp3"), { required: true, defaultValue: "aac" }),
            choice("Samplerate", "Sample rate", options("11025", "22050", "32000", "44100", "48000", "96000")),
            num("Bitrate", "Bitrate", { min: 8, max: 1000, integer: true, unit: "Kbps" }),
            choice("Channels", "Channels", options("1", "2", "4", "5", "6", "8")),
            bool("Remove", "Remove audio"),
          ],
        },
        {
          kind: "group",
          name: "Video",
          label: "Video",
          fields: [
            choice("Codec", "Codec", options("H.264"), { required: true, defaultValue: "H.264" }),
            dimension("Width", false),
            dimension("Height", false),
            fps(),
            num("Bitrate", "Bitrate", { min: 10, max: 50000, integer: true, unit: "Kbps" }),
            num("Crf", "CRF", { min: 0, max: 51, minExclusive: true }),
            bool("Remove", "Remove video"),
            num("Rotate", "Rotation", { min: 0, max: 360, maxExclusive: true, unit: "°" }),
          ],
        },
        {
          kind: "group",
          name: "Container",
          label: "Container",
          required: true,
          fields: [
            choice("Format", "Format", options("mp4", "flv", "hls", "ts", "mp3", "aac"), {
              required: true,
              defaultValue: "mp4",
            }),
          ],
        },
        num("Index", "Position of the input", { min: 0, integer: true, defaultValue: "0" }),
        bool("DirectConcat", "Join without transcoding", { defaultValue: "false" }),
        {
          kind: "group",
          name: "SceneChangeInfo",
          label: "Transition",
          fields: [
            choice(
              "Mode",
              "Transition",
              [
                { value: "Default", label: "None" },
                { value: "FADE", label: "Fade" },
                { value: "GRADIENT", label: "Gradient" },
              ],
              { required: true },
            ),
            num("Time", "Transition time", { min: 0, max: 5, minExclusive: true, unit: "s", defaultValue: "3" }),
            // cos-go-sdk-v5 ci_media.go `SceneChangeInfo.TransitionType`: no source lists its values, so free text.
            text("TransitionType", "Transition type", { maxLength: 64 }),
          ],
        },
        ...audioMixFields(),
      ],
    },
  ],
  refineOperation: refineConcat,
  example: {
    JobParam: {
      ConcatTemplate: {
        ConcatFragment: [
          { Url: "https://test-1234567890.cos.ap-chongqing.myqcloud.com/clips/intro.mp4", Mode: "Start" },
          { Url: "https://test-1234567890.cos.ap-chongqing.myqcloud.com/clips/outro.mp4", Mode: "End" },
        ],
        Audio: { Codec: "aac", Samplerate: "44100", Bitrate: "128", Channels: "2" },
        Video: { Codec: "H.264", Width: "1280", Height: "720", Fps: "25", Bitrate: "2000" },
        Container: { Format: "mp4" },
        Index: "1",
        SceneChangeInfo: { Mode: "FADE", Time: "1" },
      },
    },
    Output: { Region: "ap-chongqing", Bucket: "test-1234567890", Object: "concat/${InventoryTriggerJobId}.mp4" },
  },
});
