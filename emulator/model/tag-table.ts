/**
 * The Tags CI documents for batch (Job-type) triggers, and per Tag: which JobParam children it takes, which of them
 * are required, and whether it writes an Output. Rows follow doc 460/80155's JobParam table (docs/ci-api.md §4.0),
 * widened by the batch SDK sources cited per row. Not rows: Translation, WordsGeneralize, DNA, VocalScore, ImageOCR.
 * cos-go-sdk-v5's batch JobParam struct has their blocks (data/go-sdk-job-param.json), but that struct copies the
 * single-job MediaProcessJobOperation. Every SDK test and demo sends these Tags as single jobs (POST /jobs, /ai_jobs:
 * example/CI/workflow_and_job/jobs.go Invoke*Job, dna.go InvokeDNAJob), and no batch doc lists them. The model
 * therefore refuses them as unknown Tags.
 */
import { SRC } from "./sources";

export interface TagRule {
  /** JobParam children this Tag takes (names directly under JobParam). */
  jobParam: readonly string[];
  /** At least one of these must be present ("TemplateId 优先, 无 TemplateId 时使用对应任务类型的参数"). */
  oneOf?: readonly string[];
  /** JobParam children that must be present. */
  required?: readonly string[];
  /** Output's object elements of which at least one is needed; absent = the Tag writes no file (Output optional). */
  outputNeeds?: readonly string[];
  source: string;
}

const WITH_TEMPLATE = (element: string, extra: readonly string[] = []): Pick<TagRule, "jobParam" | "oneOf"> => ({
  jobParam: ["TemplateId", element, ...extra],
  oneOf: ["TemplateId", element],
});
/** Inline or templated transcode settings and watermarks for the enhancement Tags (doc 1045/50369). */
const ENHANCE_EXTRAS = [
  "TranscodeTemplateId",
  "Transcode",
  "WatermarkTemplateId",
  "Watermark",
  "DigitalWatermark",
] as const;
const OBJECT = ["Object"] as const;

const TABLE = {
  Transcode: {
    ...WITH_TEMPLATE("Transcode", ["WatermarkTemplateId", "Watermark", "RemoveWatermark", "DigitalWatermark"]),
    outputNeeds: OBJECT,
    source: `${SRC.docJobParamRule}; ${SRC.goJobParam}; ${SRC.phpTrigger} (RemoveWatermark)`,
  },
  Snapshot: { ...WITH_TEMPLATE("Snapshot"), outputNeeds: ["Object", "SpriteObject"], source: SRC.docJobParamRule },
  Animation: { ...WITH_TEMPLATE("Animation"), outputNeeds: OBJECT, source: SRC.docJobParamRule },
  SmartCover: { ...WITH_TEMPLATE("SmartCover"), outputNeeds: OBJECT, source: SRC.docJobParamRule },
  Concat: {
    ...WITH_TEMPLATE("ConcatTemplate"),
    outputNeeds: OBJECT,
    source: `${SRC.docJobParamRule} (element ConcatTemplate)`,
  },
  SpeechRecognition: {
    ...WITH_TEMPLATE("SpeechRecognition"),
    outputNeeds: OBJECT,
    source: `${SRC.docJobParamRule}; ${SRC.phpTrigger}`,
  },
  VoiceSeparate: {
    ...WITH_TEMPLATE("VoiceSeparate"),
    outputNeeds: ["Object", "AuObject", "BassObject", "DrumObject"],
    source: `${SRC.docJobParamRule} (Object and AuObject not both empty); ${SRC.goOutput} (BassObject, DrumObject)`,
  },
  VideoMontage: { ...WITH_TEMPLATE("VideoMontage"), outputNeeds: OBJECT, source: SRC.docJobParamRule },
  SDRtoHDR: {
    jobParam: ["SDRtoHDR", "TranscodeTemplateId", "Transcode", "WatermarkTemplateId", "Watermark"],
    required: ["SDRtoHDR"],
    outputNeeds: OBJECT,
    source: `${SRC.docJobParamRule}; doc 1045/48935; ${SRC.docBatchInline}`,
  },
  VideoProcess: {
    ...WITH_TEMPLATE("VideoProcess", ENHANCE_EXTRAS),
    outputNeeds: OBJECT,
    source: `${SRC.docJobParamRule}; doc 1045/48944; ${SRC.docBatchInline}`,
  },
  SuperResolution: {
    ...WITH_TEMPLATE("SuperResolution", ENHANCE_EXTRAS),
    outputNeeds: OBJECT,
    source: `${SRC.docJobParamRule}; doc 436/49057; ${SRC.docBatchInline}`,
  },
  Segment: {
    jobParam: ["Segment"],
    required: ["Segment"],
    outputNeeds: OBJECT,
    source: `${SRC.docJobParamRule}; cos-java-sdk-v5 BatchJobDemo.createInventoryTriggerJobSegmentWithAigcMetadata`,
  },
  VideoTag: { jobParam: ["VideoTag"], required: ["VideoTag"], source: `${SRC.docJobParamRule}; doc 460/96789` },
  PicProcess: {
    ...WITH_TEMPLATE("PicProcess"),
    outputNeeds: OBJECT,
    source: `${SRC.docJobParamRule}; cos-java-sdk-v5 BatchJobDemo.createInventoryTriggerJob2`,
  },
  DigitalWatermark: {
    jobParam: ["DigitalWatermark"],
    required: ["DigitalWatermark"],
    outputNeeds: OBJECT,
    source: SRC.docJobParamRule,
  },
  ExtractDigitalWatermark: {
    jobParam: ["ExtractDigitalWatermark"],
    required: ["ExtractDigitalWatermark"],
    source: SRC.docJobParamRule,
  },
  MediaInfo: { jobParam: [], source: `${SRC.docJobParamRule} (no JobParam)` },
  StreamExtract: {
    jobParam: [],
    outputNeeds: ["StreamExtract"],
    source: `${SRC.docJobParamRule}; ${SRC.docStreamExtract}`,
  },
  Tts: {
    ...WITH_TEMPLATE("TtsTpl", ["TtsConfig"]),
    outputNeeds: OBJECT,
    source: `${SRC.docJobParamRule}; ${SRC.goJobParam}.TtsConfig`,
  },
  NoiseReduction: { ...WITH_TEMPLATE("NoiseReduction"), outputNeeds: OBJECT, source: SRC.docJobParamRule },
  // No batch source gives QualityEstimate a JobParam child: QualityEstimateConfig is documented for the single-job
  // API only (doc 436/85025), and the Go JobParam's `QualityEstimate` is the result block CI echoes.
  QualityEstimate: { jobParam: [], source: `${SRC.docJobParamRule}; ${SRC.goJobParam}.QualityEstimate (result only)` },
  ImageInspect: {
    jobParam: ["ImageInspect"],
    source: `${SRC.pyImageInspect}; ${SRC.goJobParam}.ImageInspect; cos-python-sdk-v5 demo/ci_media.py ci_create_image_inspect_batch_jobs`,
  },
} as const satisfies Record<string, TagRule>;

export type ModelTag = keyof typeof TABLE;
export const TAG_TABLE: Readonly<Record<ModelTag, TagRule>> = TABLE;
export const TAG_NAMES = Object.keys(TAG_TABLE) as ModelTag[];
export const isModelTag = (v: unknown): v is ModelTag => typeof v === "string" && Object.hasOwn(TAG_TABLE, v);
