/**
 * Issue 12 item 3, inside Operation: the elements the job page, the CSV, the name look-up and Duplicate read by name
 * must have the shape they expect, or the job is marked (lib/jobs/job-detail-schema.ts). Every job the emulator
 * seeds (all Tags, callbacks, time intervals, workflows) still reads unmarked, so the check marks only odd jobs.
 */
import { describe, expect, it } from "vitest";
import { createEmulator } from "@/emulator/server";
import { renderJobDetail } from "@/emulator/store/job-detail";
import { buildXml, parseXml } from "@/lib/ci/xml";
import { readJobDetail } from "@/lib/jobs/job-detail-schema";

const BASE = { JobId: "j1", Name: "n", State: "Success", Input: { Prefix: "in/" } };

describe("Operation's contents", () => {
  it("a JobParam that is bare text marks the job and is not shown as the job's parameters", () => {
    const job = readJobDetail({
      ...BASE,
      Operation: { Tag: "Transcode", JobParam: "not-a-block", Output: { Bucket: "b", Object: "o" } },
    });
    expect(job.detailsProblem).toMatch(/^Operation\.JobParam: /);
    // What did fit is kept: the page still shows the Tag and the Output.
    expect(job.Operation).toEqual({ Tag: "Transcode", Output: { Bucket: "b", Object: "o" } });
    expect(job).toMatchObject({ JobId: "j1", Name: "n", State: "Success", Input: { Prefix: "in/" } });
  });

  it.each([
    ["Output", "text"],
    ["TimeInterval", ["a", "b"]],
    ["CallBackMqConfig", "x"],
    ["Tag", { Nested: "x" }],
    ["UserData", ["a", "b"]],
    ["WorkflowIds", { Id: "w" }],
  ])("Operation.%s of an odd shape marks the job", (key, value) => {
    const job = readJobDetail({ ...BASE, Operation: { Tag: "Transcode", [key]: value } });
    expect(job.detailsProblem).toMatch(new RegExp(`^Operation\\.${key}: `));
    expect(job.Operation).not.toHaveProperty(key);
  });

  it("empty blocks, repeated WorkflowIds and elements CI adds are fine", () => {
    const op = { WorkflowIds: ["w1", "w2"], JobParam: "", Output: "", MediaResult: { OutputFile: {} }, Extra: "x" };
    const job = readJobDetail({ ...BASE, Operation: op });
    expect(job.detailsProblem).toBeUndefined();
    expect(job.Operation).toEqual(op);
  });

  it("an Input that is text, not a block, is not shown as the input", () => {
    const job = readJobDetail({ ...BASE, Input: "" });
    expect(job.Input).toBeUndefined();
    expect(job.detailsProblem).toMatch(/^Input: /);
  });

  it("every job the emulator seeds reads unmarked through the XML codec", () => {
    const now = Date.parse("2026-11-20T02:00:00Z");
    const emu = createEmulator({
      credentials: { secretId: "id", secretKey: "key" },
      buckets: [{ bucket: "examplebucket-1250000000", region: "ap-beijing" }],
      seedCount: 160,
      now: () => now,
    });
    const details = [...emu.store.allBuckets()[0]!.jobs.values()].map((j) => renderJobDetail(j, now, "query"));
    expect(details.length).toBeGreaterThanOrEqual(160);
    const root = parseXml(buildXml("Response", { JobsDetail: details })).Response as { JobsDetail: unknown[] };
    const marked = root.JobsDetail.map(readJobDetail).filter((j) => j.detailsProblem);
    expect(marked.map((j) => `${j.JobId}: ${j.detailsProblem}`)).toEqual([]);
  });
});
