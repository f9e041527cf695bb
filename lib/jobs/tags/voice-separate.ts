/** VoiceSeparate (docs/ci-api.md §4.7): split vocals (AuObject) from background (Object). */
import type { z } from "zod";
import { defineTag } from "./define-tag";
import { choice, num, options } from "./field-helpers";
import { addIssue, orList, presentAt, refineChannels, textAt, type Operation } from "./refine-helpers";

const C = ["JobParam", "VoiceSeparate", "AudioConfig"];

/** Sample rates each codec takes: aac/flac not 8000; mp3 not 8000 or 96000; amr 8000 only. */
const RATES: Readonly<Record<string, readonly string[]>> = {
  aac: ["11025", "22050", "32000", "44100", "48000", "96000"],
  flac: ["11025", "22050", "32000", "44100", "48000", "96000"],
  mp3: ["11025", "22050", "32000", "44100", "48000"],
  amr: ["8000"],
};

function refineVoiceSeparate(op: Operation, ctx: z.RefinementCtx): void {
  if (!presentAt(op, C)) return;
  const codec = textAt(op, [...C, "Codec"]) ?? "aac";
  const rate = textAt(op, [...C, "Samplerate"]);
  const rates = RATES[codec];
  if (rate && rates && !rates.includes(rate))
    addIssue(ctx, [...C, "Samplerate"], `Sample rate for ${codec} must be ${orList(rates)}`);
  refineChannels(op, C, codec, ctx);
}

export const voiceSeparate = defineTag({
  tag: "VoiceSeparate",
  group: "audio",
  label: "Voice separation",
  description: "Separate vocals from background sound",
  templateTag: "VoiceSeparate",
  output: "voiceSeparate",
  paramElement: "VoiceSeparate",
  fields: [
    {
      kind: "group",
      name: "VoiceSeparate",
      label: "Voice separation",
      required: true,
      fields: [
        choice(
          "AudioMode",
          "Output",
          [
            { value: "IsAudio", label: "Vocals" },
            { value: "IsBackground", label: "Background" },
            { value: "AudioAndBackground", label: "Vocals and background" },
          ],
          { required: true, defaultValue: "AudioAndBackground" },
        ),
        // UNCERTAIN: [AND] AudioConfig also mentions a MusicMode (mp3/wav/acc codecs); with no documented element for
        // it, it is left out.
        {
          kind: "group",
          name: "AudioConfig",
          label: "Audio",
          fields: [
            choice("Codec", "Codec", options("aac", "mp3", "flac", "amr"), { defaultValue: "aac" }),
            choice("Samplerate", "Sample rate", options("8000", "11025", "22050", "32000", "44100", "48000", "96000"), {
              defaultValue: "44100",
            }),
            num("Bitrate", "Bitrate", { min: 8, max: 1000, integer: true, unit: "Kbps" }),
            choice("Channels", "Channels", options("1", "2", "4", "5", "6", "8")),
          ],
        },
      ],
    },
  ],
  refineOperation: refineVoiceSeparate,
  example: {
    JobParam: {
      VoiceSeparate: {
        AudioMode: "AudioAndBackground",
        AudioConfig: { Codec: "mp3", Samplerate: "44100", Bitrate: "128", Channels: "2" },
      },
    },
    Output: {
      Region: "ap-chongqing",
      Bucket: "test-1234567890",
      Object: "separate/${InventoryTriggerJobId}/background.mp3",
      AuObject: "separate/${InventoryTriggerJobId}/vocals.mp3",
    },
  },
});
