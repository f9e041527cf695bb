import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { jobDetailSchema } from "@/lib/jobs/job-detail-schema";
import { listQuerySchema, searchParamsToObject } from "@/lib/jobs/list-query-schema";
import { pickerItemSchema, templateEntrySchema, totalCountSchema } from "@/lib/jobs/picker-schema";
import { triggerRequestSchema } from "@/lib/jobs/request-schema";
import { clone, JOB_SAMPLE, WORKFLOW_SAMPLE, type Mutable } from "../fixtures";

/** Paths (dot-joined) of every issue, so a test can say *which* rule fired. */
function issuePaths(result: z.ZodSafeParseResult<unknown>): string[] {
  return result.success ? [] : result.error.issues.map((i) => i.path.join("."));
}

describe("triggerRequestSchema: the seeds' samples", () => {
  it("accepts the Workflow sample", () => {
    const r = triggerRequestSchema.safeParse(WORKFLOW_SAMPLE);
    expect(r.error?.issues).toBeUndefined();
    expect(r.data).toEqual(WORKFLOW_SAMPLE);
  });

  it("accepts the Job sample", () => {
    const r = triggerRequestSchema.safeParse(JOB_SAMPLE);
    expect(r.error?.issues).toBeUndefined();
    expect(r.data?.Type).toBe("Job");
  });

  it("accepts the Job sample without QueueId (the 2025 doc sample, docs/ci-api.md §1.1)", () => {
    const req = clone(JOB_SAMPLE);
    delete req.Operation.QueueId;
    expect(triggerRequestSchema.safeParse(req).success).toBe(true);
  });
});

describe("triggerRequestSchema: rejections", () => {
  const rejects = (req: Mutable, path: string) => {
    const r = triggerRequestSchema.safeParse(req);
    expect(r.success).toBe(false);
    expect(issuePaths(r)).toContain(path);
  };

  it("no input source", () => {
    const req = clone(WORKFLOW_SAMPLE);
    req.Input = {};
    rejects(req, "Input");
    req.Input = { Prefix: "" };
    rejects(req, "Input");
  });

  it("two input sources", () => {
    const req = clone(WORKFLOW_SAMPLE);
    req.Input = { Prefix: "input", Object: "a.mp4" };
    rejects(req, "Input");
  });

  it("an unknown Input element", () => {
    const req = clone(WORKFLOW_SAMPLE);
    req.Input = { Bucket: "x" };
    expect(triggerRequestSchema.safeParse(req).success).toBe(false);
  });

  it.each([
    ["too long", "a".repeat(129)],
    ["empty", ""],
    ["a space", "my job"],
    ["a slash", "a/b"],
    ["markup", "<x>"],
    ["an ampersand", "a&b"],
  ])("a Name with %s", (_label, name) => {
    const req = clone(WORKFLOW_SAMPLE);
    req.Name = name;
    rejects(req, "Name");
  });

  it("accepts a 128-character Name with Chinese, _, - and —", () => {
    const req = clone(WORKFLOW_SAMPLE);
    req.Name = "批量_job-1—" + "x".repeat(119);
    expect(req.Name).toHaveLength(128);
    expect(triggerRequestSchema.safeParse(req).success).toBe(true);
  });

  it.each(["2022-02-01 12:00:00+0800", "2022-02-01T12:00:00Z", "2022-02-30T12:00:00+0800", "yesterday"])(
    "a TimeInterval.Start of %j",
    (start) => {
      const req = clone(WORKFLOW_SAMPLE);
      req.Operation.TimeInterval.Start = start;
      rejects(req, "Operation.TimeInterval.Start");
    },
  );

  it("End before Start", () => {
    const req = clone(JOB_SAMPLE);
    req.Operation.TimeInterval = { Start: "2022-05-01T12:00:00+0800", End: "2022-02-01T12:00:00+0800" };
    rejects(req, "Operation.TimeInterval.End");
  });

  it("an unknown Tag", () => {
    const req = clone(JOB_SAMPLE);
    req.Operation.Tag = "Transcoding";
    rejects(req, "Operation.Tag");
  });

  it("a Workflow without WorkflowIds", () => {
    const req = clone(WORKFLOW_SAMPLE);
    delete req.Operation.WorkflowIds;
    rejects(req, "Operation.WorkflowIds");
  });

  it("a Workflow with Job-only fields", () => {
    const req = clone(WORKFLOW_SAMPLE);
    req.Operation.Tag = "Transcode";
    expect(triggerRequestSchema.safeParse(req).success).toBe(false);
  });

  it("an unknown Type", () => {
    const req = clone(WORKFLOW_SAMPLE);
    req.Type = "Batch";
    expect(triggerRequestSchema.safeParse(req).success).toBe(false);
  });

  it("CallBackType TDMQ without CallBackMqConfig", () => {
    const req = clone(JOB_SAMPLE);
    req.Operation.CallBackType = "TDMQ";
    delete req.Operation.CallBack;
    rejects(req, "Operation.CallBackMqConfig");
    req.Operation.CallBackMqConfig = { MqRegion: "sh", MqMode: "Queue", MqName: "topic-1" };
    expect(issuePaths(triggerRequestSchema.safeParse(req))).not.toContain("Operation.CallBackMqConfig");
  });

  it("an Output on MediaInfo (a Tag that writes nothing)", () => {
    const req = clone(JOB_SAMPLE);
    req.Operation.Tag = "MediaInfo";
    delete req.Operation.JobParam;
    rejects(req, "Operation.Output");
    delete req.Operation.Output;
    expect(issuePaths(triggerRequestSchema.safeParse(req))).not.toContain("Operation.Output");
  });

  it("no Output on Transcode", () => {
    const req = clone(JOB_SAMPLE);
    delete req.Operation.Output;
    rejects(req, "Operation.Output");
  });

  it("UserData that is not printable ASCII", () => {
    const req = clone(JOB_SAMPLE);
    req.Operation.UserData = "中文";
    rejects(req, "Operation.UserData");
  });
});

describe("listQuerySchema", () => {
  it.each([
    ["0", false],
    ["1", true],
    ["100", true],
    ["101", false],
    ["1.5", false],
    ["ten", false],
  ])("size %s → valid %s", (size, ok) => {
    const r = listQuerySchema.safeParse({ size });
    expect(r.success).toBe(ok);
    if (ok) expect(r.data?.size).toBe(Number(size));
  });

  it.each([
    ["Success,Running,Running", "Running,Success"],
    [" Failed , Submitted", "Submitted,Failed"],
    ["All", undefined],
    ["Running,All", undefined],
    [",", undefined],
  ])("states %j → %j", (states, expected) => {
    const r = listQuerySchema.safeParse({ states });
    expect(r.success).toBe(true);
    expect(r.data?.states).toBe(expected);
  });

  it("rejects an unknown state", () => {
    expect(issuePaths(listQuerySchema.safeParse({ states: "Running,Done" }))).toContain("states");
  });

  it("rejects a bad creation time and start after end", () => {
    expect(issuePaths(listQuerySchema.safeParse({ startCreationTime: "2022-06-27" }))).toContain("startCreationTime");
    expect(
      issuePaths(
        listQuerySchema.safeParse({
          startCreationTime: "2022-06-28T00:00:00+0800",
          endCreationTime: "2022-06-27T00:00:00+0800",
        }),
      ),
    ).toContain("endCreationTime");
    expect(
      listQuerySchema.safeParse({
        startCreationTime: "2022-06-27T00:00:00+0800",
        endCreationTime: "2022-06-28T00:00:00+0800",
      }).success,
    ).toBe(true);
  });

  it("rejects unknown keys; nextToken is opaque (any characters) but length-limited", () => {
    expect(listQuerySchema.safeParse({ bogus: "1" }).success).toBe(false);
    // CI promises no character set for its cursor (issue 12): it is passed on as given, URL-encoded by the client.
    expect(listQuerySchema.safeParse({ nextToken: "a&b=c/+ 中" }).success).toBe(true);
    expect(issuePaths(listQuerySchema.safeParse({ nextToken: "x".repeat(1025) }))).toContain("nextToken");
  });

  it("`toString` and `__proto__` parameters are plain data", () => {
    const params = new URLSearchParams("toString=1&__proto__=x&constructor=y&size=5&name=");
    const all = searchParamsToObject(params);
    expect(Object.getPrototypeOf(all)).toBeNull();
    expect(all.toString).toBe("1");
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    // Strict: the odd keys are refused, cleanly.
    const strict = listQuerySchema.safeParse(all);
    expect(strict.success).toBe(false);
    // With the known keys only, they are ignored; the empty `name` counts as absent.
    const known = searchParamsToObject(params, Object.keys(listQuerySchema.shape));
    expect(listQuerySchema.parse(known)).toEqual({ size: 5 });
  });
});

describe("jobDetailSchema", () => {
  const detail = {
    Code: "Success",
    Message: "",
    Name: "demo",
    JobId: "b3deffea2f84911ec9cb15254008618d9",
    State: "Running",
    Type: "Workflow",
    CreationTime: "2022-06-27T15:23:10+0800",
    StartTime: "-",
    EndTime: "-",
    Input: { Prefix: "input" },
    Operation: { WorkflowIds: "w7476ff3564ee45b7b490d64bccaba6cc" },
  };

  it("keeps unknown elements and unknown states", () => {
    const parsed = jobDetailSchema.parse({
      ...detail,
      State: "Archived",
      FutureField: { Nested: "x" },
      Progress: "50",
    });
    expect(parsed.State).toBe("Archived");
    expect(parsed).toMatchObject({ FutureField: { Nested: "x" }, Progress: "50" });
  });

  it("needs JobId and State", () => {
    const { JobId: _j, ...noId } = detail;
    expect(jobDetailSchema.safeParse(noId).success).toBe(false);
    expect(jobDetailSchema.safeParse({ ...detail, State: "" }).success).toBe(false);
  });
});

describe("picker schemas", () => {
  it("template entries keep only what a picker needs, loosely", () => {
    expect(templateEntrySchema.safeParse({ TemplateId: "t1", Name: "n", Snapshot: { Mode: "Interval" } }).success).toBe(
      true,
    );
    expect(templateEntrySchema.safeParse({ Name: "n" }).success).toBe(false);
  });

  it("picker items are strict", () => {
    expect(pickerItemSchema.safeParse({ id: "p1", name: "q" }).success).toBe(true);
    expect(pickerItemSchema.safeParse({ id: "p1", name: "q", extra: 1 }).success).toBe(false);
  });

  it("TotalCount is a digit string, else unknown", () => {
    expect(totalCountSchema.parse("12")).toBe(12);
    expect(totalCountSchema.parse("-1")).toBeUndefined();
    expect(totalCountSchema.parse(undefined)).toBeUndefined();
  });
});
