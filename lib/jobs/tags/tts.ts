/** Tts (docs/ci-api.md §4.19): text to speech. The parameter element is TtsTpl. */
import { defineTag } from "./define-tag";
import { choice, num, options, text, URL_PATTERN } from "./field-helpers";
import { addIssue, presentAt, textAt } from "./refine-helpers";

const T = ["JobParam", "TtsTpl"];
const C = ["JobParam", "TtsConfig"];
/** Text given inline is at most 300 UTF-8 characters. */
const INLINE_TEXT_MAX = 300;

export const tts = defineTag({
  tag: "Tts",
  group: "audio",
  label: "Text to speech",
  description: "Read text files aloud into audio files",
  templateTag: "Tts",
  output: "object",
  paramElement: "TtsTpl",
  fields: [
    {
      kind: "group",
      name: "TtsTpl",
      label: "Speech",
      required: true,
      fields: [
        // UNCERTAIN: the doc's literal is "Asyc" (sic); we send it as documented and do not accept "Async".
        choice(
          "Mode",
          "Mode",
          [
            { value: "Asyc", label: "Asynchronous" },
            { value: "Sync", label: "Synchronous" },
          ],
          { defaultValue: "Asyc" },
        ),
        choice("Codec", "Format", options("pcm", "wav", "mp3"), {
          defaultValue: "pcm",
          help: "Asynchronous mode writes pcm only",
        }),
        // UNCERTAIN: the voice table is not at hand, so VoiceType is free text (default ruxue).
        text("VoiceType", "Voice", { maxLength: 64, defaultValue: "ruxue" }),
        num("Volume", "Volume", { min: -10, max: 10, defaultValue: "0" }),
        num("Speed", "Speed", { min: 50, max: 200, unit: "%", defaultValue: "100" }),
        text("Emotion", "Emotion", { maxLength: 64, help: "Depends on the voice" }),
      ],
    },
    // UNCERTAIN: how a batch job supplies the text is undocumented; the input objects are the most likely source, so
    // TtsConfig is optional.
    {
      kind: "group",
      name: "TtsConfig",
      label: "Text input",
      fields: [
        choice(
          "InputType",
          "Input type",
          [
            { value: "Url", label: "URL of a UTF-8 text file" },
            { value: "Text", label: "Text" },
          ],
          { required: true },
        ),
        text("Input", "Input", { required: true, maxLength: 10000 }),
      ],
    },
  ],
  refineOperation(op, ctx) {
    if (presentAt(op, T)) {
      const mode = textAt(op, [...T, "Mode"]) ?? "Asyc";
      const codec = textAt(op, [...T, "Codec"]);
      if (mode === "Asyc" && codec && codec !== "pcm")
        addIssue(ctx, [...T, "Codec"], "Asynchronous mode (Asyc) writes pcm only: choose pcm or Sync mode");
    }
    const type = textAt(op, [...C, "InputType"]);
    const input = textAt(op, [...C, "Input"]);
    if (type === "Text" && input && [...input].length > INLINE_TEXT_MAX)
      addIssue(ctx, [...C, "Input"], `Inline text is at most ${INLINE_TEXT_MAX} characters; use a URL for longer text`);
    if (type === "Url" && input && !URL_PATTERN.regex.test(input)) addIssue(ctx, [...C, "Input"], URL_PATTERN.message);
  },
  example: {
    JobParam: { TtsTpl: { Mode: "Asyc", Codec: "pcm", VoiceType: "ruxue", Volume: "0", Speed: "100" } },
    Output: { Region: "ap-chongqing", Bucket: "test-1234567890", Object: "tts/${InventoryTriggerJobId}.pcm" },
  },
});
