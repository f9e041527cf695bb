/**
 * The disagreement corpus: valid requests (every Tag's example from the app's Tag registry, the docs' samples, the
 * SDKs' requests, the shapes issue 12 lists) and invalid variants of them, each named. Requests are JSON whose keys
 * are CI's element names.
 */
import { parseXml } from "@/lib/ci/xml";
import { paramDefaults } from "@/lib/jobs/draft-request";
import { TAG_NAMES, TAGS } from "@/lib/jobs/tags";
import { EmulatorStore } from "@/emulator/store/emulator-store";
import { clone, JOB_SAMPLE, WORKFLOW_SAMPLE, type Mutable } from "../fixtures";
import { DOC_IDS, SDK_REQUESTS } from "./sdk-corpus";

export interface CorpusCase {
  name: string;
  request: Mutable;
}

const OUT = { Region: "ap-chongqing", Bucket: "test-1234567890", Object: "out/${InventoryTriggerJobId}.mp4" };
const job = (Tag: string, extra: Mutable = {}): Mutable => ({
  Name: "conformance",
  Type: "Job",
  Input: { Prefix: "in/" },
  Operation: { Tag, ...extra },
});
const transcodeInline = { Container: { Format: "mp4" }, Video: { Codec: "H.264", Width: "1280" } };
const textMark = {
  Type: "Text",
  Pos: "TopRight",
  LocMode: "Absolute",
  Dx: "16",
  Dy: "16",
  Text: { Text: "demo", FontSize: "24", FontColor: "0xFFFFFF", Transparency: "80" },
};

/** Every Tag's example from the app's own registry, as a full request. */
const tagExamples: CorpusCase[] = TAG_NAMES.map((tag) => ({
  name: `app-example-${tag}`,
  request: job(tag, clone(TAGS[tag].example)),
}));

/** What the wizard starts with for each Tag in inline mode (its parameter defaults), with an Output where one is needed. */
const wizardDefaults: CorpusCase[] = TAG_NAMES.map((tag) => {
  const mod = TAGS[tag];
  const output =
    mod.output === "none"
      ? undefined
      : mod.output === "streamExtract"
        ? { Region: "ap-chongqing", Bucket: "test-1234567890", StreamExtract: [{ Index: "0", Object: "out0.mp4" }] }
        : mod.output === "voiceSeparate"
          ? { ...OUT, AuObject: "vocal/${InventoryTriggerJobId}.mp3" }
          : OUT;
  const jobParam = paramDefaults(mod.fields, mod.paramElement);
  return {
    name: `app-defaults-${tag}`,
    request: job(tag, {
      ...(Object.keys(jobParam).length ? { JobParam: jobParam } : {}),
      ...(output ? { Output: output } : {}),
    }),
  };
});

/** Shapes from issue 12 and the docs that no SDK test sends verbatim. */
const documentedShapes: CorpusCase[] = [
  { name: "doc-sample-job", request: clone(JOB_SAMPLE) },
  { name: "doc-sample-workflow", request: clone(WORKFLOW_SAMPLE) },
  {
    name: "several-workflows",
    request: {
      ...clone(WORKFLOW_SAMPLE),
      Operation: { WorkflowIds: `${DOC_IDS.workflowId},w5a99d4c18a158468d2a7817d7c09f120` },
    },
  },
  {
    name: "voice-separate-stems-force",
    request: job("VoiceSeparate", {
      JobParam: { TemplateId: DOC_IDS.templateId },
      Output: {
        Region: "ap-chongqing",
        Bucket: "test-1234567890",
        Object: "bg.mp3",
        AuObject: "vocal.mp3",
        BassObject: "bass.mp3",
        DrumObject: "drum.mp3",
        Force: "true",
      },
    }),
  },
  {
    name: "free-transcode",
    request: job("Transcode", { FreeTranscode: "true", JobParam: { TemplateId: DOC_IDS.templateId }, Output: OUT }),
  },
  {
    name: "tdmq-callback",
    request: job("Transcode", {
      CallBackType: "TDMQ",
      CallBackMqConfig: { MqRegion: "bj", MqMode: "Queue", MqName: "ci-events" },
      JobParam: { TemplateId: DOC_IDS.templateId },
      Output: OUT,
    }),
  },
  {
    name: "video-process-inline-transcode-watermark",
    request: job("VideoProcess", {
      JobParam: {
        VideoProcess: { ColorEnhance: { Enable: "true" } },
        Transcode: transcodeInline,
        Watermark: [textMark],
      },
      Output: OUT,
    }),
  },
  {
    name: "super-resolution-inline-transcode-watermark",
    request: job("SuperResolution", {
      JobParam: { SuperResolution: { Resolution: "sdtohd" }, Transcode: transcodeInline, Watermark: [textMark] },
      Output: OUT,
    }),
  },
  {
    name: "sdr-to-hdr-inline-transcode-watermark",
    request: job("SDRtoHDR", {
      JobParam: { SDRtoHDR: { HdrMode: "HLG" }, Transcode: transcodeInline, Watermark: [textMark] },
      Output: OUT,
    }),
  },
  {
    name: "transcode-aigc-metadata",
    request: job("Transcode", {
      JobParam: {
        Transcode: { ...transcodeInline, TransConfig: { AIGCMetadata: { Label: "ai", ContentProducer: "studio" } } },
      },
      Output: OUT,
    }),
  },
  {
    name: "concat-scene-change-transition",
    request: job("Concat", {
      JobParam: {
        ConcatTemplate: {
          ConcatFragment: [
            { Url: "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/a.mp4", Duration: "5" },
          ],
          Container: { Format: "mp4" },
          SceneChangeInfo: { Mode: "FADE", Time: "3", TransitionType: "fade" },
        },
      },
      Output: OUT,
    }),
  },
  { name: "media-info-no-job-param", request: job("MediaInfo") },
  { name: "quality-estimate-no-job-param", request: job("QualityEstimate") },
  {
    name: "stream-extract",
    request: job("StreamExtract", {
      Output: {
        Region: "ap-chongqing",
        Bucket: "test-1234567890",
        StreamExtract: [
          { Index: "0", Object: "out0.mp4" },
          { Index: "1", Object: "out1.mp4" },
        ],
      },
    }),
  },
  {
    name: "transcode-subtitles",
    request: job("Transcode", {
      JobParam: {
        TemplateId: DOC_IDS.templateId,
        Subtitles: { Subtitle: [{ Url: "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/sub.srt" }] },
      },
      Output: OUT,
    }),
  },
  { name: "media-info-with-output", request: job("MediaInfo", { Output: OUT }) },
  {
    name: "transcode-with-bass-object",
    request: job("Transcode", {
      JobParam: { TemplateId: DOC_IDS.templateId },
      Output: { ...OUT, BassObject: "bass.mp3" },
    }),
  },
  {
    name: "eleven-workflows",
    request: { ...clone(WORKFLOW_SAMPLE), Operation: { WorkflowIds: Array(11).fill(DOC_IDS.workflowId).join(",") } },
  },
  {
    name: "callback-not-a-url",
    request: job("Transcode", {
      CallBack: "hooks.example.com/ci",
      JobParam: { TemplateId: DOC_IDS.templateId },
      Output: OUT,
    }),
  },
  {
    name: "kafka-config-empty-instance",
    request: job("Transcode", {
      CallBackType: "Kafka",
      CallBackKafkaConfig: { Region: "ap-guangzhou", InstanceId: "", Topic: "t" },
      JobParam: { TemplateId: DOC_IDS.templateId },
      Output: OUT,
    }),
  },
  {
    name: "queue-id-not-a-queue-id",
    request: job("Transcode", { QueueId: "queue-1", JobParam: { TemplateId: DOC_IDS.templateId }, Output: OUT }),
  },
  {
    name: "template-id-not-a-template-id",
    request: job("Transcode", { JobParam: { TemplateId: "my-template" }, Output: OUT }),
  },
  {
    name: "transcode-width-100",
    request: job("Transcode", {
      JobParam: { Transcode: { Container: { Format: "mp4" }, Video: { Codec: "H.264", Width: "100" } } },
      Output: OUT,
    }),
  },
  {
    name: "transcode-remove-watermark",
    request: job("Transcode", {
      JobParam: { TemplateId: DOC_IDS.templateId, RemoveWatermark: { Dx: "10", Dy: "10", Width: "100", Height: "50" } },
      Output: OUT,
    }),
  },
];

/**
 * Tags whose JobParam blocks cos-go-sdk-v5's batch struct (InventoryTriggerJobOperationJobParam) carries, but that no
 * source accepts in a batch job: every SDK sends them as single jobs (docs/ci-api.md §4.0 "Checked and not added").
 * Parameters from example/CI/workflow_and_job/jobs.go InvokeTranslationJob, InvokeWordsGeneralizeJob,
 * InvokeVocalScoreJob, InvokeImageOCRJob and dna.go InvokeDNAJob, moved under JobParam. Both judges refuse the Tag.
 */
export const SINGLE_JOB_TAG_CASES: readonly CorpusCase[] = (
  [
    [
      "Translation",
      { JobParam: { Translation: { Lang: "zh", Type: "txt" } }, Output: { ...OUT, Object: "output/out.txt" } },
    ],
    [
      "WordsGeneralize",
      {
        JobParam: { WordsGeneralize: { NerMethod: "DL", SegMethod: "MIX" } },
        Output: { ...OUT, Object: "output/out.txt" },
      },
    ],
    ["DNA", { JobParam: { DnaConfig: { RuleType: "GetFingerPrint", DnaDbId: "xxx" } } }],
    ["VocalScore", { JobParam: { VocalScore: { StandardObject: "input/base.mp3" } } }],
    ["ImageOCR", { JobParam: { TemplateId: "t1a545cd125ea04ec7a3cd455065d601cc" } }],
  ] as const
).map(([tag, operation]) => ({
  name: `invalid-single-job-tag-${tag}`,
  request: job(tag, clone(operation as Mutable)),
}));

/** The emulator's seed requests (all of them: every Tag, inline and templated, both Types); the app must accept them too. */
const seedRequests: CorpusCase[] = (() => {
  const store = new EmulatorStore({
    buckets: [{ bucket: "examplebucket-1250000000", region: "ap-beijing" }],
    seed: 1,
    seedCount: 160,
    now: () => Date.UTC(2026, 11, 1),
  });
  return store
    .allBuckets()
    .flatMap((b) => [...b.jobs.values()])
    .map((j, i) => ({ name: `seed-${i}-${j.tag ?? j.type}`, request: parseXml(j.requestXml).Request as Mutable }));
})();

const sdkShapes: CorpusCase[] = SDK_REQUESTS.map((s) => ({ name: `sdk-${s.name}`, request: clone(s.request) }));

/** A named change that CI documents as an error. */
function variant(name: string, base: Mutable, change: (r: Mutable) => void): CorpusCase {
  const request = clone(base);
  change(request);
  return { name: `invalid-${name}`, request };
}

const invalid: CorpusCase[] = [
  variant("missing-name", JOB_SAMPLE, (r) => delete r.Name),
  variant("name-with-space", JOB_SAMPLE, (r) => (r.Name = "bad name!")),
  variant("name-129", JOB_SAMPLE, (r) => (r.Name = "a".repeat(129))),
  variant("type-unknown", JOB_SAMPLE, (r) => (r.Type = "Batch")),
  variant("missing-input", JOB_SAMPLE, (r) => delete r.Input),
  variant("no-input-source", JOB_SAMPLE, (r) => (r.Input = {})),
  variant("two-input-sources", JOB_SAMPLE, (r) => (r.Input = { Prefix: "a/", Object: "b.mp4" })),
  variant("missing-operation", JOB_SAMPLE, (r) => delete r.Operation),
  variant("tag-missing", JOB_SAMPLE, (r) => delete r.Operation.Tag),
  variant("tag-unknown", JOB_SAMPLE, (r) => (r.Operation.Tag = "Transcoding")),
  variant("transcode-no-output", JOB_SAMPLE, (r) => delete r.Operation.Output),
  variant("output-bucket-bad", JOB_SAMPLE, (r) => (r.Operation.Output.Bucket = "Bad_Bucket")),
  variant("output-region-missing", JOB_SAMPLE, (r) => delete r.Operation.Output.Region),
  variant("output-object-missing", JOB_SAMPLE, (r) => delete r.Operation.Output.Object),
  variant("job-level-9", JOB_SAMPLE, (r) => (r.Operation.JobLevel = "9")),
  variant("callback-format-yaml", JOB_SAMPLE, (r) => (r.Operation.CallBackFormat = "yaml")),
  variant("callback-type-sms", JOB_SAMPLE, (r) => (r.Operation.CallBackType = "Sms")),
  variant("queue-type-turbo", JOB_SAMPLE, (r) => (r.Operation.QueueType = "Turbo")),
  variant("tdmq-without-config", JOB_SAMPLE, (r) => (r.Operation.CallBackType = "TDMQ")),
  variant("tdmq-region-bad", JOB_SAMPLE, (r) =>
    Object.assign(r.Operation, {
      CallBackType: "TDMQ",
      CallBackMqConfig: { MqRegion: "mars", MqMode: "Queue", MqName: "q" },
    }),
  ),
  variant("kafka-without-config", JOB_SAMPLE, (r) => (r.Operation.CallBackType = "Kafka")),
  variant("user-data-non-ascii", JOB_SAMPLE, (r) => (r.Operation.UserData = "批量任务")),
  variant("user-data-1025", JOB_SAMPLE, (r) => (r.Operation.UserData = "x".repeat(1025))),
  variant("time-not-ci-format", JOB_SAMPLE, (r) => (r.Operation.TimeInterval.Start = "2022-02-01 12:00:00")),
  variant("time-not-real", JOB_SAMPLE, (r) => (r.Operation.TimeInterval.Start = "2022-02-30T12:00:00+0800")),
  variant("operation-unknown-element", JOB_SAMPLE, (r) => (r.Operation.Color = "red")),
  variant("request-unknown-element", JOB_SAMPLE, (r) => (r.Priority = "1")),
  variant("job-param-unknown-element", JOB_SAMPLE, (r) => (r.Operation.JobParam.Colour = "red")),
  variant(
    "job-param-other-tags-block",
    JOB_SAMPLE,
    (r) => (r.Operation.JobParam.Snapshot = { Mode: "Interval", Count: "3" }),
  ),
  variant("transcode-neither-template-nor-params", JOB_SAMPLE, (r) => (r.Operation.JobParam = {})),
  variant(
    "transcode-no-container-format",
    JOB_SAMPLE,
    (r) => (r.Operation.JobParam = { Transcode: { Video: { Codec: "H.264" } } }),
  ),
  variant(
    "transcode-video-codec-bad",
    JOB_SAMPLE,
    (r) => (r.Operation.JobParam = { Transcode: { Container: { Format: "mp4" }, Video: { Codec: "H.266" } } }),
  ),
  variant(
    "four-watermark-templates",
    JOB_SAMPLE,
    (r) => (r.Operation.JobParam.WatermarkTemplateId = Array(4).fill(DOC_IDS.templateId)),
  ),
  variant("four-watermarks", JOB_SAMPLE, (r) => (r.Operation.JobParam.Watermark = Array(4).fill(textMark))),
  variant("watermark-no-pos", JOB_SAMPLE, (r) => (r.Operation.JobParam.Watermark = [{ ...textMark, Pos: undefined }])),
  variant("sdr-to-hdr-mode-bad", job("SDRtoHDR", { JobParam: { SDRtoHDR: { HdrMode: "PQ" } }, Output: OUT }), () => {}),
  variant("sdr-to-hdr-missing-block", job("SDRtoHDR", { JobParam: {}, Output: OUT }), () => {}),
  variant("segment-no-format", job("Segment", { JobParam: { Segment: { Duration: "30" } }, Output: OUT }), () => {}),
  variant("video-tag-no-scenario", job("VideoTag", { JobParam: { VideoTag: {} } }), () => {}),
  variant(
    "digital-watermark-type-image",
    job("DigitalWatermark", {
      JobParam: { DigitalWatermark: { Type: "Image", Message: "m", Version: "V1" } },
      Output: OUT,
    }),
    () => {},
  ),
  variant(
    "extract-watermark-no-version",
    job("ExtractDigitalWatermark", { JobParam: { ExtractDigitalWatermark: { Type: "Text" } } }),
    () => {},
  ),
  variant(
    "asr-engine-bad",
    job("SpeechRecognition", {
      JobParam: { SpeechRecognition: { EngineModelType: "16k_xx", ChannelNum: "1" } },
      Output: OUT,
    }),
    () => {},
  ),
  variant(
    "super-resolution-bad",
    job("SuperResolution", { JobParam: { SuperResolution: { Resolution: "4kto8k" } }, Output: OUT }),
    () => {},
  ),
  variant(
    "image-inspect-process-type-bad",
    job("ImageInspect", { JobParam: { ImageInspect: { AutoProcess: "true", ProcessType: "Shred" } } }),
    () => {},
  ),
  variant(
    "stream-extract-index-bad",
    job("StreamExtract", {
      Output: {
        Region: "ap-chongqing",
        Bucket: "test-1234567890",
        StreamExtract: [{ Index: "first", Object: "o.mp4" }],
      },
    }),
    () => {},
  ),
  variant(
    "voice-separate-no-objects",
    job("VoiceSeparate", {
      JobParam: { TemplateId: DOC_IDS.templateId },
      Output: { Region: "ap-chongqing", Bucket: "test-1234567890" },
    }),
    () => {},
  ),
  variant("workflow-no-workflow-ids", WORKFLOW_SAMPLE, (r) => delete r.Operation.WorkflowIds),
  variant("workflow-with-tag", WORKFLOW_SAMPLE, (r) => (r.Operation.Tag = "Transcode")),
  variant(
    "workflow-ids-with-space",
    WORKFLOW_SAMPLE,
    (r) => (r.Operation.WorkflowIds = `${DOC_IDS.workflowId}, w5a99d4c18a158468d2a7817d7c09f120`),
  ),
];

export const CORPUS: readonly CorpusCase[] = [
  ...tagExamples,
  ...wizardDefaults,
  ...documentedShapes,
  ...sdkShapes,
  ...seedRequests,
  ...invalid,
  ...SINGLE_JOB_TAG_CASES,
];
