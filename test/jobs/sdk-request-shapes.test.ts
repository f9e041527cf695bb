/**
 * Issue 12 item 2: request shapes the official SDKs send that we used to refuse. Each case names the SDK source that
 * sends (or carries) the element; the malformed variant next to it still fails, naming the field.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { buildXml, parseXml } from "@/lib/ci/xml";
import { triggerRequestSchema } from "@/lib/jobs/request-schema";
import { clone, JOB_SAMPLE, WORKFLOW_SAMPLE, type Mutable } from "../fixtures";

const paths = (r: z.ZodSafeParseResult<unknown>) => (r.success ? [] : r.error.issues.map((i) => i.path.join(".")));
const accepts = (req: Mutable) => {
  const r = triggerRequestSchema.safeParse(req);
  expect(r.error?.issues).toBeUndefined();
  // What we accept is what we send: the XML built from the parsed request reads back to the same request.
  const xml = buildXml("Request", r.data as unknown as Record<string, unknown>);
  expect(buildXml("Request", (parseXml(xml).Request ?? {}) as Record<string, unknown>)).toBe(xml);
  return xml;
};

describe("accepted now", () => {
  it("a Workflow trigger without Type (cos-go-sdk-v5 example/CI/workflow_and_job/inventory.go), sent without one", () => {
    const req = clone(WORKFLOW_SAMPLE);
    delete req.Type;
    const xml = accepts(req);
    expect(xml).not.toContain("<Type>");
    expect(xml).toContain("<WorkflowIds>");
    // Judged as the Workflow type it means: Job elements are refused by name, a missing WorkflowIds is named too.
    const jobShaped = clone(JOB_SAMPLE);
    delete jobShaped.Type;
    expect(paths(triggerRequestSchema.safeParse(jobShaped))).toContain("Operation.WorkflowIds");
    expect(paths(triggerRequestSchema.safeParse({ ...req, Type: "Batch" }))).toEqual(["Type"]);
  });

  it("several workflows in one trigger, comma-separated (cos-go-sdk-v5 InventoryTriggerJobOperation.WorkflowIds is one string)", () => {
    const req = clone(WORKFLOW_SAMPLE);
    req.Operation.WorkflowIds = "w7476ff3564ee45b7b490d64bccaba6cc,w5a99d4c18a158468d2a7817d7c09f120";
    expect(accepts(req)).toContain(
      "<WorkflowIds>w7476ff3564ee45b7b490d64bccaba6cc,w5a99d4c18a158468d2a7817d7c09f120</WorkflowIds>",
    );
    for (const bad of [
      "w7476ff3564ee45b7b490d64bccaba6cc, w5a99d4c18a158468d2a7817d7c09f120",
      "w7476ff3564ee45b7b490d64bccaba6cc,",
      Array(11).fill("w7476ff3564ee45b7b490d64bccaba6cc").join(","),
    ]) {
      req.Operation.WorkflowIds = bad;
      expect(paths(triggerRequestSchema.safeParse(req)), bad).toContain("Operation.WorkflowIds");
    }
  });

  it("Operation.QueueType SpeedTranscoding (cos-php-sdk-v5 Descriptions.php), instead of a QueueId", () => {
    const req = clone(JOB_SAMPLE);
    delete req.Operation.QueueId;
    req.Operation.QueueType = "SpeedTranscoding";
    expect(accepts(req)).toContain("<QueueType>SpeedTranscoding</QueueType>");
    req.Operation.QueueType = "Turbo";
    expect(paths(triggerRequestSchema.safeParse(req))).toContain("Operation.QueueType");
  });

  it("CallBackType Kafka with CallBackKafkaConfig (cos-java-sdk-v5 BatchJobOperation; cos-go-sdk-v5 KafkaConfig)", () => {
    const req = clone(JOB_SAMPLE);
    delete req.Operation.CallBack;
    req.Operation.CallBackType = "Kafka";
    expect(paths(triggerRequestSchema.safeParse(req))).toContain("Operation.CallBackKafkaConfig");
    req.Operation.CallBackKafkaConfig = { Region: "ap-guangzhou", InstanceId: "ckafka-abc123", Topic: "ci-events" };
    expect(accepts(req)).toContain(
      "<CallBackKafkaConfig><Region>ap-guangzhou</Region><InstanceId>ckafka-abc123</InstanceId><Topic>ci-events</Topic></CallBackKafkaConfig>",
    );
    req.Operation.CallBackType = "Url";
    expect(paths(triggerRequestSchema.safeParse(req))).toContain("Operation.CallBackKafkaConfig");
    req.Operation.CallBackType = "Kafka";
    req.Operation.CallBackKafkaConfig = { Region: "ap-guangzhou", InstanceId: "", Topic: "t" };
    expect(paths(triggerRequestSchema.safeParse(req))).toContain("Operation.CallBackKafkaConfig.InstanceId");
  });

  it("CallBackFormat written in lower case, as the SDK demos write it, is sent as written", () => {
    const req = clone(JOB_SAMPLE);
    req.Operation.CallBackFormat = "json";
    expect(accepts(req)).toContain("<CallBackFormat>json</CallBackFormat>");
    req.Operation.CallBackFormat = "yaml";
    expect(paths(triggerRequestSchema.safeParse(req))).toContain("Operation.CallBackFormat");
  });

  it("Operation.FreeTranscode (cos-go-sdk-v5 InventoryTriggerJobOperation)", () => {
    const req = clone(JOB_SAMPLE);
    req.Operation.FreeTranscode = "true";
    expect(accepts(req)).toContain("<FreeTranscode>true</FreeTranscode>");
    req.Operation.FreeTranscode = "yes";
    expect(paths(triggerRequestSchema.safeParse(req))).toContain("Operation.FreeTranscode");
  });

  it("VoiceSeparate Output BassObject / DrumObject / Force (cos-go-sdk-v5 JobOutput); other Tags refuse the stems", () => {
    const req = clone(JOB_SAMPLE);
    req.Operation.Tag = "VoiceSeparate";
    req.Operation.JobParam = { TemplateId: "t1460606b9752148c4ab182f55163ba7cd" };
    req.Operation.Output = {
      Region: "ap-chongqing",
      Bucket: "test-1234567890",
      Object: "bg.mp3",
      AuObject: "vocal.mp3",
      BassObject: "bass.mp3",
      DrumObject: "drum.mp3",
      Force: "true",
    };
    expect(accepts(req)).toContain(
      "<BassObject>bass.mp3</BassObject><DrumObject>drum.mp3</DrumObject><Force>true</Force>",
    );
    const transcode = clone(JOB_SAMPLE);
    transcode.Operation.Output = { ...transcode.Operation.Output, BassObject: "bass.mp3" };
    expect(paths(triggerRequestSchema.safeParse(transcode))).toContain("Operation.Output.BassObject");
  });
});

describe("Tags and elements the SDKs carry (issue 12 item 2, second part)", () => {
  it("ImageInspect with no QueueId and no Output (cos-python-sdk-v5 ut/test.py), and with its JobParam (cos-go-sdk-v5 ImageInspect)", () => {
    const req = clone(JOB_SAMPLE);
    delete req.Operation.QueueId;
    delete req.Operation.Output;
    delete req.Operation.JobParam;
    req.Operation.Tag = "ImageInspect";
    expect(accepts(req)).toContain("<Tag>ImageInspect</Tag>");
    req.Operation.JobParam = { ImageInspect: { AutoProcess: "true", ProcessType: "BackupObject" } };
    expect(accepts(req)).toContain(
      "<JobParam><ImageInspect><AutoProcess>true</AutoProcess><ProcessType>BackupObject</ProcessType></ImageInspect></JobParam>",
    );
    req.Operation.Output = { Region: "ap-chongqing", Bucket: "test-1234567890", Object: "x.jpg" };
    expect(paths(triggerRequestSchema.safeParse(req))).toContain("Operation.Output");
  });

  it.each(["VideoProcess", "SuperResolution", "SDRtoHDR"])(
    "%s with an inline JobParam.Transcode and Watermark (CI doc 1045/50369; cos-go-sdk-v5 InventoryTriggerJobOperationJobParam)",
    (tag) => {
      const own = {
        VideoProcess: { ColorEnhance: { Enable: "true" } },
        SuperResolution: { Resolution: "sdtohd" },
        SDRtoHDR: { HdrMode: "HLG" },
      }[tag];
      const req = clone(JOB_SAMPLE);
      req.Operation.Tag = tag;
      req.Operation.JobParam = {
        [tag]: own,
        Transcode: { Container: { Format: "mp4" }, Video: { Codec: "H.264", Width: "1280" }, Audio: { Codec: "aac" } },
        Watermark: [
          {
            Type: "Text",
            Pos: "TopRight",
            LocMode: "Absolute",
            Dx: "16",
            Dy: "16",
            Text: { Text: "demo", FontSize: "24", FontColor: "0xFFFFFF", Transparency: "80" },
          },
        ],
      };
      const xml = accepts(req);
      expect(xml).toContain(
        "<Transcode><Container><Format>mp4</Format></Container><Video><Codec>H.264</Codec><Width>1280</Width></Video><Audio><Codec>aac</Codec></Audio></Transcode><Watermark><Type>Text</Type>",
      );
      // Malformed variants still name the field.
      req.Operation.JobParam.Transcode.Container.Format = "mp9";
      expect(paths(triggerRequestSchema.safeParse(req))).toContain("Operation.JobParam.Transcode.Container.Format");
      req.Operation.JobParam.Transcode.Container.Format = "mp4";
      req.Operation.JobParam.TranscodeTemplateId = "t04e1ab86554984f1aa17c062fbf6c007c";
      expect(paths(triggerRequestSchema.safeParse(req))).toContain("Operation.JobParam.Transcode");
    },
  );

  it("Segment and TransConfig AIGCMetadata (cos-go-sdk-v5 AIGCMetadata)", () => {
    const aigc = { Label: "AIGC", ContentProducer: "studio-1", ProduceID: "p-1" };
    const seg = clone(JOB_SAMPLE);
    seg.Operation.Tag = "Segment";
    seg.Operation.JobParam = { Segment: { Format: "mp4", Duration: "30", AIGCMetadata: aigc } };
    seg.Operation.Output.Object = "out/part-${number}.mp4";
    expect(accepts(seg)).toContain(
      "<AIGCMetadata><Label>AIGC</Label><ContentProducer>studio-1</ContentProducer><ProduceID>p-1</ProduceID></AIGCMetadata>",
    );
    const tc = clone(JOB_SAMPLE);
    tc.Operation.JobParam = {
      Transcode: { Container: { Format: "mp4" }, Video: { Codec: "H.264" }, TransConfig: { AIGCMetadata: aigc } },
    };
    expect(accepts(tc)).toContain("<TransConfig><AIGCMetadata><Label>AIGC</Label>");
    tc.Operation.JobParam.Transcode.TransConfig.AIGCMetadata.Labl = "x";
    expect(paths(triggerRequestSchema.safeParse(tc))).toContain(
      "Operation.JobParam.Transcode.TransConfig.AIGCMetadata",
    );
  });

  it("ConcatFragment.Duration and SceneChangeInfo.TransitionType (cos-go-sdk-v5 ConcatFragment, SceneChangeInfo)", () => {
    const req = clone(JOB_SAMPLE);
    req.Operation.Tag = "Concat";
    req.Operation.JobParam = {
      ConcatTemplate: {
        ConcatFragment: [
          { Url: "https://test-1234567890.cos.ap-chongqing.myqcloud.com/a.mp4", Mode: "Start", Duration: "5.5" },
        ],
        Container: { Format: "mp4" },
        SceneChangeInfo: { Mode: "FADE", Time: "1", TransitionType: "fade" },
      },
    };
    const xml = accepts(req);
    expect(xml).toContain("<Duration>5.5</Duration></ConcatFragment>");
    expect(xml).toContain(
      "<SceneChangeInfo><Mode>FADE</Mode><Time>1</Time><TransitionType>fade</TransitionType></SceneChangeInfo>",
    );
    req.Operation.JobParam.ConcatTemplate.ConcatFragment[0].Duration = "-1";
    expect(paths(triggerRequestSchema.safeParse(req))).toContain(
      "Operation.JobParam.ConcatTemplate.ConcatFragment.0.Duration",
    );
  });

  it("no longer sends Transcode Subtitles or QualityEstimateConfig: no batch source lists them", () => {
    const tc = clone(JOB_SAMPLE);
    tc.Operation.JobParam = {
      TemplateId: "t1460606b9752148c4ab182f55163ba7cd",
      Subtitles: { Subtitle: [{ Url: "https://test-1234567890.cos.ap-chongqing.myqcloud.com/a.srt" }] },
    };
    expect(paths(triggerRequestSchema.safeParse(tc)).join(" ")).toMatch(/Operation\.JobParam/);
    const qe = clone(JOB_SAMPLE);
    qe.Operation.Tag = "QualityEstimate";
    delete qe.Operation.Output;
    qe.Operation.JobParam = { QualityEstimateConfig: { Mode: "general" } };
    expect(paths(triggerRequestSchema.safeParse(qe)).join(" ")).toMatch(/Operation\.JobParam/);
    delete qe.Operation.JobParam;
    expect(accepts(qe)).not.toContain("QualityEstimateConfig");
  });
});
