import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyWizardValues } from "@/lib/jobs/draft";
import {
  ciTimeToLocalInput,
  draftToRequest,
  localInputToCiTime,
  paramDefaults,
  requestFingerprint,
  requestToDraft,
} from "@/lib/jobs/draft-request";
import { lookupTag } from "@/components/trigger/tag-registry";

const target = { bucket: "examplebucket-1250000000", region: "ap-beijing" };
let tz: string | undefined;
beforeAll(() => {
  tz = process.env.TZ;
  process.env.TZ = "Asia/Shanghai";
});
afterAll(() => {
  process.env.TZ = tz;
});

describe("time conversion", () => {
  it("turns a datetime-local value into CI's format in the local zone, and back", () => {
    expect(localInputToCiTime("2024-02-01T12:00")).toBe("2024-02-01T12:00:00+0800");
    expect(localInputToCiTime("2024-02-01T12:00:30")).toBe("2024-02-01T12:00:30+0800");
    expect(ciTimeToLocalInput("2024-02-01T04:00:30+0000")).toBe("2024-02-01T12:00:30");
    expect(ciTimeToLocalInput("-")).toBe("");
  });
  it("leaves an impossible date unchanged for the schema to reject", () => {
    expect(localInputToCiTime("2024-02-31T12:00")).toBe("2024-02-31T12:00");
    expect(localInputToCiTime("yesterday")).toBe("yesterday");
  });
});

describe("draftToRequest", () => {
  it("sends only the chosen input and strips empty Operation fields", () => {
    const v = emptyWizardValues(target);
    v.Name = " demo ";
    v.Type = "Workflow";
    v.inputSource = "Object";
    v.Input.Prefix = "left-over/";
    v.Input.Object = "in/a.mp4";
    v.Operation.WorkflowIds = "w1234567";
    v.Operation.QueueId = "p-should-not-be-sent";
    expect(draftToRequest(v, lookupTag)).toEqual({
      Name: "demo",
      Type: "Workflow",
      Input: { Object: "in/a.mp4" },
      Operation: { WorkflowIds: "w1234567" },
    });
  });

  it("builds a minimal Job request: no empty strings, no empty groups, hidden fields dropped", () => {
    const v = emptyWizardValues(target);
    v.Name = "tc";
    v.Input.Prefix = "in/";
    v.Operation.Tag = "Transcode";
    v.Operation.JobParam = {
      Transcode: { Container: { Format: "mp4", ClipConfig: { Duration: "5" } }, Video: { Codec: "", Width: "" } },
      WatermarkTemplateId: ["", " t1abcdef "],
      Watermark: [{ Type: "", Pos: "" }],
      Unknown: "x",
    };
    v.Operation.Output.Object = "out/${InventoryTriggerJobId}.mp4";
    v.Operation.TimeInterval.Start = "2024-02-01T12:00";
    expect(draftToRequest(v, lookupTag)).toEqual({
      Name: "tc",
      Type: "Job",
      Input: { Prefix: "in/" },
      Operation: {
        TimeInterval: { Start: "2024-02-01T12:00:00+0800" },
        Tag: "Transcode",
        // ClipConfig is only for hls: hidden, so not sent.
        JobParam: { Transcode: { Container: { Format: "mp4" } }, WatermarkTemplateId: ["t1abcdef"] },
        Output: {
          Region: "ap-beijing",
          Bucket: "examplebucket-1250000000",
          Object: "out/${InventoryTriggerJobId}.mp4",
        },
      },
    });
  });

  it("in template mode sends TemplateId instead of the inline element but keeps the extras", () => {
    const v = emptyWizardValues(target);
    v.Operation.Tag = "Transcode";
    v.paramMode = "template";
    v.Operation.JobParam = {
      TemplateId: "t1aaaaaa",
      Transcode: { Container: { Format: "mp4" } },
      WatermarkTemplateId: ["t2bbbbbb"],
    };
    const op = draftToRequest(v, lookupTag).Operation as Record<string, unknown>;
    expect(op.JobParam).toEqual({ TemplateId: "t1aaaaaa", WatermarkTemplateId: ["t2bbbbbb"] });
    v.paramMode = "inline";
    expect((draftToRequest(v, lookupTag).Operation as Record<string, unknown>).JobParam).toEqual({
      Transcode: { Container: { Format: "mp4" } },
      WatermarkTemplateId: ["t2bbbbbb"],
    });
  });

  it("writes only the Output elements of the Tag's output kind", () => {
    const v = emptyWizardValues(target);
    v.Operation.Tag = "Snapshot";
    v.Operation.Output = {
      ...v.Operation.Output,
      Object: "s/${Number}.jpg",
      SpriteObject: "s/sprite-${Number}.jpg",
      AuObject: "left-over",
    };
    expect((draftToRequest(v, lookupTag).Operation as { Output: unknown }).Output).toEqual({
      Region: "ap-beijing",
      Bucket: "examplebucket-1250000000",
      Object: "s/${Number}.jpg",
      SpriteObject: "s/sprite-${Number}.jpg",
    });
    v.Operation.Tag = "StreamExtract";
    v.Operation.Output.StreamExtract = [
      { Index: "0", Object: "o0.mp4" },
      { Index: "", Object: "" },
    ];
    expect((draftToRequest(v, lookupTag).Operation as { Output: unknown }).Output).toEqual({
      Region: "ap-beijing",
      Bucket: "examplebucket-1250000000",
      StreamExtract: [{ Index: "0", Object: "o0.mp4" }],
    });
    v.Operation.Tag = "MediaInfo";
    expect((draftToRequest(v, lookupTag).Operation as { Output?: unknown }).Output).toBeUndefined();
  });

  it("sends CallBackMqConfig only for TDMQ callbacks", () => {
    const v = emptyWizardValues(target);
    v.Operation.Tag = "MediaInfo";
    v.Operation.CallBackMqConfig = { MqRegion: "sh", MqMode: "Queue", MqName: "q" };
    expect((draftToRequest(v, lookupTag).Operation as Record<string, unknown>).CallBackMqConfig).toBeUndefined();
    v.Operation.CallBackType = "TDMQ";
    expect((draftToRequest(v, lookupTag).Operation as Record<string, unknown>).CallBackMqConfig).toEqual({
      MqRegion: "sh",
      MqMode: "Queue",
      MqName: "q",
    });
  });
});

describe("requestToDraft", () => {
  it("fills the form from a request, choosing the input and parameter mode", () => {
    const v = requestToDraft(
      {
        Name: "n",
        Type: "Job",
        Input: { Manifest: "inv/manifest.json" },
        Operation: {
          TimeInterval: { Start: "2024-02-01T04:00:00+0000" },
          Tag: "Transcode",
          JobParam: { TemplateId: "t1aaaaaa" },
          Output: { Region: "ap-shanghai", Bucket: "archive-1250000000", Object: "o" },
          JobLevel: "2",
        },
      },
      target,
    );
    expect(v.inputSource).toBe("Manifest");
    expect(v.paramMode).toBe("template");
    expect(v.Operation.TimeInterval.Start).toBe("2024-02-01T12:00:00");
    expect(v.Operation.Output.Bucket).toBe("archive-1250000000");
    expect(v.Operation.JobLevel).toBe("2");
    expect(v.bucket).toBe(target.bucket);
  });

  it("round-trips through draftToRequest", () => {
    const request = {
      Name: "n",
      Type: "Job",
      Input: { Prefix: "in/" },
      Operation: {
        Tag: "Concat",
        JobParam: {
          ConcatTemplate: { ConcatFragment: [{ Url: "a" }, { Url: "b" }, { Url: "c" }], Container: { Format: "mp4" } },
        },
        Output: { Region: "ap-beijing", Bucket: "examplebucket-1250000000", Object: "o/${InventoryTriggerJobId}.mp4" },
        UserData: "hello",
      },
    };
    expect(draftToRequest(requestToDraft(request, target), lookupTag)).toEqual(request);
  });
});

describe("requestFingerprint", () => {
  it("ignores key order and notices value changes", () => {
    expect(requestFingerprint({ a: 1, b: { c: 2, d: 3 } })).toBe(requestFingerprint({ b: { d: 3, c: 2 }, a: 1 }));
    expect(requestFingerprint({ a: 1 })).not.toBe(requestFingerprint({ a: 2 }));
  });
});

describe("paramDefaults", () => {
  it("fills defaults, required groups and minimum list items, and leaves optional groups out", () => {
    expect(
      paramDefaults(
        [
          {
            kind: "group",
            name: "Container",
            label: "C",
            required: true,
            fields: [{ kind: "enum", name: "Format", label: "F", defaultValue: "mp4", options: [] }],
          },
          {
            kind: "group",
            name: "Video",
            label: "V",
            fields: [{ kind: "text", name: "Codec", label: "C", defaultValue: "H.264" }],
          },
          {
            kind: "list",
            name: "Frag",
            label: "L",
            itemLabel: "I",
            minItems: 2,
            maxItems: 5,
            fields: [{ kind: "text", name: "Url", label: "U" }],
          },
          { kind: "stringList", name: "Ids", label: "S", maxItems: 3 },
          { kind: "boolean", name: "Flag", label: "B", defaultValue: "false" },
        ],
        null,
      ),
    ).toEqual({ Container: { Format: "mp4" }, Frag: [{}, {}], Flag: "false" });
  });
  it("always includes the Tag's own parameter element", () => {
    expect(paramDefaults([{ kind: "group", name: "Transcode", label: "T", fields: [] }], "Transcode")).toEqual({
      Transcode: {},
    });
  });
});
