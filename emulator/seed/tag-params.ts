/**
 * Realistic parameter blocks per Tag (docs/ci-api.md §4), shared by inline JobParams and by templates. All values are
 * strings, as CI's XML has them.
 */
import type { XmlObject } from "@/lib/ci/xml";
import type { SeedTag as TagName } from "./job-inputs";
import type { Rng } from "./prng";

/** Template tags served by `GET /template` and the payload element of each (docs/ci-api.md §6.1). */
export const TEMPLATE_ELEMENT = {
  Transcode: "TransTpl",
  Snapshot: "Snapshot",
  Animation: "Animation",
  SmartCover: "SmartCover",
  Concat: "ConcatTemplate",
  VoiceSeparate: "VoiceSeparate",
  VideoMontage: "VideoMontage",
  VideoProcess: "VideoProcess",
  SuperResolution: "SuperResolution",
  PicProcess: "PicProcess",
  Tts: "TtsTpl",
  SpeechRecognition: "SpeechRecognition",
  NoiseReduction: "NoiseReduction",
  Watermark: "Watermark",
} as const;
export type TemplateTag = keyof typeof TEMPLATE_ELEMENT;
export const TEMPLATE_TAGS = Object.keys(TEMPLATE_ELEMENT) as TemplateTag[];

const RESOLUTIONS = [
  ["1280", "720", "1800"],
  ["1920", "1080", "3500"],
  ["854", "480", "900"],
] as const;

export function transcodeParams(rng: Rng): XmlObject {
  const [width, height, bitrate] = rng.pick(RESOLUTIONS);
  const hls = rng.chance(0.25);
  return {
    Container: hls ? { Format: "hls", ClipConfig: { Duration: "6" } } : { Format: "mp4" },
    Video: {
      Codec: rng.chance(0.8) ? "H.264" : "H.265",
      Width: width,
      Height: height,
      Fps: rng.pick(["25", "30"]),
      Bitrate: bitrate,
    },
    Audio: { Codec: "aac", Samplerate: "44100", Bitrate: "128", Channels: "2" },
    TransConfig: { AdjDarMethod: "scale", IsCheckReso: "false", DeleteMetadata: "false" },
  };
}

/** The parameter block of a Tag (what goes under its registry `paramElement` or a template's payload element). */
export function tagParams(tag: TagName | "Watermark", rng: Rng): XmlObject | undefined {
  switch (tag) {
    case "Transcode":
      return transcodeParams(rng);
    case "Snapshot":
      return rng.chance(0.5)
        ? {
            Mode: "Interval",
            Start: "0",
            TimeInterval: rng.pick(["5", "10", "30"]),
            Count: rng.pick(["10", "20", "50"]),
            Width: "1280",
          }
        : {
            Mode: "Average",
            Start: "0",
            Count: "9",
            Width: "640",
            SnapshotOutMode: "SnapshotAndSprite",
            SpriteSnapshotConfig: { Color: "Black", Columns: "3", Lines: "3", CellWidth: "320", CellHeight: "180" },
          };
    case "Animation": {
      // The codec follows the container (gif → gif, webp → webp).
      const format = rng.pick(["gif", "webp"]);
      return {
        Container: { Format: format },
        Video: {
          Codec: format,
          Width: "480",
          Fps: "15",
          AnimateOnlyKeepKeyFrame: "false",
          AnimateFramesPerSecond: "5",
        },
        TimeInterval: { Start: "0", Duration: rng.pick(["3", "5", "8"]) },
      };
    }
    case "SmartCover":
      return {
        Format: rng.pick(["jpg", "png"]),
        Width: "1280",
        Height: "720",
        Count: rng.pick(["3", "5"]),
        DeleteDuplicates: "true",
      };
    case "Concat":
      return {
        ConcatFragment: [
          { Url: "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/brand/intro-5s.mp4", Mode: "Start" },
          { Url: "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/brand/outro-3s.mp4", Mode: "End" },
        ],
        Audio: { Codec: "aac", Samplerate: "44100", Bitrate: "128", Channels: "2" },
        Video: { Codec: "H.264", Width: "1280", Height: "720", Fps: "25", Bitrate: "2000" },
        Container: { Format: "mp4" },
      };
    case "SpeechRecognition":
      return {
        EngineModelType: rng.pick(["16k_zh", "16k_en", "16k_zh_video"]),
        ChannelNum: "1",
        ResTextFormat: "0",
        FilterDirty: "0",
        FilterModal: "1",
        ConvertNumMode: "1",
        OutputFileType: rng.pick(["txt", "srt"]),
      };
    case "VoiceSeparate":
      return {
        AudioMode: rng.pick(["IsAudio", "AudioAndBackground"]),
        AudioConfig: { Codec: "mp3", Samplerate: "44100", Bitrate: "192", Channels: "2" },
      };
    case "VideoMontage":
      return {
        Duration: rng.pick(["15", "30", "60"]),
        Scene: "Video",
        Container: { Format: "mp4" },
        Video: { Codec: "H.264", Width: "1280", Height: "720", Fps: "25", Bitrate: "1500" },
        Audio: { Codec: "aac", Samplerate: "44100", Bitrate: "128", Channels: "2" },
      };
    case "SDRtoHDR":
      return { HdrMode: rng.pick(["HLG", "HDR10"]) };
    case "VideoProcess":
      return {
        ColorEnhance: { Enable: "true", Contrast: "50", Correction: "40", Saturation: "60" },
        MsSharpen: { Enable: "true", SharpenLevel: "5" },
      };
    case "SuperResolution":
      return {
        Resolution: rng.pick(["sdtohd", "hdto4k"]),
        EnableScaleUp: "true",
        Version: rng.pick(["Base", "Enhance"]),
      };
    case "Segment":
      return { Format: "mp4", Duration: rng.pick(["30", "60", "300"]) };
    case "VideoTag":
      return { Scenario: "Stream" };
    case "PicProcess":
      return {
        IsPicInfo: "true",
        ProcessRule: rng.pick([
          "imageMogr2/thumbnail/!50p",
          "imageMogr2/format/webp/quality/80",
          "imageMogr2/thumbnail/1280x/format/jpg",
        ]),
      };
    case "DigitalWatermark":
      // No IgnoreError: it has no effect for this Tag (see lib/jobs/tags/digital-watermark.ts).
      return { Type: "Text", Message: rng.pick(["campaign2026", "internal-preview", "partner-7781"]), Version: "V1" };
    case "ExtractDigitalWatermark":
      return { Type: "Text", Version: "V1" };
    case "Tts":
      return { Mode: "Asyc", Codec: "pcm", VoiceType: "ruxue", Volume: "0", Speed: rng.pick(["100", "110"]) };
    case "NoiseReduction":
      return { Format: rng.pick(["wav", "mp3"]), Samplerate: rng.pick(["16000", "44100"]) };
    case "QualityEstimate":
      // No batch source gives QualityEstimate a JobParam block (emulator/model/tag-table.ts).
      return undefined;
    case "Watermark":
      return rng.chance(0.5)
        ? {
            Type: "Text",
            Pos: "TopRight",
            LocMode: "Absolute",
            Dx: "32",
            Dy: "32",
            Text: {
              FontSize: "28",
              FontType: "simfang.ttf",
              FontColor: "0xFFFFFF",
              Transparency: "80",
              Text: "example-tv",
            },
          }
        : {
            Type: "Image",
            Pos: "BottomRight",
            LocMode: "Relativity",
            Dx: "3",
            Dy: "3",
            Image: {
              Url: "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/brand/logo.png",
              Mode: "Proportion",
              Width: "10",
              Transparency: "90",
              Background: "false",
            },
          };
    case "MediaInfo":
    case "StreamExtract":
      return undefined;
  }
}

/** The JobParam element holding each seed Tag's inline parameters (emulator/model/tag-table.ts; none for some). */
export const PARAM_ELEMENT: Readonly<Record<TagName, string | undefined>> = {
  Transcode: "Transcode",
  Snapshot: "Snapshot",
  Animation: "Animation",
  SmartCover: "SmartCover",
  Concat: "ConcatTemplate",
  SpeechRecognition: "SpeechRecognition",
  VoiceSeparate: "VoiceSeparate",
  VideoMontage: "VideoMontage",
  SDRtoHDR: "SDRtoHDR",
  VideoProcess: "VideoProcess",
  SuperResolution: "SuperResolution",
  Segment: "Segment",
  VideoTag: "VideoTag",
  PicProcess: "PicProcess",
  DigitalWatermark: "DigitalWatermark",
  ExtractDigitalWatermark: "ExtractDigitalWatermark",
  MediaInfo: undefined,
  StreamExtract: undefined,
  Tts: "TtsTpl",
  NoiseReduction: "NoiseReduction",
  QualityEstimate: undefined,
};
