/** The emulator's model of CI's request elements: every entry cites a source, and the validator answers as documented. */
import { describe, expect, it } from "vitest";
import { ALL_ELEMENTS } from "./element-index";
import { TAG_NAMES, TAG_TABLE } from "./tag-table";
import { validateTrigger } from "./validate";

const job = (operation: Record<string, unknown>, input: Record<string, unknown> = { Prefix: "in/" }) => ({
  Name: "model-test",
  Type: "Job",
  Input: input,
  Operation: operation,
});
const out = { Region: "ap-beijing", Bucket: "examplebucket-1250000000", Object: "o/${InventoryTriggerJobId}.mp4" };
const problems = (request: unknown) => {
  const v = validateTrigger(request);
  return v.ok ? [] : v.problems.map((p) => p.path);
};

describe("the model", () => {
  it("has one entry per element path, each with a source naming a doc page or an SDK file", () => {
    const paths = ALL_ELEMENTS.map((e) => e.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(ALL_ELEMENTS.length).toBeGreaterThan(600);
    for (const e of ALL_ELEMENTS)
      expect(e.source, e.path).toMatch(
        /doc \d+\/\d+|cos-(go|python|java|php|js)-sdk-v5|qcloud-sdk-android|terraform-provider/,
      );
    const sources = ALL_ELEMENTS.map((e) => e.source).join("; ");
    const docs = new Set(sources.match(/doc \d+\/\d+/g));
    const files = new Set(
      sources.match(/(?:cos-\w+-sdk-v5|qcloud-sdk-android|terraform-provider-tencentcloud)(?:@\w+)? [\w./-]+/g),
    );
    const structs = new Set(sources.match(/ci_media\.go \w+/g));
    console.info(
      `model: ${ALL_ELEMENTS.length} elements, ${TAG_NAMES.length} Tags; sources: ${docs.size} doc pages, ${files.size} SDK files, ${structs.size} Go structs`,
    );
  });

  it("lists the 21 Tags of the batch doc table plus ImageInspect, each JobParam child backed by an element entry", () => {
    expect(TAG_NAMES).toHaveLength(22);
    expect(TAG_NAMES).toContain("ImageInspect");
    for (const tag of TAG_NAMES)
      for (const child of TAG_TABLE[tag].jobParam)
        expect(
          ALL_ELEMENTS.some((e) => e.path === `Request.Operation.JobParam.${child}`),
          `${tag}.${child}`,
        ).toBe(true);
  });
});

describe("validateTrigger", () => {
  it("accepts ImageInspect with no QueueId and no Output (cos-python-sdk-v5 ut/test.py)", () => {
    expect(
      problems(
        job({ Tag: "ImageInspect", JobParam: { ImageInspect: { AutoProcess: "false" } } }, { Object: "test.png" }),
      ),
    ).toEqual([]);
  });

  it("treats a request without Type as a Workflow request and checks WorkflowIds", () => {
    expect(problems({ Name: "wf", Input: { Prefix: "a/" }, Operation: { WorkflowIds: "w1,w2" } })).toEqual([]);
    expect(problems({ Name: "wf", Input: { Prefix: "a/" }, Operation: {} })).toEqual(["Request.Operation.WorkflowIds"]);
    expect(
      problems({ Name: "wf", Input: { Prefix: "a/" }, Operation: { WorkflowIds: "w1", Tag: "Transcode" } }),
    ).toEqual(["Request.Operation.Tag"]);
  });

  it("refuses a missing required element, a bad enum value and an unknown Tag, naming the element", () => {
    expect(
      problems(
        job({ Tag: "Transcode", JobParam: { TemplateId: "t1" }, Output: { Region: "ap-beijing", Object: "o" } }),
      ),
    ).toEqual(["Request.Operation.Output.Bucket"]);
    expect(problems(job({ Tag: "SDRtoHDR", JobParam: { SDRtoHDR: { HdrMode: "PQ" } }, Output: out }))).toEqual([
      "Request.Operation.JobParam.SDRtoHDR.HdrMode",
    ]);
    expect(problems(job({ Tag: "Transcoding", Output: out }))).toEqual(["Request.Operation.Tag"]);
    const v = validateTrigger(job({ Tag: "Transcode", JobParam: { TemplateId: "t1" }, Output: out, JobLevel: "9" }));
    expect(v).toMatchObject({
      ok: false,
      code: "InvalidArgument",
      problems: [{ path: "Request.Operation.JobLevel", message: expect.stringContaining("0, 1, 2") }],
    });
  });

  it("refuses elements no batch source lists, and another Tag's JobParam block", () => {
    expect(problems(job({ Tag: "Transcode", JobParam: { TemplateId: "t1", Subtitles: "" }, Output: out }))).toEqual([
      "Request.Operation.JobParam.Subtitles",
    ]);
    expect(
      problems(job({ Tag: "Transcode", JobParam: { TemplateId: "t1", Snapshot: { Mode: "Interval" } }, Output: out })),
    ).toEqual(["Request.Operation.JobParam.Snapshot"]);
    expect(problems(job({ Tag: "QualityEstimate", JobParam: { QualityEstimateConfig: { Mode: "general" } } }))).toEqual(
      ["Request.Operation.JobParam.QualityEstimateConfig"],
    );
  });

  it("counts repeats: Watermark at most 3, a non-repeatable element once", () => {
    const mark = { Type: "Text", Pos: "TopRight", LocMode: "Absolute", Dx: "1", Dy: "1", Text: { Text: "x" } };
    expect(
      problems(job({ Tag: "Transcode", JobParam: { TemplateId: "t1", Watermark: [mark, mark, mark] }, Output: out })),
    ).toEqual([]);
    expect(
      problems(
        job({ Tag: "Transcode", JobParam: { TemplateId: "t1", Watermark: [mark, mark, mark, mark] }, Output: out }),
      ),
    ).toEqual(["Request.Operation.JobParam.Watermark"]);
    expect(problems(job({ Tag: "Transcode", JobParam: { TemplateId: ["t1", "t2"] }, Output: out }))).toEqual([
      "Request.Operation.JobParam.TemplateId",
    ]);
  });

  it("accepts the Go SDK's deep JobParam elements (Segment.AIGCMetadata, ConcatFragment.Duration)", () => {
    expect(
      problems(
        job({
          Tag: "Segment",
          JobParam: { Segment: { Format: "mp4", AIGCMetadata: { Label: "l", ProduceID: "p" } } },
          Output: out,
        }),
      ),
    ).toEqual([]);
    const concat = {
      ConcatFragment: [{ Url: "u", Duration: "5" }],
      Container: { Format: "mp4" },
      SceneChangeInfo: { Mode: "FADE", TransitionType: "x" },
    };
    expect(problems(job({ Tag: "Concat", JobParam: { ConcatTemplate: concat }, Output: out }))).toEqual([]);
  });
});
