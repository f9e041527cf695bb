import { describe, expect, it } from "vitest";
import { diffRequests, flattenRequest } from "@/lib/jobs/request-diff";

const source = {
  Name: "nightly",
  Type: "Job",
  Input: { Prefix: "in/" },
  Operation: {
    TimeInterval: { Start: "2024-02-01T12:00:00+0800" },
    Tag: "Transcode",
    JobParam: { TemplateId: "t1aaaaaa", WatermarkTemplateId: ["t2bbbbbb", "t3cccccc"] },
    Output: { Region: "ap-beijing", Bucket: "b-1250000000", Object: "out/${InventoryTriggerJobId}.mp4" },
  },
};

describe("flattenRequest", () => {
  it("flattens nested objects and lists into dotted leaf paths", () => {
    const flat = flattenRequest(source);
    expect(flat.get("Operation.JobParam.WatermarkTemplateId[1]")).toBe("t3cccccc");
    expect(flat.get("Input.Prefix")).toBe("in/");
    expect(flat.has("Operation.JobParam")).toBe(false);
  });
});

describe("diffRequests", () => {
  it("reports nothing for an identical request", () => {
    expect(diffRequests(source, structuredClone(source))).toEqual([]);
  });

  it("reports changed, removed and added leaves", () => {
    const next = structuredClone(source) as typeof source & { Operation: { QueueId?: string } };
    next.Name = "nightly-2";
    next.Operation.JobParam.WatermarkTemplateId = ["t2bbbbbb"];
    next.Operation.QueueId = "p1234567";
    expect(diffRequests(source, next)).toEqual([
      { path: "Name", kind: "changed", before: "nightly", after: "nightly-2" },
      { path: "Operation.JobParam.WatermarkTemplateId[1]", kind: "removed", before: "t3cccccc" },
      { path: "Operation.QueueId", kind: "added", after: "p1234567" },
    ]);
  });

  it("treats the same instant in another zone as unchanged, a different instant as changed", () => {
    const sameInstant = structuredClone(source);
    sameInstant.Operation.TimeInterval.Start = "2024-02-01T04:00:00+0000";
    expect(diffRequests(source, sameInstant)).toEqual([]);
    const later = structuredClone(source);
    later.Operation.TimeInterval.Start = "2024-02-01T05:00:00+0000";
    expect(diffRequests(source, later)).toMatchObject([{ path: "Operation.TimeInterval.Start", kind: "changed" }]);
  });

  it("sees a switch from template to inline parameters", () => {
    const next = structuredClone(source) as Record<string, unknown> & typeof source;
    (next.Operation as Record<string, unknown>).JobParam = { Transcode: { Container: { Format: "mp4" } } };
    const kinds = diffRequests(source, next).map((c) => `${c.kind}:${c.path}`);
    expect(kinds).toContain("removed:Operation.JobParam.TemplateId");
    expect(kinds).toContain("added:Operation.JobParam.Transcode.Container.Format");
  });
});
