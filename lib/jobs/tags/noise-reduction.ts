/** NoiseReduction (docs/ci-api.md §4.20): remove background noise from audio. */
import { defineTag } from "./define-tag";
import { choice, options } from "./field-helpers";

export const noiseReduction = defineTag({
  tag: "NoiseReduction",
  group: "audio",
  label: "Noise reduction",
  description: "Remove background noise from audio",
  templateTag: "NoiseReduction",
  output: "object",
  paramElement: "NoiseReduction",
  fields: [
    {
      kind: "group",
      name: "NoiseReduction",
      label: "Noise reduction",
      required: true,
      fields: [
        choice("Format", "Format", options("mp3", "m4a", "wav"), { defaultValue: "wav" }),
        // UNCERTAIN: [GO] spells it Samplerate, [PHP] SampleRate; we use Samplerate like CI's other audio elements.
        choice("Samplerate", "Sample rate", options("8000", "12000", "16000", "24000", "32000", "44100", "48000"), {
          defaultValue: "16000",
        }),
      ],
    },
  ],
  example: {
    JobParam: { NoiseReduction: { Format: "wav", Samplerate: "16000" } },
    Output: { Region: "ap-chongqing", Bucket: "test-1234567890", Object: "denoise/${InventoryTriggerJobId}.wav" },
  },
});
