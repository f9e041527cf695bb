/** GET /inventorytriggerjob: every filter narrows correctly, order, size bounds, keyset paging; GET one. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { XmlObject } from "@/lib/ci/xml";
import { formatCiTime, parseCiTime } from "./model/ci-formats";
import { jobStatus } from "./store/lifecycle";
import type { JobRecord } from "./store/job-record";
import { BUCKET, errorOf, jobsOf, REGION, responseOf, startHarness, T0, type Harness } from "./test-support/harness";

let h: Harness;
let all: JobRecord[];
beforeAll(async () => {
  h = await startHarness();
  all = [...h.emu.store.bucket(BUCKET, REGION)!.jobs.values()];
});
afterAll(() => h.close());

const list = (query: Record<string, string>) => h.send({ path: "/inventorytriggerjob", query });
const ids = (r: Awaited<ReturnType<typeof list>>) => jobsOf(r).map((j) => String(j.JobId));
const created = (j: XmlObject) => parseCiTime(String(j.CreationTime))!.getTime();

describe("filters", () => {
  it("defaults: 10 jobs, newest first, both types in the whole list, NextToken present", async () => {
    const r = await list({});
    const jobs = jobsOf(r);
    expect(jobs).toHaveLength(10);
    const times = jobs.map(created);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(responseOf(r).NextToken).toBeTruthy();
    expect(new Set(all.map((j) => j.type))).toEqual(new Set(["Job", "Workflow"]));
    const everything = await list({ size: "100" });
    expect(new Set(jobsOf(everything).map((j) => j.Type))).toEqual(new Set(["Job", "Workflow"]));
  });

  it.each(["Job", "Workflow"])("type=%s returns only that type", async (type) => {
    const r = await list({ type, size: "100" });
    const jobs = jobsOf(r);
    expect(jobs.length).toBe(Math.min(100, all.filter((j) => j.type === type).length));
    expect(jobs.every((j) => j.Type === type)).toBe(true);
  });

  it("states narrows to the listed states; All means every state", async () => {
    const r = await list({ states: "Failed,Cancel", size: "100" });
    const expected = all.filter((j) => ["Failed", "Cancel"].includes(jobStatus(j, T0).state)).length;
    expect(jobsOf(r)).toHaveLength(expected);
    expect(jobsOf(r).every((j) => j.State === "Failed" || j.State === "Cancel")).toBe(true);
    expect(ids(await list({ states: "All", size: "30" }))).toEqual(ids(await list({ size: "30" })));
  });

  it("400 InvalidArgument for an unknown state", async () => {
    const r = await list({ states: "Done" });
    expect([r.status, errorOf(r).Code]).toEqual([400, "InvalidArgument"]);
    expect(errorOf(r).Message).toContain("states");
  });

  it("startCreationTime / endCreationTime bound the creation time, both ends inclusive", async () => {
    const sorted = [...all].sort((a, b) => a.createdAt - b.createdAt);
    const from = sorted[40]!.createdAt;
    const to = sorted[60]!.createdAt;
    const r = await list({
      startCreationTime: formatCiTime(new Date(from), 480),
      endCreationTime: formatCiTime(new Date(to), 480),
      size: "100",
    });
    const sec = (ms: number) => Math.floor(ms / 1000);
    const expected = all.filter((j) => sec(j.createdAt) >= sec(from) && sec(j.createdAt) <= sec(to));
    expect(new Set(ids(r))).toEqual(new Set(expected.map((j) => j.jobId)));
    expect(expected.length).toBeGreaterThanOrEqual(21);
  });

  it("orderByTime=Asc returns oldest first", async () => {
    const jobs = jobsOf(await list({ orderByTime: "Asc", size: "50" }));
    const times = jobs.map(created);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(jobs[0]!.JobId).toBe([...all].sort((a, b) => a.createdAt - b.createdAt)[0]!.jobId);
  });

  it("name matches exactly (not as a prefix)", async () => {
    const counts = new Map<string, number>();
    for (const j of all) counts.set(j.name, (counts.get(j.name) ?? 0) + 1);
    const [name, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const r = await list({ name, size: "100" });
    expect(jobsOf(r)).toHaveLength(n);
    expect(jobsOf(r).every((j) => j.Name === name)).toBe(true);
    expect(jobsOf(await list({ name: name.slice(0, -2) }))).toHaveLength(
      all.filter((j) => j.name === name.slice(0, -2)).length,
    );
  });

  it("jobId returns that one job", async () => {
    const target = all[17]!;
    expect(ids(await list({ jobId: target.jobId }))).toEqual([target.jobId]);
  });

  it("workflowId returns only Workflow jobs of that workflow", async () => {
    const wfJob = all.find((j) => j.type === "Workflow")!;
    const wf = String(wfJob.operation.WorkflowIds);
    const r = await list({ workflowId: wf, size: "100" });
    expect(jobsOf(r).length).toBe(all.filter((j) => j.type === "Workflow" && j.operation.WorkflowIds === wf).length);
    expect(jobsOf(r).every((j) => j.Type === "Workflow" && (j.Operation as XmlObject).WorkflowIds === wf)).toBe(true);
  });

  it("filters combine", async () => {
    const r = await list({ type: "Job", states: "Success", orderByTime: "Asc", size: "100" });
    const expected = all.filter((j) => j.type === "Job" && jobStatus(j, T0).state === "Success").length;
    expect(jobsOf(r)).toHaveLength(Math.min(100, expected));
    expect(jobsOf(r).every((j) => j.Type === "Job" && j.State === "Success")).toBe(true);
  });

  it("ignores unknown and empty parameters (as the Python SDK sends them)", async () => {
    const r = await list({ size: "3", nextToken: "", jobId: "", workflowId: "", foo: "bar" });
    expect(jobsOf(r)).toHaveLength(3);
  });

  it("an empty result has no JobsDetail and no NextToken", async () => {
    const r = await list({ name: "no-such-job-name" });
    expect(r.status).toBe(200);
    expect(responseOf(r).JobsDetail).toBeUndefined();
    expect(responseOf(r).NextToken).toBeUndefined();
  });
});

describe("size", () => {
  it.each(["0", "101", "-1", "abc", "2.5"])("400 InvalidArgument for size=%s", async (size) => {
    const r = await list({ size });
    expect([r.status, errorOf(r).Code]).toEqual([400, "InvalidArgument"]);
    expect(errorOf(r).Message).toContain("size");
  });

  it.each([
    ["1", 1],
    ["100", 100],
  ])("size=%s returns %i jobs", async (size, n) => {
    expect(jobsOf(await list({ size }))).toHaveLength(n);
  });
});

describe("paging with nextToken", () => {
  it("three pages of 20: no overlap, no gap, in order", async () => {
    const full = ids(await list({ size: "60" }));
    const seen: string[] = [];
    let token: string | undefined;
    for (let page = 0; page < 3; page++) {
      const r = await list({ size: "20", ...(token ? { nextToken: token } : {}) });
      expect(r.status).toBe(200);
      seen.push(...ids(r));
      token = responseOf(r).NextToken as string;
      expect(token).toMatch(/^[0-9A-Za-z._=-]+$/);
    }
    expect(seen).toEqual(full);
  });

  it("walks a filtered list to the end; the last page has no NextToken", async () => {
    const query = { type: "Job", states: "Success,Failed", orderByTime: "Asc" };
    const expected = all.filter(
      (j) => j.type === "Job" && ["Success", "Failed"].includes(jobStatus(j, T0).state),
    ).length;
    const seen = new Set<string>();
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await list({ ...query, size: "25", ...(token ? { nextToken: token } : {}) });
      ids(r).forEach((id) => seen.add(id));
      token = responseOf(r).NextToken as string | undefined;
      pages++;
    } while (token && pages < 50);
    expect(seen.size).toBe(expected);
    expect(pages).toBe(Math.ceil(expected / 25));
  });

  it("a job created between pages neither duplicates nor shifts the next page", async () => {
    const first = await list({ size: "10" });
    const token = responseOf(first).NextToken as string;
    const expectedSecond = ids(await list({ size: "20" })).slice(10);
    h.clock.now = T0 + 1000;
    const body =
      "<Request><Name>between-pages</Name><Type>Job</Type><Input><Prefix>a/</Prefix></Input><Operation><Tag>MediaInfo</Tag></Operation></Request>";
    expect((await h.send({ method: "POST", path: "/inventorytriggerjob", body })).status).toBe(200);
    const second = await list({ size: "10", nextToken: token });
    h.clock.now = T0;
    expect(ids(second)).toEqual(expectedSecond);
  });

  it("400 InvalidArgument for a token it never issued or one from another query", async () => {
    const forged = await list({ nextToken: "MTIzOmI0NTY6eHl6.abcdefghijkl" });
    expect([forged.status, errorOf(forged).Code]).toEqual([400, "InvalidArgument"]);
    const garbage = await list({ nextToken: "not a token!" });
    expect([garbage.status, errorOf(garbage).Code]).toEqual([400, "InvalidArgument"]);
    const token = responseOf(await list({ type: "Job" })).NextToken as string;
    const other = await list({ type: "Workflow", nextToken: token });
    expect([other.status, errorOf(other).Code]).toEqual([400, "InvalidArgument"]);
    expect(errorOf(other).Message).toMatch(/different query/);
  });
});

describe("GET /inventorytriggerjob/<id>", () => {
  it("answers the job's JobsDetail", async () => {
    const target = all[3]!;
    const r = await h.send({ path: `/inventorytriggerjob/${target.jobId}` });
    expect(jobsOf(r)).toHaveLength(1);
    expect(jobsOf(r)[0]).toMatchObject({ JobId: target.jobId, Name: target.name, Type: target.type });
    expect(responseOf(r).NonExistJobIds).toBeUndefined();
  });

  it("200 with NonExistJobIds and no JobsDetail for an unknown ID", async () => {
    const id = "b" + "0".repeat(32);
    const r = await h.send({ path: `/inventorytriggerjob/${id}` });
    expect(r.status).toBe(200);
    expect(responseOf(r).NonExistJobIds).toEqual([id]);
    expect(responseOf(r).JobsDetail).toBeUndefined();
    expect(r.text).toContain(`<NonExistJobIds>${id}</NonExistJobIds>`);
  });
});
