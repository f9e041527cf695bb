/** Animation (docs/ci-api.md §4.3): video to animated gif / webp. */
import type { z } from "zod";
import { timeIntervalField } from "./common-fields";
import { defineTag } from "./define-tag";
import { bool, choice, dimension, fps, num } from "./field-helpers";
import { addIssue, presentAt, textAt, type Operation } from "./refine-helpers";

const A = ["JobParam", "Animation"];
const V = [...A, "Video"];

function refineAnimation(op: Operation, ctx: z.RefinementCtx): void {
  if (!presentAt(op, A)) return;
  if (textAt(op, [...V, "AnimateOnlyKeepKeyFrame"]) !== "true") {
    const byInterval = presentAt(op, [...V, "AnimateTimeIntervalOfFrame"]);
    const byRate = presentAt(op, [...V, "AnimateFramesPerSecond"]);
    if (!byInterval && !byRate)
      addIssue(
        ctx,
        [...V, "AnimateFramesPerSecond"],
        "Give frames per second or a frame interval, or keep only key frames",
      );
  }
  const format = textAt(op, [...A, "Container", "Format"]);
  const codec = textAt(op, [...V, "Codec"]);
  if (presentAt(op, [...V, "Quality"]) && codec !== "webp")
    addIssue(ctx, [...V, "Quality"], "Quality applies only to webp");
  // The container and the codec name the same image type: gif and hgif (high-quality gif) take gif, webp takes webp.
  if (format && codec && (format === "webp") !== (codec === "webp"))
    addIssue(
      ctx,
      [...V, "Codec"],
      `Codec ${codec} does not fit the ${format} format (use ${format === "webp" ? "webp" : "gif"})`,
    );
}

export const animation = defineTag({
  tag: "Animation",
  group: "video",
  label: "Animation",
  description: "Turn video clips into animated GIF or WebP images",
  templateTag: "Animation",
  output: "object",
  paramElement: "Animation",
  fields: [
    {
      kind: "group",
      name: "Animation",
      label: "Animation",
      required: true,
      fields: [
        {
          kind: "group",
          name: "Container",
          label: "Container",
          required: true,
          fields: [
            choice(
              "Format",
              "Format",
              [
                { value: "gif", label: "GIF" },
                { value: "hgif", label: "High-quality GIF" },
                { value: "webp", label: "WebP" },
              ],
              { required: true, defaultValue: "gif" },
            ),
          ],
        },
        {
          kind: "group",
          name: "Video",
          label: "Video",
          required: true,
          fields: [
            choice(
              "Codec",
              "Codec",
              [
                { value: "gif", label: "gif" },
                { value: "webp", label: "webp" },
              ],
              { required: true, defaultValue: "gif" },
            ),
            dimension("Width", false),
            dimension("Height", false),
            fps({ help: "Playback frame rate; default the source's" }),
            bool("AnimateOnlyKeepKeyFrame", "Keep only key frames", { defaultValue: "false" }),
            num("AnimateTimeIntervalOfFrame", "Frame interval", { min: 0, minExclusive: true, unit: "s" }),
            num("AnimateFramesPerSecond", "Frames per second", {
              min: 0,
              minExclusive: true,
              help: "Below the source frame rate; wins over the other two",
            }),
            num("Quality", "Quality", { min: 1, max: 100, maxExclusive: true, help: "webp only" }),
          ],
        },
        timeIntervalField(),
      ],
    },
  ],
  refineOperation: refineAnimation,
  example: {
    JobParam: {
      Animation: {
        Container: { Format: "gif" },
        Video: {
          Codec: "gif",
          Width: "480",
          Fps: "15",
          AnimateOnlyKeepKeyFrame: "false",
          AnimateFramesPerSecond: "10",
        },
        TimeInterval: { Start: "0", Duration: "5" },
      },
    },
    Output: { Region: "ap-chongqing", Bucket: "test-1234567890", Object: "animation/${InventoryTriggerJobId}.gif" },
  },
});
