import { describe, expect, it } from "vitest";
import { fromJobDetail } from "@/lib/jobs/from-job-detail";
import { lookupTag } from "@/components/trigger/tag-registry";

describe("fromJobDetail", () => {
  it("rebuilds a Workflow request and drops CI's '-' times", () => {
    const { request, dropped } = fromJobDetail(
      {
        JobId: "b1",
        State: "Success",
        Name: "wf-run",
        Type: "Workflow",
        Input: { Prefix: "in/" },
        Operation: { TimeInterval: { Start: "2024-01-01T00:00:00+0800", End: "-" }, WorkflowIds: "w1234567abc" },
      },
      lookupTag,
    );
    expect(request).toEqual({
      Name: "wf-run",
      Type: "Workflow",
      Input: { Prefix: "in/" },
      Operation: { TimeInterval: { Start: "2024-01-01T00:00:00+0800" }, WorkflowIds: "w1234567abc" },
    });
    expect(dropped).toEqual([]);
  });

  it("normalises a single WatermarkTemplateId string into a list and a single Watermark object into a list", () => {
    const { request } = fromJobDetail(
      {
        JobId: "b2",
        State: "Success",
        Name: "tc",
        Type: "Job",
        Input: { Object: "in/a.mp4" },
        Operation: {
          Tag: "Transcode",
          JobParam: {
            TemplateId: "t1aaaaaa",
            WatermarkTemplateId: "t2bbbbbb",
            Watermark: { Type: "Text", Pos: "TopLeft" },
          },
          Output: { Region: "ap-beijing", Bucket: "b-1250000000", Object: "out/${InventoryTriggerJobId}.mp4" },
          JobLevel: "1",
        },
      },
      lookupTag,
    );
    expect((request.Operation as Record<string, unknown>).JobParam).toEqual({
      TemplateId: "t1aaaaaa",
      WatermarkTemplateId: ["t2bbbbbb"],
      Watermark: [{ Type: "Text", Pos: "TopLeft" }],
    });
    expect((request.Operation as Record<string, unknown>).JobLevel).toBe("1");
  });

  it("keeps nested inline parameters and lists as they are", () => {
    const { request, dropped } = fromJobDetail(
      {
        JobId: "b3",
        State: "Running",
        Name: "cc",
        Type: "Job",
        Input: { Object: "in/a.mp4" },
        Operation: {
          Tag: "Concat",
          JobParam: {
            ConcatTemplate: {
              ConcatFragment: [{ Url: "u1" }, { Url: "u2" }, { Url: "u3" }],
              Container: { Format: "mp4" },
            },
          },
          Output: { Region: "ap-beijing", Bucket: "b-1250000000", Object: "o.mp4" },
        },
      },
      lookupTag,
    );
    const jp = (request.Operation as { JobParam: { ConcatTemplate: { ConcatFragment: unknown[] } } }).JobParam;
    expect(jp.ConcatTemplate.ConcatFragment).toHaveLength(3);
    expect(dropped).toEqual([]);
  });

  it("reports elements the form cannot express instead of losing them silently", () => {
    const { request, dropped } = fromJobDetail(
      {
        JobId: "b4",
        State: "Failed",
        Name: "x",
        Type: "Job",
        Input: { Prefix: "p/" },
        Operation: {
          Tag: "Transcode",
          JobParam: { Transcode: { Container: { Format: "mp4" }, Mystery: "1" }, FreeTranscode: "true" },
          Output: { Region: "ap-beijing", Bucket: "b-1250000000", Object: "o/${Number}", Force: "true" },
          MediaResult: { Something: "x" },
        },
      },
      lookupTag,
    );
    expect(dropped.sort()).toEqual(
      ["Operation.JobParam.FreeTranscode", "Operation.JobParam.Transcode.Mystery", "Operation.MediaResult"].sort(),
    );
    // Output.Force is an element the SDKs send (cos-go-sdk-v5 JobOutput): carried over, not dropped.
    expect((request.Operation as { Output: { Force?: string } }).Output.Force).toBe("true");
    expect((request.Operation as { JobParam: unknown }).JobParam).toEqual({
      Transcode: { Container: { Format: "mp4" } },
    });
  });

  it("uses the top-level Tag, infers Workflow from WorkflowIds, and leaves Output out for Tags without one", () => {
    const media = fromJobDetail(
      {
        JobId: "b5",
        State: "Success",
        Name: "mi",
        Tag: "MediaInfo",
        Input: { Prefix: "p/" },
        Operation: { Output: { Region: "r", Bucket: "b" } },
      },
      lookupTag,
    );
    expect(media.request.Type).toBe("Job");
    expect(media.request.Operation).toEqual({ Tag: "MediaInfo" });
    const wf = fromJobDetail(
      { JobId: "b6", State: "Success", Name: "w", Input: { Prefix: "p/" }, Operation: { WorkflowIds: "w1234567" } },
      lookupTag,
    );
    expect(wf.request.Type).toBe("Workflow");
  });

  it("keeps TDMQ callback settings and StreamExtract lists", () => {
    const { request } = fromJobDetail(
      {
        JobId: "b7",
        State: "Success",
        Name: "se",
        Type: "Job",
        Input: { Object: "a.mp4" },
        Operation: {
          Tag: "StreamExtract",
          Output: { Region: "ap-beijing", Bucket: "b-1250000000", StreamExtract: { Index: "0", Object: "o0.mp4" } },
          CallBackType: "TDMQ",
          CallBackMqConfig: { MqRegion: "sh", MqMode: "Queue", MqName: "q1" },
        },
      },
      lookupTag,
    );
    const op = request.Operation as Record<string, unknown>;
    expect(op.Output).toEqual({
      Region: "ap-beijing",
      Bucket: "b-1250000000",
      StreamExtract: [{ Index: "0", Object: "o0.mp4" }],
    });
    expect(op.CallBackMqConfig).toEqual({ MqRegion: "sh", MqMode: "Queue", MqName: "q1" });
  });
});

describe("fromJobDetail with the real Tag registry", () => {
  it("turns a single WatermarkTemplateId string into a list and keeps Transcode parameters", async () => {
    const { TAGS } = await import("@/lib/jobs/tags");
    const lookupTag = (tag: keyof typeof TAGS) => TAGS[tag];
    const { request, dropped } = fromJobDetail(
      {
        JobId: "b9",
        State: "Success",
        Name: "real",
        Type: "Job",
        Input: { Prefix: "in/" },
        Operation: {
          Tag: "Transcode",
          JobParam: {
            Transcode: { Container: { Format: "mp4" }, Video: { Codec: "H.264", Width: "1280" } },
            WatermarkTemplateId: "t1abcdefgh",
          },
          Output: {
            Region: "ap-beijing",
            Bucket: "examplebucket-1250000000",
            Object: "o/${InventoryTriggerJobId}.mp4",
          },
        },
      },
      lookupTag,
    );
    expect(dropped).toEqual([]);
    expect((request.Operation as { JobParam: unknown }).JobParam).toEqual({
      Transcode: { Container: { Format: "mp4" }, Video: { Codec: "H.264", Width: "1280" } },
      WatermarkTemplateId: ["t1abcdefgh"],
    });
    const { triggerRequestSchema } = await import("@/lib/jobs/request-schema");
    expect(triggerRequestSchema.safeParse(request).success).toBe(true);
  });
});
