/** SpeechRecognition (docs/ci-api.md §4.6): audio/video to text, standard or flash ASR. */
import type { z } from "zod";
import { defineTag } from "./define-tag";
import { bool, choice, num, options } from "./field-helpers";
import { addIssue, orList, presentAt, textAt, type Operation } from "./refine-helpers";

const PHONE_ENGINES = ["8k_zh", "8k_zh_s", "8k_en"];
const STANDARD_ENGINES = [
  "16k_zh",
  "16k_zh_video",
  "16k_en",
  "16k_ca",
  "16k_ja",
  "16k_zh_edu",
  "16k_en_edu",
  "16k_zh_medical",
  "16k_th",
  "16k_zh_dialect",
];
const FLASH_ENGINES = ["8k_zh", "16k_zh", "16k_en", "16k_zh_video", "16k_zh_dialect", "16k_ms", "16k_zh-PY"];
const ALL_ENGINES = [...new Set([...PHONE_ENGINES, ...STANDARD_ENGINES, ...FLASH_ENGINES])];
const DIARIZATION_ENGINES = ["8k_zh", "16k_zh", "16k_zh_video"];

const R = ["JobParam", "SpeechRecognition"];
const FLASH = { path: "SpeechRecognition.FlashAsr", equals: ["true"] };

function refineSpeech(op: Operation, ctx: z.RefinementCtx): void {
  if (!presentAt(op, R)) return;
  const at = (f: string) => [...R, f];
  const flash = textAt(op, at("FlashAsr")) === "true";
  const engine = textAt(op, at("EngineModelType"));
  const channels = textAt(op, at("ChannelNum"));
  if (flash) {
    if (engine && !FLASH_ENGINES.includes(engine))
      addIssue(ctx, at("EngineModelType"), `Flash recognition supports ${orList(FLASH_ENGINES)}`);
    if (!presentAt(op, at("Format"))) addIssue(ctx, at("Format"), "Audio format is required for flash recognition");
    for (const [f, label] of [
      ["ResTextFormat", "Result format"],
      ["ConvertNumMode", "Number conversion"],
      ["SpeakerNumber", "Speaker count"],
    ]) {
      if (presentAt(op, at(f!))) addIssue(ctx, at(f!), `${label} is not available with flash recognition`);
    }
    if (textAt(op, at("OutputFileType")) === "srt")
      addIssue(ctx, at("OutputFileType"), "Flash recognition writes txt only");
  } else {
    if (engine && !PHONE_ENGINES.includes(engine) && !STANDARD_ENGINES.includes(engine))
      addIssue(ctx, at("EngineModelType"), `${engine} is available with flash recognition only`);
    if (!channels) addIssue(ctx, at("ChannelNum"), "Channels is required (1 mono, 2 stereo)");
  }
  if (channels === "2" && engine && engine !== "8k_zh") addIssue(ctx, at("ChannelNum"), "Stereo (2) is for 8k_zh only");
  if (textAt(op, at("SpeakerDiarization")) === "1") {
    if (engine && !DIARIZATION_ENGINES.includes(engine))
      addIssue(ctx, at("SpeakerDiarization"), `Speaker separation supports ${orList(DIARIZATION_ENGINES)}`);
    if (channels === "2") addIssue(ctx, at("SpeakerDiarization"), "Speaker separation needs mono audio (Channels 1)");
  }
  if (textAt(op, at("ResTextFormat")) === "3" && textAt(op, at("OutputFileType")) === "srt")
    addIssue(ctx, at("OutputFileType"), "Result format 3 writes txt only");
}

const levels = (...values: [string, string][]) => values.map(([value, label]) => ({ value, label }));

export const speechRecognition = defineTag({
  tag: "SpeechRecognition",
  group: "ai",
  label: "Speech recognition",
  description: "Transcribe speech in audio and video to text or subtitles",
  templateTag: "SpeechRecognition",
  output: "object",
  paramElement: "SpeechRecognition",
  fields: [
    {
      kind: "group",
      name: "SpeechRecognition",
      label: "Speech recognition",
      required: true,
      fields: [
        choice("EngineModelType", "Engine", options(...ALL_ENGINES), { required: true, defaultValue: "16k_zh" }),
        bool("FlashAsr", "Flash recognition", { defaultValue: "false" }),
        choice("ChannelNum", "Channels", levels(["1", "Mono"], ["2", "Stereo (8k_zh only)"]), { defaultValue: "1" }),
        choice(
          "ResTextFormat",
          "Result format",
          levels(
            ["0", "Sentences with timestamps"],
            ["1", "Words, no punctuation"],
            ["2", "Words with punctuation"],
            ["3", "Punctuated segments with timestamps"],
          ),
        ),
        choice("FilterDirty", "Profanity", levels(["0", "Keep"], ["1", "Remove"], ["2", "Replace with *"])),
        choice("FilterModal", "Filler words", levels(["0", "Keep"], ["1", "Remove some"], ["2", "Remove all"])),
        choice(
          "ConvertNumMode",
          "Numbers",
          levels(["0", "As words"], ["1", "Smart digits"], ["3", "Digits for maths"]),
        ),
        choice("SpeakerDiarization", "Separate speakers", levels(["0", "Off"], ["1", "On"])),
        num("SpeakerNumber", "Speaker count", { min: 0, max: 10, integer: true, help: "0 = automatic (up to 6)" }),
        choice("FilterPunc", "Punctuation", levels(["0", "Keep"], ["1", "Drop sentence-end"], ["2", "Drop all"])),
        choice("OutputFileType", "Output file type", options("txt", "srt"), { defaultValue: "txt" }),
        choice("Format", "Audio format", options("wav", "pcm", "ogg-opus", "speex", "silk", "mp3", "m4a", "aac"), {
          visibleWhen: FLASH,
        }),
        choice("FirstChannelOnly", "First channel only", levels(["0", "No"], ["1", "Yes"]), { visibleWhen: FLASH }),
        choice("WordInfo", "Word details", levels(["0", "None"], ["1", "Words"], ["2", "Words with punctuation"]), {
          visibleWhen: FLASH,
        }),
        num("SentenceMaxLength", "Max sentence length", {
          min: 6,
          max: 40,
          integer: true,
          literals: ["0"],
          help: "0 = off",
        }),
      ],
    },
  ],
  refineOperation: refineSpeech,
  example: {
    JobParam: {
      SpeechRecognition: {
        EngineModelType: "16k_zh",
        ChannelNum: "1",
        ResTextFormat: "0",
        FilterDirty: "0",
        FilterModal: "1",
        ConvertNumMode: "1",
        OutputFileType: "srt",
      },
    },
    Output: { Region: "ap-chongqing", Bucket: "test-1234567890", Object: "asr/${InventoryTriggerJobId}.srt" },
  },
});
