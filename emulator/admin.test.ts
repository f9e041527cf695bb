/** The admin API: health, stats, faults of every kind and their auto-clear, job inspection, forced states, reset. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseXml } from "@/lib/ci/xml";
import { isLoopbackAddress } from "./admin";
import { BUCKET, errorOf, jobsOf, rawRequest, REGION, startHarness, T0, type Harness } from "./test-support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(async () => {
  await h.admin("DELETE", "faults");
  h.clock.now = T0;
});

const listJobs = () => h.send({ path: "/inventorytriggerjob", query: { size: "2" } });
const TRIGGER =
  "<Request><Name>admin-test</Name><Type>Job</Type><Input><Prefix>a/</Prefix></Input><Operation><Tag>MediaInfo</Tag></Operation></Request>";
const trigger = () => h.send({ method: "POST", path: "/inventorytriggerjob", body: TRIGGER });
const jobCount = () => h.emu.store.bucket(BUCKET, REGION)!.jobs.size;

describe("health and stats", () => {
  it("GET health answers ok with the buckets", async () => {
    const r = await h.admin("GET", "health");
    expect(r.status).toBe(200);
    expect(r.json.status).toBe("ok");
    expect(r.json.buckets[0]).toEqual({
      bucket: BUCKET,
      region: REGION,
      host: `${BUCKET}.ci.${REGION}.myqcloud.com`,
      cosHost: `${BUCKET}.cos.${REGION}.myqcloud.com`,
    });
  });

  it("counts requests per route key, statuses and triggers; resets", async () => {
    await h.admin("POST", "stats/reset");
    await listJobs();
    await listJobs();
    await trigger();
    await h.send({ path: "/template", query: { tag: "Transcode" } });
    await h.send({ path: "/nope" });
    const s = (await h.admin("GET", "stats")).json;
    expect(s.routes).toEqual({
      "GET /inventorytriggerjob": 2,
      "POST /inventorytriggerjob": 1,
      "GET /template": 1,
      unmatched: 1,
    });
    expect(s.total).toBe(5);
    expect(s.triggers).toBe(1);
    expect(s.statuses).toEqual({ "200": 4, "404": 1 });
    const after = (await h.admin("POST", "stats/reset")).json;
    expect(after.total).toBe(0);
  });
});

describe("faults", () => {
  it("errorRate 1 → 500 InternalError", async () => {
    expect((await h.admin("POST", "faults", { errorRate: 1 })).status).toBe(200);
    const r = await listJobs();
    expect([r.status, errorOf(r).Code]).toEqual([500, "InternalError"]);
    expect(errorOf(r).RequestId).toBe(r.headers["x-ci-request-id"]);
  });

  it("slowDownRate 1 → 503 SlowDown", async () => {
    await h.admin("POST", "faults", { slowDownRate: 1 });
    const r = await listJobs();
    expect([r.status, errorOf(r).Code]).toEqual([503, "SlowDown"]);
  });

  it("malformedRate 1 → 200 with XML no parser accepts", async () => {
    await h.admin("POST", "faults", { malformedRate: 1 });
    const r = await listJobs();
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/xml");
    expect(r.text.startsWith("<Response>")).toBe(true);
    expect(() => parseXml(r.text)).toThrow();
  });

  it("dropRate 1 → the connection closes without an answer, and nothing happens", async () => {
    await h.admin("POST", "faults", { dropRate: 1 });
    const before = jobCount();
    await expect(trigger()).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(jobCount()).toBe(before);
  });

  it("dropAfterProcessing → the job is created, then the answer is lost", async () => {
    await h.admin("POST", "faults", { dropAfterProcessing: true, routes: ["POST /inventorytriggerjob"] });
    const before = jobCount();
    await expect(trigger()).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(jobCount()).toBe(before + 1);
    const log = (await h.admin("GET", "triggers")).json;
    expect(log.at(-1)).toMatchObject({ status: 200, xml: TRIGGER });
    expect(log.at(-1).jobId).toMatch(/^b[0-9a-f]{32}$/);
    expect((await listJobs()).status).toBe(200);
  });

  it("latencyMs delays the answer", async () => {
    await h.admin("POST", "faults", { latencyMs: 250 });
    const started = performance.now();
    const r = await listJobs();
    expect(r.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });

  it("routes limits the faults to those route keys", async () => {
    await h.admin("POST", "faults", { errorRate: 1, routes: ["POST /inventorytriggerjob"] });
    expect((await listJobs()).status).toBe(200);
    expect((await trigger()).status).toBe(500);
  });

  it("durationMs clears the faults by themselves (emulator clock)", async () => {
    await h.admin("POST", "faults", { errorRate: 1, durationMs: 5000 });
    expect((await h.admin("GET", "faults")).json.config).toEqual({ errorRate: 1, durationMs: 5000 });
    h.clock.now = T0 + 4999;
    expect((await listJobs()).status).toBe(500);
    h.clock.now = T0 + 5000;
    expect((await listJobs()).status).toBe(200);
    expect((await h.admin("GET", "faults")).json).toBeNull();
  });

  it("DELETE faults clears them; the counters saw each kind", async () => {
    await h.admin("POST", "faults", { slowDownRate: 1 });
    await h.admin("DELETE", "faults");
    expect((await listJobs()).status).toBe(200);
    const faults = (await h.admin("GET", "stats")).json.faults;
    for (const kind of ["latency", "error", "slowDown", "malformed", "drop"])
      expect(faults[kind], kind).toBeGreaterThan(0);
  });

  it.each([
    [{ errorRate: 2 }, "errorRate"],
    [{ routes: ["GET /nope"] }, "routes"],
    [{ latencyMs: -1 }, "latencyMs"],
    [{ colour: "red" }, ""],
  ])("400 for an invalid fault body %j", async (body, field) => {
    const r = await h.admin("POST", "faults", body);
    expect(r.status).toBe(400);
    expect(r.json.error).toContain(field);
  });

  it("400 for a body that is not JSON", async () => {
    expect((await h.admin("POST", "faults", "{oops")).status).toBe(400);
  });
});

describe("jobs, triggers, reset", () => {
  it("GET jobs/<id> shows the job, its JobsDetail and the request XML; 404 for unknown", async () => {
    const seed = [...h.emu.store.bucket(BUCKET, REGION)!.jobs.values()][0]!;
    const r = await h.admin("GET", `jobs/${seed.jobId}`);
    expect(r.json).toMatchObject({ jobId: seed.jobId, bucket: BUCKET, source: "seed", type: seed.type });
    expect(r.json.detail.JobId).toBe(seed.jobId);
    expect(r.json.requestXml).toMatch(/^<Request><Name>/);
    expect((await h.admin("GET", `jobs/b${"0".repeat(32)}`)).status).toBe(404);
  });

  it("POST jobs/<id>/state forces a state that CI then reports", async () => {
    const id = String(jobsOf(await trigger())[0]!.JobId);
    expect((await h.admin("POST", `jobs/${id}/state`, { State: "Running" })).json.state).toBe("Running");
    h.clock.now = T0 + 86_400_000;
    expect(jobsOf(await h.send({ path: `/inventorytriggerjob/${id}` }))[0]!.State).toBe("Running");
    await h.admin("POST", `jobs/${id}/state`, {
      State: "Failed",
      Code: "ResourceNotFound",
      Message: "The input object does not exist.",
    });
    const d = jobsOf(await h.send({ path: `/inventorytriggerjob/${id}` }))[0]!;
    expect(d).toMatchObject({ State: "Failed", Code: "ResourceNotFound", Message: "The input object does not exist." });
    expect(d.EndTime).not.toBe("-");
    expect((await h.admin("POST", `jobs/${id}/state`, { State: "Done" })).status).toBe(400);
  });

  it("POST reset goes back to the seed", async () => {
    const id = String(jobsOf(await trigger())[0]!.JobId);
    const r = await h.admin("POST", "reset");
    expect(r.status).toBe(200);
    expect(h.emu.store.findJob(id)).toBeUndefined();
    expect(jobCount()).toBe(160);
    expect((await h.admin("GET", "triggers")).json).toEqual([]);
  });

  it("404 for an unknown admin endpoint", async () => {
    expect((await h.admin("GET", "nothing")).status).toBe(404);
  });
});

describe("admin access", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["10.0.0.5", false],
    ["::ffff:192.168.1.4", false],
    ["fe80::1", false],
    ["128.0.0.1", false],
    ["127.0.0.256", false],
    [undefined, false],
  ])("isLoopbackAddress(%s) = %s", (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });

  it("refuses the admin API to callers the check rejects, while CI routes still answer", async () => {
    const locked = await startHarness({ adminAllowed: () => false, seedCount: 3 });
    try {
      const r = await rawRequest(locked.port, "GET", "/__emulator/health", {});
      expect(r.status).toBe(403);
      expect(JSON.parse(r.text).error).toMatch(/loopback/);
      expect((await locked.send({ path: "/queue" })).status).toBe(200);
    } finally {
      await locked.close();
    }
  });
});

describe("admin requests a web page could forge", () => {
  const health = (headers: Record<string, string>) => rawRequest(h.port, "GET", "/__emulator/health", headers);
  const reset = (headers: Record<string, string>, body?: string) =>
    rawRequest(h.port, "POST", "/__emulator/reset", headers, body);

  it("refuses a Host that is not a loopback name (DNS rebinding)", async () => {
    const r = await health({ Host: `attacker.example:${h.port}` });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.text).error).toMatch(/Host/);
    expect((await health({ Host: `localhost:${h.port}` })).status).toBe(200);
    expect((await health({ Host: `[::1]:${h.port}` })).status).toBe(200);
  });

  it("refuses a foreign Origin or a cross-site fetch, even for a bodiless POST", async () => {
    await h.admin("POST", "faults", { latencyMs: 1 });
    const r = await reset({ Origin: "https://evil.example" });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.text).error).toMatch(/Origin/);
    expect((await reset({ Origin: "http://localhost:3000" })).status).toBe(403);
    expect((await reset({ Origin: "null" })).status).toBe(403);
    expect((await reset({ "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    // Nothing was reset: the fault is still there.
    expect((await h.admin("GET", "faults")).json?.config.latencyMs).toBe(1);
    expect((await reset({ Origin: `http://127.0.0.1:${h.port}` })).status).toBe(200);
  });

  it("refuses a POST body that is not JSON (a form or text/plain needs no preflight)", async () => {
    const form = await rawRequest(
      h.port,
      "POST",
      "/__emulator/faults",
      { "Content-Type": "application/x-www-form-urlencoded" },
      "errorRate=1",
    );
    expect(form.status).toBe(415);
    const text = await rawRequest(
      h.port,
      "POST",
      "/__emulator/faults",
      { "Content-Type": "text/plain" },
      '{"errorRate":1}',
    );
    expect(text.status).toBe(415);
    const none = await rawRequest(h.port, "POST", "/__emulator/faults", {}, '{"errorRate":1}');
    expect(none.status).toBe(415);
    expect((await h.admin("GET", "faults")).json).toBeNull();
    // What the test helpers send still works: JSON bodies, and a bodiless POST.
    expect((await h.admin("POST", "faults", { errorRate: 0 })).status).toBe(200);
    expect((await reset({})).status).toBe(200);
  });
});
