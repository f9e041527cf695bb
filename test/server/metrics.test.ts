/**
 * /api/metrics through the real route handlers and an in-process emulator: the exposition parses with a real
 * Prometheus text parser, access follows METRICS_TOKEN (or loopback), and the counters move after a list, a
 * trigger, CI faults and an identity refusal.
 */
import parsePrometheusTextFormat, { type PromFamily } from "parse-prometheus-text-format";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as jobsRoute from "@/app/api/jobs/route";
import * as metricsRoute from "@/app/api/metrics/route";
import { resetConfigForTests } from "@/lib/server/config";
import { metrics } from "@/lib/server/metrics";
import { APP, get, post, startHarness, type Harness } from "../support/route-harness";

const TOKEN = "metrics-canary-token-0123456789";
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ METRICS_TOKEN: TOKEN });
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.admin("faults", { method: "DELETE" });
});

function scrape(headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }, host = "dashboard.test") {
  return metricsRoute.GET(new Request(`http://${host}/api/metrics`, { headers: { host, ...headers } }));
}

async function families(): Promise<PromFamily[]> {
  const res = await scrape();
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusTextFormat(await res.text());
}

/**
 * Observations of the CI latency histogram for one endpoint. parse-prometheus-text-format folds labelled
 * histograms into one unlabelled bucket map (it keeps no _count), so the count comes from prom-client's own view.
 */
async function latencyCount(endpoint: string): Promise<number> {
  const { values } = await metrics().ciLatency.get();
  return values.find((v) => v.metricName?.endsWith("_count") && v.labels.endpoint === endpoint)?.value ?? 0;
}

/** Sum of a family's samples whose labels include `labels` (counters and gauges); 0 when absent. */
function value(fams: PromFamily[], name: string, labels: Record<string, string> = {}): number {
  const fam = fams.find((f) => f.name === name);
  if (!fam) return 0;
  return fam.metrics
    .filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))
    .reduce((sum, m) => sum + Number(m.value ?? m.count ?? 0), 0);
}

const faults = (config: Record<string, unknown>) =>
  h.admin("faults", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(config) });

const LIST = "GET /inventorytriggerjob";
const TRIGGER = "POST /inventorytriggerjob";

describe("/api/metrics access", () => {
  it("refuses a missing or wrong bearer token when METRICS_TOKEN is set, and names the scheme", async () => {
    const none = await scrape({});
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await scrape({ authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await scrape({ authorization: TOKEN })).status).toBe(401);
    // Loopback does not replace the token once one is configured.
    expect((await scrape({}, "127.0.0.1:3000")).status).toBe(401);
  });

  it("without METRICS_TOKEN serves loopback Hosts only, and refuses a non-loopback forwarded client", async () => {
    const saved = process.env.METRICS_TOKEN;
    delete process.env.METRICS_TOKEN;
    resetConfigForTests();
    try {
      expect((await scrape({}, "127.0.0.1:3000")).status).toBe(200);
      expect((await scrape({ "x-forwarded-for": "::ffff:127.0.0.1" }, "localhost:3000")).status).toBe(200);
      expect((await scrape({}, "dashboard.test")).status).toBe(403);
      expect((await scrape({ "x-forwarded-for": "10.1.2.3" }, "localhost:3000")).status).toBe(403);
    } finally {
      process.env.METRICS_TOKEN = saved;
      resetConfigForTests();
    }
  });

  it("rejects a METRICS_TOKEN shorter than 16 characters at configuration time, naming the variable only", async () => {
    const { parseConfig } = await import("@/lib/server/config-schema");
    expect(() => parseConfig({ ...process.env, METRICS_TOKEN: "short-secret" })).toThrow(
      /^Invalid configuration: METRICS_TOKEN: /,
    );
    try {
      parseConfig({ ...process.env, METRICS_TOKEN: "short-secret" });
    } catch (e) {
      expect(String(e)).not.toContain("short-secret");
    }
  });
});

describe("/api/metrics counters", () => {
  it("is valid Prometheus text with every documented family", async () => {
    const fams = await families();
    const names = fams.map((f) => f.name);
    for (const n of [
      "ci_console_ci_calls_total",
      "ci_console_ci_slow_down_total",
      "ci_console_ci_call_duration_seconds",
      "ci_console_read_cache_total",
      "ci_console_polls_in_flight",
      "ci_console_active_pollers",
      "ci_console_job_changes_total",
      "ci_console_audit_write_failures_total",
      "ci_console_reconcile_passes_total",
      "ci_console_reconcile_rows_total",
      "ci_console_identity_refusals_total",
    ]) {
      expect(names).toContain(n);
    }
    expect(fams.find((f) => f.name === "ci_console_ci_call_duration_seconds")?.type).toBe("HISTOGRAM");
  });

  it("a list moves the CI call, latency, read and poller counters", async () => {
    const before = await families();
    const observedBefore = await latencyCount(LIST);
    const res = await jobsRoute.GET(get("/api/jobs?size=5"));
    expect(res.status).toBe(200);
    const after = await families();
    const d = (name: string, labels?: Record<string, string>) =>
      value(after, name, labels) - value(before, name, labels);
    expect(d("ci_console_ci_calls_total", { endpoint: LIST, outcome: "ok" })).toBe(1);
    expect((await latencyCount(LIST)) - observedBefore).toBe(1);
    expect(
      after.find((f) => f.name === "ci_console_ci_call_duration_seconds")?.metrics[0]?.buckets?.["+Inf"],
    ).toBeDefined();
    expect(d("ci_console_read_cache_total", { kind: "list", result: "miss" })).toBe(1);
    expect(value(after, "ci_console_active_pollers")).toBeGreaterThanOrEqual(1);
    expect(value(after, "ci_console_polls_in_flight")).toBe(0); // the poll closed when it answered
  });

  it("a trigger counts one CI POST and one successful job change", async () => {
    const before = await families();
    const res = await jobsRoute.POST(
      post("/api/jobs", {
        Name: "metrics-trigger",
        Type: "Job",
        Input: { Prefix: "videos/" },
        Operation: { Tag: "MediaInfo" },
      }),
    );
    expect(res.status).toBe(201);
    const after = await families();
    const d = (name: string, labels?: Record<string, string>) =>
      value(after, name, labels) - value(before, name, labels);
    expect(d("ci_console_ci_calls_total", { endpoint: TRIGGER, outcome: "ok" })).toBe(1);
    expect(d("ci_console_job_changes_total", { action: "trigger", outcome: "success" })).toBe(1);
  });

  it("a CI fault counts server errors, and SlowDown answers are counted apart", async () => {
    await faults({ errorRate: 1, routes: [LIST] });
    const before = await families();
    expect((await jobsRoute.GET(get("/api/jobs?size=6"))).status).toBe(502);
    await faults({ slowDownRate: 1, routes: [LIST] });
    expect((await jobsRoute.GET(get("/api/jobs?size=7"))).status).toBe(503);
    const after = await families();
    const d = (name: string, labels?: Record<string, string>) =>
      value(after, name, labels) - value(before, name, labels);
    // Reads are retried (3 retries): every attempt is one sample.
    expect(d("ci_console_ci_calls_total", { endpoint: LIST, outcome: "server_error" })).toBeGreaterThanOrEqual(1);
    expect(d("ci_console_ci_calls_total", { endpoint: LIST, outcome: "slow_down" })).toBeGreaterThanOrEqual(1);
    expect(d("ci_console_ci_slow_down_total", { endpoint: LIST })).toBe(
      d("ci_console_ci_calls_total", { endpoint: LIST, outcome: "slow_down" }),
    );
    expect(d("ci_console_ci_calls_total", { endpoint: LIST, outcome: "ok" })).toBe(0);
  });

  it("identity refusals are counted by reason", async () => {
    const before = await families();
    expect((await jobsRoute.GET(new Request(`${APP}/api/jobs`))).status).toBe(401);
    const viewer = { "x-forwarded-email": "victor@example.com", "x-forwarded-groups": "readers" };
    expect((await jobsRoute.POST(post("/api/jobs", {}, {}, viewer))).status).toBe(403);
    const after = await families();
    const d = (labels: Record<string, string>) =>
      value(after, "ci_console_identity_refusals_total", labels) -
      value(before, "ci_console_identity_refusals_total", labels);
    expect(d({ reason: "no_identity" })).toBe(1);
    expect(d({ reason: "not_operator" })).toBe(1);
  });
});
