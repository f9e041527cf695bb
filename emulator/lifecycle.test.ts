/** The lazy lifecycle on an injected clock, the fail/slow/pause inputs, and the cancel rules. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { XmlObject } from "@/lib/ci/xml";
import { formatCiTime } from "./model/ci-formats";
import { FAILURES, jobStatus, planFromInput, timelineFor } from "./store/lifecycle";
import { BUCKET, errorOf, jobsOf, REGION, SECOND_BUCKET, startHarness, T0, type Harness } from "./test-support/harness";

const STEP = 1000;
const cst = (ms: number) => formatCiTime(new Date(ms), 480);

describe("lifecycle (pure)", () => {
  it("reads fail / slow / pause from any input value, case-insensitively", () => {
    expect(planFromInput({ Prefix: "in/" })).toEqual({ final: "Success", slow: false });
    expect(planFromInput({ Object: "videos/FAIL-me.mp4" })).toEqual({ final: "Failed", slow: false });
    expect(planFromInput({ UrlFile: "lists/slow-pause.txt" })).toEqual({ final: "Pause", slow: true });
  });

  it("walks Submitted → Running → Success with StartTime, EndTime and Progress", () => {
    const job = { timeline: timelineFor(0, STEP, { final: "Success", slow: false }) };
    expect(jobStatus(job, 999)).toEqual({ state: "Submitted", startAt: null, endAt: null, progress: null });
    expect(jobStatus(job, 1500)).toEqual({ state: "Running", startAt: 1000, endAt: null, progress: 50 });
    expect(jobStatus(job, 2000)).toEqual({ state: "Success", startAt: 1000, endAt: 2000, progress: 100 });
  });

  it("pins a cancelled job at the cancel instant", () => {
    const job = {
      timeline: timelineFor(0, STEP, { final: "Success", slow: false }),
      override: { state: "Cancel" as const, at: 1200 },
    };
    expect(jobStatus(job, 1100).state).toBe("Running");
    expect(jobStatus(job, 99_999)).toEqual({ state: "Cancel", startAt: 1000, endAt: 1200, progress: null });
  });
});

describe("lifecycle over HTTP", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ stepMs: STEP });
  });
  afterAll(() => h.close());

  const trigger = async (input: string, bucketHost?: string) => {
    h.clock.now = T0;
    const body = `<Request><Name>life</Name><Type>Job</Type><Input>${input}</Input><Operation><Tag>MediaInfo</Tag></Operation></Request>`;
    const r = await h.send({ method: "POST", path: "/inventorytriggerjob", body, host: bucketHost });
    expect(r.status).toBe(200);
    return String(jobsOf(r)[0]!.JobId);
  };
  const describeJob = async (jobId: string, at: number) => {
    h.clock.now = at;
    return jobsOf(await h.send({ path: `/inventorytriggerjob/${jobId}` }))[0]!;
  };
  const cancel = (jobId: string, at: number, host?: string) => {
    h.clock.now = at;
    return h.send({ method: "PUT", path: `/inventorytriggerjob/${jobId}`, query: { cancel: null }, host });
  };

  it("a plain input succeeds after two steps", async () => {
    const id = await trigger("<Prefix>in/</Prefix>");
    expect(await describeJob(id, T0 + 500)).toMatchObject({ State: "Submitted", StartTime: "-", EndTime: "-" });
    const running = await describeJob(id, T0 + 1500);
    expect(running).toMatchObject({ State: "Running", StartTime: cst(T0 + 1000), EndTime: "-", Progress: "50" });
    expect(await describeJob(id, T0 + 2000)).toMatchObject({
      State: "Success",
      Code: "Success",
      StartTime: cst(T0 + 1000),
      EndTime: cst(T0 + 2000),
      Progress: "100",
    });
  });

  it("an input containing fail ends Failed with a realistic Code and Message", async () => {
    const id = await trigger("<Object>videos/fail-corrupt.mp4</Object>");
    const d = await describeJob(id, T0 + 2000);
    expect(d.State).toBe("Failed");
    expect(FAILURES.map((f) => f.code)).toContain(d.Code);
    expect(String(d.Message)).toMatch(/^[A-Z][ -~]{10,}$/);
    expect(d.EndTime).toBe(cst(T0 + 2000));
  });

  it("an input containing slow takes four times longer", async () => {
    const id = await trigger("<Prefix>slow/</Prefix>");
    expect((await describeJob(id, T0 + 3999)).State).toBe("Submitted");
    expect((await describeJob(id, T0 + 4000)).State).toBe("Running");
    expect((await describeJob(id, T0 + 7999)).State).toBe("Running");
    expect((await describeJob(id, T0 + 8000)).State).toBe("Success");
  });

  it("an input containing pause stays in Pause", async () => {
    const id = await trigger("<Prefix>pause/</Prefix>");
    expect((await describeJob(id, T0 + 2000)).State).toBe("Pause");
    const later = await describeJob(id, T0 + 86_400_000);
    expect(later).toMatchObject({ State: "Pause", EndTime: "-", StartTime: cst(T0 + 1000) });
  });

  it("cancels a Submitted job: 200, empty body, State Cancel with EndTime", async () => {
    const id = await trigger("<Prefix>in/</Prefix>");
    const r = await cancel(id, T0 + 300);
    expect(r.status).toBe(200);
    expect(r.text).toBe("");
    expect(r.headers["content-length"]).toBe("0");
    expect(r.headers["x-ci-request-id"]).toBeTruthy();
    expect(await describeJob(id, T0 + 10_000)).toMatchObject({
      State: "Cancel",
      StartTime: "-",
      EndTime: cst(T0 + 300),
    });
  });

  it("cancels a Running job and a Paused job", async () => {
    const running = await trigger("<Prefix>in/</Prefix>");
    expect((await cancel(running, T0 + 1500)).status).toBe(200);
    expect(await describeJob(running, T0 + 5000)).toMatchObject({
      State: "Cancel",
      StartTime: cst(T0 + 1000),
      EndTime: cst(T0 + 1500),
    });
    const paused = await trigger("<Prefix>pause/</Prefix>");
    expect((await cancel(paused, T0 + 3000)).status).toBe(200);
    expect((await describeJob(paused, T0 + 3000)).State).toBe("Cancel");
  });

  it.each([
    ["Success", "<Prefix>in/</Prefix>"],
    ["Failed", "<Prefix>fail/</Prefix>"],
  ])("refuses to cancel a %s job with 400 InvalidArgument", async (state, input) => {
    const id = await trigger(input);
    const r = await cancel(id, T0 + 2500);
    expect([r.status, errorOf(r).Code]).toEqual([400, "InvalidArgument"]);
    expect(errorOf(r).Message).toContain(`already finished (State ${state})`);
    expect((await describeJob(id, T0 + 2500)).State).toBe(state);
  });

  it("refuses a second cancel, an unknown job, a job of another bucket, and a PUT without ?cancel", async () => {
    const id = await trigger("<Prefix>in/</Prefix>");
    expect((await cancel(id, T0 + 100)).status).toBe(200);
    expect(errorOf(await cancel(id, T0 + 200)).Message).toContain("State Cancel");
    const unknown = await cancel("b" + "f".repeat(32), T0);
    expect([unknown.status, errorOf(unknown).Code]).toEqual([400, "InvalidArgument"]);
    const other = await trigger(
      "<Prefix>in/</Prefix>",
      `${SECOND_BUCKET.bucket}.ci.${SECOND_BUCKET.region}.myqcloud.com`,
    );
    expect(errorOf(await cancel(other, T0)).Message).toMatch(/does not exist/);
    const fresh = await trigger("<Prefix>in/</Prefix>");
    const bare = await h.send({ method: "PUT", path: `/inventorytriggerjob/${fresh}` });
    expect([bare.status, errorOf(bare).Code]).toEqual([400, "InvalidArgument"]);
  });

  it("seed jobs keep their states on the clock they were seeded with", async () => {
    h.clock.now = T0;
    const jobs = [...h.emu.store.bucket(BUCKET, REGION)!.jobs.values()].filter((j) => j.source === "seed");
    const states = new Set(jobs.map((j) => jobStatus(j, T0).state));
    expect([...states].sort()).toEqual(["Cancel", "Failed", "Pause", "Running", "Submitted", "Success"]);
    const failed = jobs.find((j) => jobStatus(j, T0).state === "Failed")!;
    const d = await describeJob(failed.jobId, T0);
    expect(d.Code).not.toBe("Success");
    expect((d.Message as string).length).toBeGreaterThan(10);
    expect(d.Input as XmlObject).toEqual(failed.input);
  });
});
