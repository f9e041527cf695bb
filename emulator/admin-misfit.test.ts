/** POST/DELETE jobs/<id>/misfit: one job's JobsDetail in an odd shape, in list and DescribeJob answers only. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUCKET, jobsOf, REGION, startHarness, type Harness } from "./test-support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** The list's first three jobs, newest first, as the raw XML and parsed. */
async function firstThree() {
  const r = await h.send({ path: "/inventorytriggerjob", query: { size: "3" } });
  expect(r.status).toBe(200);
  return { text: r.text, jobs: jobsOf(r) };
}

/** The raw `<JobsDetail>…</JobsDetail>` of one job in an answer. */
function detailXml(text: string, jobId: string): string {
  const one = text.split("<JobsDetail>").find((part) => part.includes(`<JobId>${jobId}</JobId>`));
  expect(one, jobId).toBeDefined();
  return one!.slice(0, one!.indexOf("</JobsDetail>"));
}

describe("jobs/<id>/misfit", () => {
  it("empty-input (the default) answers <Input></Input> for that job, in the list and in DescribeJob", async () => {
    const before = await firstThree();
    const odd = String(before.jobs[1]!.JobId);
    const r = await h.admin("POST", `jobs/${odd}/misfit`, {});
    expect(r).toMatchObject({ status: 200, json: { jobId: odd, misfit: "empty-input" } });

    const after = await firstThree();
    const oddXml = detailXml(after.text, odd);
    expect(oddXml).toContain("<Input></Input>");
    // What a tolerant reader keeps is still there.
    for (const k of ["JobId", "Name", "State", "CreationTime"] as const)
      expect(oddXml).toContain(`<${k}>${String(before.jobs[1]![k])}</${k}>`);
    expect(oddXml).toMatch(/<Operation><(Tag|WorkflowIds|TimeInterval)>/);
    // The other rows are unchanged, byte for byte.
    for (const j of [before.jobs[0]!, before.jobs[2]!]) {
      const id = String(j.JobId);
      expect(detailXml(after.text, id)).toBe(detailXml(before.text, id));
      expect(detailXml(after.text, id)).toMatch(/<Input><(Prefix|Object|UrlFile|Manifest)>/);
    }
    const one = await h.send({ path: `/inventorytriggerjob/${odd}` });
    expect(one.text).toContain("<Input></Input>");
    expect(jobsOf(one)[0]).toMatchObject({ JobId: odd, Input: "" });

    expect((await h.admin("DELETE", `jobs/${odd}/misfit`)).json).toEqual({ jobId: odd, misfit: null });
    expect(detailXml((await firstThree()).text, odd)).toBe(detailXml(before.text, odd));
  });

  it("operation-text and job-param-text put text where the Operation or its JobParam belongs", async () => {
    const job = [...h.emu.store.bucket(BUCKET, REGION)!.jobs.values()].find(
      (j) => j.type === "Job" && j.operation.JobParam !== undefined,
    )!;
    await h.admin("POST", `jobs/${job.jobId}/misfit`, { shape: "operation-text" });
    let text = (await h.send({ path: `/inventorytriggerjob/${job.jobId}` })).text;
    expect(text).toContain("<Operation>not-a-block</Operation>");
    expect(text).toContain(`<JobId>${job.jobId}</JobId>`);

    await h.admin("POST", `jobs/${job.jobId}/misfit`, { shape: "job-param-text" });
    text = (await h.send({ path: `/inventorytriggerjob/${job.jobId}` })).text;
    expect(text).toContain("<JobParam>not-a-block</JobParam>");
    expect(text).toContain(`<Tag>${job.tag}</Tag>`);
    // The stored job is untouched: only answers change.
    expect(typeof job.operation.JobParam).toBe("object");
    await h.admin("DELETE", `jobs/${job.jobId}/misfit`);
  });

  it("no-job-id leaves the JobId out of the job's JobsDetail, and only that element", async () => {
    const job = [...h.emu.store.bucket(BUCKET, REGION)!.jobs.values()].find((j) => j.type === "Job")!;
    const before = (await h.send({ path: `/inventorytriggerjob/${job.jobId}` })).text;
    await h.admin("POST", `jobs/${job.jobId}/misfit`, { shape: "no-job-id" });
    const after = (await h.send({ path: `/inventorytriggerjob/${job.jobId}` })).text;
    expect(before).toContain(`<JobId>${job.jobId}</JobId>`);
    expect(after).not.toContain("<JobId>");
    expect(after.replace(/<RequestId>[^<]*<\/RequestId>/, "")).toBe(
      before.replace(`<JobId>${job.jobId}</JobId>`, "").replace(/<RequestId>[^<]*<\/RequestId>/, ""),
    );
    await h.admin("DELETE", `jobs/${job.jobId}/misfit`);
  });

  it("refuses an unknown shape (400 naming the field), an unknown job (404) and another method (405)", async () => {
    const id = String((await firstThree()).jobs[0]!.JobId);
    const bad = await h.admin("POST", `jobs/${id}/misfit`, { shape: "sideways" });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/^shape: /);
    expect((await h.admin("POST", `jobs/b${"0".repeat(32)}/misfit`, {})).status).toBe(404);
    expect((await h.admin("GET", `jobs/${id}/misfit`)).status).toBe(405);
  });

  it("a reset forgets every misfit", async () => {
    const id = String((await firstThree()).jobs[0]!.JobId);
    await h.admin("POST", `jobs/${id}/misfit`, {});
    await h.admin("POST", "reset");
    expect((await firstThree()).text).not.toContain("<Input></Input>");
  });
});
