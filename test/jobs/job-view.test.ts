import { describe, expect, it } from "vitest";
import { csvField } from "@/lib/jobs/csv";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import {
  actorName,
  cancelPlan,
  mapWithConcurrency,
  buildJobsCsv,
  csvFileName,
  formatDuration,
  formatExact,
  formatRelative,
  inputSummary,
  jobDuration,
  tagOrWorkflow,
  xmlText,
} from "@/lib/jobs/job-view";
import { nextPollDelay } from "@/lib/jobs/poll-policy";

const job = (over: Partial<JobDetail> = {}): JobDetail => ({
  JobId: "b3deffea2f84911ec9cb15254008618d9",
  Name: "demo",
  Type: "Job",
  State: "Running",
  CreationTime: "2022-06-27T15:23:10+0800",
  StartTime: "2022-06-27T15:23:11+0800",
  EndTime: "-",
  Input: { Prefix: "input/" },
  Operation: { Tag: "Transcode", JobParam: { TemplateId: "t1" } },
  ...over,
});

const at = (ci: string) => Date.parse(ci.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));

describe("formatDuration", () => {
  it.each([
    [0, "0 s"],
    [999, "0 s"],
    [45_000, "45 s"],
    [60_000, "1 min"],
    [192_000, "3 min 12 s"],
    [3_600_000, "1 h"],
    [7_500_000, "2 h 5 min"],
    [86_400_000 * 3 + 3_600_000 * 4, "3 d 4 h"],
    [-5, "0 s"],
    [Number.NaN, "0 s"],
  ])("%s ms → %s", (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe("jobDuration", () => {
  it("measures start to end for a finished job", () => {
    const d = jobDuration(job({ State: "Success", EndTime: "2022-06-27T15:25:11+0800" }), 0);
    expect(d).toEqual({ ms: 120_000, running: false });
  });
  it("counts running time so far for an active job", () => {
    const now = at("2022-06-27T15:24:11+0800");
    expect(jobDuration(job(), now)).toEqual({ ms: 60_000, running: true });
  });
  it("falls back to CreationTime when StartTime is '-'", () => {
    const now = at("2022-06-27T15:23:20+0800");
    expect(jobDuration(job({ State: "Submitted", StartTime: "-" }), now)).toEqual({ ms: 10_000, running: true });
  });
  it("is null for a finished job without an end time, or without any time", () => {
    expect(jobDuration(job({ State: "Failed", EndTime: "-" }), Date.now())).toBeNull();
    expect(jobDuration(job({ CreationTime: "-", StartTime: undefined }), Date.now())).toBeNull();
  });
  it("never goes negative (clock skew)", () => {
    expect(jobDuration(job(), at("2022-06-27T15:00:00+0800"))?.ms).toBe(0);
  });
});

describe("formatRelative", () => {
  const now = 1_700_000_000_000;
  it.each([
    [now, "just now"],
    [now + 30_000, "just now"],
    [now - 12_000, "12 s ago"],
    [now - 5 * 60_000, "5 min ago"],
    [now - 3 * 3_600_000, "3 h ago"],
    [now - 4 * 86_400_000, "4 d ago"],
  ])("%s → %s", (t, text) => expect(formatRelative(t, now)).toBe(text));
});

describe("formatExact", () => {
  it("includes the time zone", () => {
    const text = formatExact(Date.UTC(2025, 5, 12, 6, 3, 9), "Asia/Shanghai");
    expect(text).toContain("14:03:09");
    expect(text).toMatch(/GMT\+8|CST/);
    expect(formatExact(Date.UTC(2025, 5, 12, 6, 3, 9), "UTC")).toContain("06:03:09");
  });
});

describe("inputSummary / tagOrWorkflow / xmlText", () => {
  it("names the input kind", () => {
    expect(inputSummary(job())).toEqual({ kind: "Prefix", value: "input/" });
    expect(inputSummary(job({ Input: { Object: "a.mp4" } }))).toEqual({ kind: "Object", value: "a.mp4" });
    expect(inputSummary(job({ Input: { Manifest: "m.json" } }))).toEqual({ kind: "Manifest", value: "m.json" });
    expect(inputSummary(job({ Input: { UrlFile: "u.txt" } }))).toEqual({ kind: "UrlFile", value: "u.txt" });
    expect(inputSummary(job({ Input: undefined }))).toBeNull();
    expect(inputSummary(job({ Input: { Other: "x" } }))).toBeNull();
  });
  it("shows the Tag for Job type and the workflow for Workflow type", () => {
    expect(tagOrWorkflow(job())).toEqual({ kind: "Tag", value: "Transcode" });
    expect(tagOrWorkflow(job({ Operation: {}, Tag: "Snapshot" }))).toEqual({ kind: "Tag", value: "Snapshot" });
    expect(tagOrWorkflow(job({ Type: "Workflow", Operation: { WorkflowIds: "w1" } }))).toEqual({
      kind: "Workflow",
      value: "w1",
    });
    expect(tagOrWorkflow(job({ Type: undefined, Operation: { WorkflowIds: ["w1", "w2"] } }))).toEqual({
      kind: "Workflow",
      value: "w1, w2",
    });
    expect(tagOrWorkflow(job({ Type: "Workflow", Operation: {} }))).toBeNull();
  });
  it("reads XML values as text", () => {
    expect(xmlText("a")).toBe("a");
    expect(xmlText(["a", { b: "c" }, "d"])).toBe("a, d");
    expect(xmlText({ x: "y" })).toBe("");
    expect(xmlText(undefined)).toBe("");
  });
});

describe("CSV", () => {
  it("quotes and defuses formula cells", () => {
    expect(csvField("plain")).toBe('"plain"');
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("=HYPERLINK(1)")).toBe(`"'=HYPERLINK(1)"`);
    expect(csvField("+1")).toBe(`"'+1"`);
    expect(csvField("@x")).toBe(`"'@x"`);
  });
  it("writes a header and one row per job, with Code/Message only for failures", () => {
    const csv = buildJobsCsv(
      [
        job({ State: "Failed", Code: "InternalError", Message: "boom, bad", EndTime: "2022-06-27T15:24:11+0800" }),
        job({ Name: "=evil" }),
      ],
      at("2022-06-27T15:25:11+0800"),
    );
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      '"JobId","Name","Type","TagOrWorkflow","WorkflowName","QueueId","QueueName","TemplateIds","TemplateNames","State","Code","Message","CreationTime","StartTime","EndTime","DurationSeconds","InputKind","Input","TriggeredBy","TriggeredAt"',
    );
    expect(lines[1]).toBe(
      '"b3deffea2f84911ec9cb15254008618d9","demo","Job","Transcode","","","","t1","","Failed","InternalError","boom, bad","2022-06-27T15:23:10+0800","2022-06-27T15:23:11+0800","2022-06-27T15:24:11+0800","60","Prefix","input/","",""',
    );
    expect(lines[2]).toContain(`,"'=evil",`);
    expect(lines[2]).toContain(',"Running","","",');
    expect(lines[2]).toContain(',"120","Prefix",');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe("");
  });
  it("names who triggered a job through the dashboard in the last two columns", () => {
    const [j] = [job()];
    const csv = buildJobsCsv([j!], at("2022-06-27T15:25:11+0800"), {
      [j!.JobId]: { actor: "olivia.operator@example.com", at: "2022-06-27T07:23:09.000Z" },
    });
    expect(csv.split("\r\n")[1]).toMatch(/,"olivia\.operator@example\.com","2022-06-27T07:23:09\.000Z"$/);
  });
  it("puts names beside workflow, queue and template IDs: unknown → empty, deleted → (no longer in CI)", () => {
    const wf = job({ JobId: "b1", Type: "Workflow", Operation: { WorkflowIds: "w1,w2" } });
    const tagged = job({
      JobId: "b2",
      Operation: { Tag: "Transcode", QueueId: "p1", JobParam: { TemplateId: "t1", WatermarkTemplateId: ["t2"] } },
    });
    const names = {
      workflows: { w1: "hls-adaptive-pipeline", w2: null },
      queues: { p1: "default-transcode" },
      templates: { t1: "web-720p-h264" },
    };
    const lines = buildJobsCsv([wf, tagged], at("2022-06-27T15:25:11+0800"), {}, names).split("\r\n");
    // Every field quoted; several IDs or names joined with "·", which no spreadsheet reads as a separator (lib/jobs/csv.ts).
    expect(lines[1]).toContain('"Workflow","w1,w2","hls-adaptive-pipeline·(no longer in CI)","","","","","Running",');
    expect(lines[2]).toContain('"Job","Transcode","","p1","default-transcode","t1·t2","web-720p-h264·","Running",');
  });
  it("shows the name part of an SSO identity", () => {
    expect(actorName("olivia.operator@example.com")).toBe("olivia.operator");
    expect(actorName("local-operator")).toBe("local-operator");
    expect(actorName("@odd")).toBe("@odd");
  });
  it("makes a safe file name that carries the filters", () => {
    const name = csvFileName(
      ["examplebucket-1250000000", "states-Running+Failed", "name-a/b c"],
      new Date(Date.UTC(2025, 0, 2, 3, 4, 5)),
    );
    expect(name).toBe("jobs_examplebucket-1250000000_states-Running-Failed_name-a-b-c_2025-01-02-03-04-05.csv");
    expect(csvFileName([], new Date(0))).toBe("jobs_1970-01-01-00-00-00.csv");
  });
});

describe("nextPollDelay", () => {
  const base = { paused: false, interval: "auto" as const, failures: 0 };
  it("polls fast while a job may change and slowly when all finished", () => {
    expect(nextPollDelay({ ...base, states: ["Success", "Running"] })).toBe(4_000);
    expect(nextPollDelay({ ...base, states: ["Success", "Pause"] })).toBe(4_000);
    expect(nextPollDelay({ ...base, states: ["Success", "Failed", "Cancel"] })).toBe(30_000);
    expect(nextPollDelay({ ...base, states: [] })).toBe(30_000);
    expect(nextPollDelay({ ...base, states: undefined })).toBe(4_000); // nothing loaded yet: keep trying
  });
  it("honours pause and a chosen interval", () => {
    expect(nextPollDelay({ ...base, paused: true, states: ["Running"] })).toBe(false);
    expect(nextPollDelay({ ...base, interval: 10_000, states: ["Running"] })).toBe(10_000);
    expect(nextPollDelay({ ...base, interval: 60_000, states: ["Success"] })).toBe(60_000);
  });
  it("backs off exponentially after failures, capped at a minute", () => {
    const delays = [1, 2, 3, 4, 5, 50].map((failures) => nextPollDelay({ ...base, failures, states: ["Running"] }));
    expect(delays).toEqual([8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(nextPollDelay({ ...base, failures: 1, states: ["Success"] })).toBe(60_000);
  });
});

describe("bulk cancel helpers", () => {
  it("splits a selection into cancellable and skipped", () => {
    const plan = cancelPlan([
      { State: "Running" },
      { State: "Success" },
      { State: "Pause" },
      { State: "Cancel" },
      { State: "Submitted" },
      { State: "Failed" },
      { State: "Weird" },
    ]);
    expect(plan.cancellable.map((j) => j.State)).toEqual(["Running", "Pause", "Submitted"]);
    expect(plan.skipped.map((j) => j.State)).toEqual(["Success", "Cancel", "Failed", "Weird"]);
  });

  it("never runs more than the limit at once and keeps input order", async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3, 0, 6], 3, async (ms, i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, ms * 3));
      running--;
      if (i === 3) throw new Error("boom");
      return ms * 10;
    });
    expect(peak).toBe(3);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : "x"))).toEqual([50, 10, 40, "x", 30, 0, 60]);
    expect(await mapWithConcurrency([], 3, async () => 1)).toEqual([]);
  });
});
