/**
 * What the docs add to the JobParam shapes taken from the Go SDK: required elements, enums and ranges, and the few
 * elements the Go structs lack. Paths are relative to `Request.Operation.JobParam`. Sections of docs/ci-api.md §4
 * give the page each row summarises.
 */
import type { ElementSpec } from "./element";

type Rule = Omit<ElementSpec, "path" | "kind" | "source"> & { source: string };

const TRANSCODE =
  "doc 11236352835 / 421048545 transcode template; qcloud-sdk-android media/TemplateTranscode.java (§4.1)";
const WATERMARK = "qcloud-sdk-android media/TemplateWatermark.java (§4.1a)";
const SNAPSHOT = "doc 1045/49909; qcloud-sdk-android media/TemplateSnapshot.java (§4.2)";
const ANIMATION = "qcloud-sdk-android media/TemplateAnimation.java (§4.3)";
const CONCAT = "qcloud-sdk-android media/TemplateConcat.java, SubmitConcatJob.java (§4.5)";
const ASR = "qcloud-sdk-android common/SpeechRecognition.java (§4.6)";
const VOICE = "qcloud-sdk-android media/TemplateVoiceSeparate.java, common/AudioConfig.java (§4.7)";
const MONTAGE = "qcloud-sdk-android media/TemplateVideoMontage.java (§4.8)";
const DWM = "qcloud-sdk-android common/DigitalWatermark.java (§4.15)";
const TTS = "qcloud-sdk-android ai/PostVoiceSynthesisTemplete.java (§4.19)";
const BOOL = ["true", "false"] as const;

/** Constraints on elements that the Go SDK shape already lists. */
export const JOB_PARAM_RULES: Readonly<Record<string, Rule>> = {
  WatermarkTemplateId: { maxOccurs: 3, source: "doc 460/80155 (at most 3 watermark templates)" },
  Watermark: { maxOccurs: 3, source: WATERMARK },
  "Watermark.Type": { required: true, enum: ["Text", "Image"], source: WATERMARK },
  "Watermark.Pos": {
    required: true,
    enum: ["TopRight", "TopLeft", "BottomRight", "BottomLeft", "Left", "Right", "Top", "Bottom", "Center"],
    source: WATERMARK,
  },
  "Watermark.LocMode": { required: true, enum: ["Relativity", "Absolute"], source: WATERMARK },
  "Watermark.Dx": { required: true, source: WATERMARK },
  "Watermark.Dy": { required: true, source: WATERMARK },
  "Watermark.SlideConfig.SlideMode": { enum: ["Default", "ScrollFromLeft"], source: WATERMARK },
  "Watermark.Image.Url": { required: true, source: WATERMARK },
  "Watermark.Image.Mode": { enum: ["Original", "Proportion", "Fixed"], source: WATERMARK },
  "Watermark.Image.Background": { enum: BOOL, source: WATERMARK },
  "Watermark.Text.Text": { required: true, maxLength: 64, source: WATERMARK },
  "Transcode.Container": { required: true, source: TRANSCODE },
  "Transcode.Container.Format": { required: true, source: TRANSCODE },
  "Transcode.Video.Codec": { enum: ["H.264", "H.265", "VP8", "VP9", "AV1"], source: TRANSCODE },
  "Transcode.Video.Width": { range: [128, 4096], source: TRANSCODE },
  "Transcode.Video.Height": { range: [128, 4096], source: TRANSCODE },
  "Transcode.Video.Crf": { range: [0, 51], source: TRANSCODE },
  "Transcode.Audio.Bitrate": { range: [8, 1000], source: TRANSCODE },
  "Transcode.Video.Profile": { enum: ["baseline", "main", "high", "auto"], source: TRANSCODE },
  "Transcode.Video.Roi": { enum: ["none", "low", "medium", "high"], source: TRANSCODE },
  "Transcode.TransConfig.AdjDarMethod": { enum: ["scale", "crop", "pad", "none"], source: TRANSCODE },
  "Transcode.AudioMixArray": { maxOccurs: 2, source: TRANSCODE },
  "Transcode.AudioMix.AudioSource": { required: true, source: TRANSCODE },
  "Transcode.AudioMixArray.AudioSource": { required: true, source: TRANSCODE },
  "Snapshot.Mode": { enum: ["Interval", "Average", "KeyFrame"], source: SNAPSHOT },
  "Snapshot.Count": { required: true, source: SNAPSHOT },
  "Snapshot.SnapshotOutMode": { enum: ["OnlySnapshot", "OnlySprite", "SnapshotAndSprite"], source: SNAPSHOT },
  "Snapshot.SpriteSnapshotConfig.Color": { required: true, source: SNAPSHOT },
  "Snapshot.SpriteSnapshotConfig.Columns": { required: true, range: [1, 10000], source: SNAPSHOT },
  "Snapshot.SpriteSnapshotConfig.Lines": { required: true, range: [1, 10000], source: SNAPSHOT },
  "Snapshot.SpriteSnapshotConfig.ScaleMethod": {
    enum: ["DirectScale", "MaxWHScaleAndPad", "MaxWHScale"],
    source: SNAPSHOT,
  },
  "Animation.Container": { required: true, source: ANIMATION },
  "Animation.Container.Format": { required: true, enum: ["gif", "hgif", "webp"], source: ANIMATION },
  "Animation.Video.Codec": { required: true, enum: ["gif", "webp"], source: ANIMATION },
  "SmartCover.Format": {
    enum: ["jpg", "png", "webp"],
    source: "qcloud-sdk-android media/TemplateSmartCover.java (§4.4)",
  },
  "SmartCover.Count": { range: [1, 10], source: "qcloud-sdk-android media/TemplateSmartCover.java (§4.4)" },
  "ConcatTemplate.ConcatFragment.Url": { required: true, source: CONCAT },
  "ConcatTemplate.ConcatFragment.Mode": { enum: ["Start", "End"], source: CONCAT },
  "ConcatTemplate.Container": { required: true, source: CONCAT },
  "ConcatTemplate.Container.Format": {
    required: true,
    enum: ["mp4", "flv", "hls", "ts", "mp3", "aac"],
    source: CONCAT,
  },
  "ConcatTemplate.Audio.Codec": { enum: ["aac", "mp3"], source: CONCAT },
  "ConcatTemplate.Video.Codec": { enum: ["H.264"], source: CONCAT },
  "ConcatTemplate.SceneChangeInfo.Mode": { required: true, enum: ["Default", "FADE", "GRADIENT"], source: CONCAT },
  "SpeechRecognition.EngineModelType": {
    required: true,
    enum: [
      "8k_zh",
      "8k_zh_s",
      "8k_en",
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
      "16k_ms",
      "16k_zh-PY",
    ],
    source: ASR,
  },
  "SpeechRecognition.OutputFileType": { enum: ["txt", "srt"], source: ASR },
  "SpeechRecognition.FlashAsr": { enum: BOOL, source: ASR },
  "VoiceSeparate.AudioMode": { required: true, enum: ["IsAudio", "IsBackground", "AudioAndBackground"], source: VOICE },
  "VoiceSeparate.AudioConfig.Codec": { enum: ["aac", "mp3", "flac", "amr"], source: VOICE },
  "VideoMontage.Container": { required: true, source: MONTAGE },
  "VideoMontage.Container.Format": { required: true, enum: ["mp4", "flv", "hls", "ts", "mkv"], source: MONTAGE },
  "VideoMontage.Scene": { enum: ["Soccer", "Video"], source: MONTAGE },
  "VideoMontage.Video.Codec": { enum: ["H.264", "H.265"], source: MONTAGE },
  "VideoMontage.Audio.Codec": { enum: ["aac", "mp3"], source: MONTAGE },
  "SDRtoHDR.HdrMode": {
    required: true,
    enum: ["HLG", "HDR10"],
    source: "doc 1045/48935; cos-go-sdk-v5 ci_media.go SDRtoHDR comment (§4.9)",
  },
  "SuperResolution.Resolution": {
    required: true,
    enum: ["sdtohd", "hdto4k"],
    source: "terraform-provider-tencentcloud resource_tc_ci_media_super_resolution_template.go (§4.11)",
  },
  "SuperResolution.Version": {
    enum: ["Base", "Enhance"],
    source: "terraform-provider-tencentcloud resource_tc_ci_media_super_resolution_template.go (§4.11)",
  },
  "Segment.Format": {
    required: true,
    enum: ["aac", "mp3", "flac", "mp4", "ts", "mkv", "avi", "hls", "m3u8"],
    source: "qcloud-sdk-android media/SubmitMediaSegmentJob.java (§4.12)",
  },
  // Stream is the documented value; the Go SDK comment also names ShortVideo.
  "VideoTag.Scenario": {
    required: true,
    enum: ["Stream", "ShortVideo"],
    source: "doc 460/96789; cos-go-sdk-v5 ci_media.go VideoTag comment (§4.13)",
  },
  "PicProcess.ProcessRule": { required: true, source: "qcloud-sdk-android common/PicProcess.java (§4.14)" },
  "PicProcess.IsPicInfo": { enum: BOOL, source: "qcloud-sdk-android common/PicProcess.java (§4.14)" },
  "DigitalWatermark.Type": { required: true, enum: ["Text"], source: DWM },
  "DigitalWatermark.Message": { required: true, maxLength: 64, source: DWM },
  "DigitalWatermark.Version": { required: true, enum: ["V1"], source: DWM },
  "ExtractDigitalWatermark.Type": {
    required: true,
    enum: ["Text"],
    source: "qcloud-sdk-android media/SubmitExtractDigitalWatermarkJob.java (§4.16)",
  },
  "ExtractDigitalWatermark.Version": {
    required: true,
    enum: ["V1"],
    source: "qcloud-sdk-android media/SubmitExtractDigitalWatermarkJob.java (§4.16)",
  },
  "TtsTpl.Mode": { enum: ["Asyc", "Sync"], source: TTS },
  "TtsTpl.Codec": { enum: ["wav", "mp3", "pcm"], source: TTS },
  "TtsConfig.InputType": { enum: ["Url", "Text"], source: "qcloud-sdk-android ai/PostVoiceSynthesis.java (§4.19)" },
  "NoiseReduction.Format": {
    enum: ["mp3", "m4a", "wav"],
    source: "qcloud-sdk-android common/NoiseReduction.java (§4.20)",
  },
  "NoiseReduction.Samplerate": {
    enum: ["8000", "12000", "16000", "24000", "32000", "44100", "48000"],
    source: "qcloud-sdk-android common/NoiseReduction.java (§4.20)",
  },
  "ImageInspect.AutoProcess": {
    enum: BOOL,
    source: "cos-python-sdk-v5 demo/ci_media.py ci_create_image_inspect_batch_jobs",
  },
  "ImageInspect.ProcessType": {
    enum: ["BackupObject", "SwitchObjectToPrivate", "DeleteObject"],
    source: "cos-python-sdk-v5 demo/ci_media.py ci_create_image_inspect_batch_jobs",
  },
};

/** Elements a batch source documents that the Go structs lack (path → kind, repeatable, source). */
export const DOC_ONLY_ELEMENTS: ReadonlyArray<Pick<ElementSpec, "path" | "kind" | "repeatable" | "source">> = [
  { path: "DigitalWatermark.IgnoreError", kind: "value", source: DWM },
  {
    path: "RemoveWatermark",
    kind: "container",
    source: "cos-php-sdk-v5 Descriptions.php CreateInventoryTriggerJob JobParam.RemoveWatermark",
  },
  {
    path: "RemoveWatermark.Dx",
    kind: "value",
    source: "qcloud-sdk-android media/SubmitTranscodeJob.java RemoveWatermark (§4.1)",
  },
  {
    path: "RemoveWatermark.Dy",
    kind: "value",
    source: "qcloud-sdk-android media/SubmitTranscodeJob.java RemoveWatermark (§4.1)",
  },
  {
    path: "RemoveWatermark.Width",
    kind: "value",
    source: "qcloud-sdk-android media/SubmitTranscodeJob.java RemoveWatermark (§4.1)",
  },
  {
    path: "RemoveWatermark.Height",
    kind: "value",
    source: "qcloud-sdk-android media/SubmitTranscodeJob.java RemoveWatermark (§4.1)",
  },
  { path: "VideoMontage.Video.Rotate", kind: "value", source: MONTAGE },
  {
    path: "TtsTpl.Emotion",
    kind: "value",
    source: `${TTS}; terraform-provider-tencentcloud resource_tc_ci_media_tts_template.go`,
  },
  { path: "Transcode.TransConfig.IsCheckVideoFps", kind: "value", source: TRANSCODE },
  { path: "Transcode.TransConfig.VideoFpsAdjMethod", kind: "value", source: TRANSCODE },
  { path: "Transcode.TransConfig.TranscodeIndex", kind: "value", source: TRANSCODE },
  { path: "Transcode.TransConfig.DashEncrypt", kind: "container", source: TRANSCODE },
  { path: "Transcode.TransConfig.DashEncrypt.IsEncrypt", kind: "value", source: TRANSCODE },
  { path: "Transcode.TransConfig.DashEncrypt.UriKey", kind: "value", source: TRANSCODE },
];

/** Required children of RemoveWatermark ("all [1,4096] and required"). */
export const DOC_ONLY_RULES: Readonly<Record<string, Rule>> = {
  "RemoveWatermark.Dx": {
    required: true,
    range: [1, 4096],
    source: "qcloud-sdk-android media/SubmitTranscodeJob.java (§4.1)",
  },
  "RemoveWatermark.Dy": {
    required: true,
    range: [1, 4096],
    source: "qcloud-sdk-android media/SubmitTranscodeJob.java (§4.1)",
  },
  "RemoveWatermark.Width": {
    required: true,
    range: [1, 4096],
    source: "qcloud-sdk-android media/SubmitTranscodeJob.java (§4.1)",
  },
  "RemoveWatermark.Height": {
    required: true,
    range: [1, 4096],
    source: "qcloud-sdk-android media/SubmitTranscodeJob.java (§4.1)",
  },
};
