/**
 * Fan-in: 200 simulated open dashboards poll the same view (the default /jobs view, exactly the query the browser
 * sends) every 4 s for 60 s. Counts the CI list calls the emulator receives per 4 s poll window — about one per
 * CI_CACHE_MS with coalescing, against 200 for a naive proxy — with the default CI_CACHE_MS (1000) and with 0,
 * and samples the server's peak RSS (the `next start` process tree).
 */
import http from "node:http";
import { POLL_ACTIVE_MS } from "@/lib/jobs/job-view";
import { loadJobsSearchParams, toApiListParams, toApiSearch, toJobsView } from "@/lib/jobs/url-state";
import { BENCH } from "./lib/bench-env";
import { startApp, startEmulator, treeRss, watchPeakRss } from "./lib/processes";
import { runMain, writeSection } from "./lib/report";
import { fmt, mb, median, percentile, table } from "./lib/stats";

const quick = process.argv.includes("--quick");
const DASHBOARDS = 200;
const INTERVAL_MS = POLL_ACTIVE_MS;
const DURATION_MS = quick ? 20_000 : 60_000;

interface Scenario {
  label: string;
  cacheMs: string;
  /** All dashboards poll at the same instant (e.g. all opened by one announcement) instead of at random phases. */
  aligned: boolean;
  durationMs: number;
}

interface Outcome {
  scenario: Scenario;
  polls: number;
  errors: number;
  /** Failed polls by status and error code. */
  failures: Record<string, number>;
  latencies: number[];
  callsPerWindow: number[];
  totalCalls: number;
  rssIdle: number;
  rssPeak: number;
}

/** The default /jobs view as the browser asks for it. */
function defaultViewQuery(): string {
  const view = toJobsView(loadJobsSearchParams(new URLSearchParams()));
  return toApiSearch(toApiListParams(view));
}

function poll(agent: http.Agent, url: URL): Promise<{ ok: boolean; ms: number; outcome: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request({ hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers: { ...BENCH.identity }, agent }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => {
        if (res.statusCode !== 200 && body.length < 2_000) body += c.toString();
      });
      res.on("end", () => {
        const code = res.statusCode === 200 ? "200" : `${res.statusCode} ${/"code":"([^"]+)"/.exec(body)?.[1] ?? ""}`.trim();
        resolve({ ok: res.statusCode === 200, ms: performance.now() - t0, outcome: code });
      });
      res.on("error", (e: NodeJS.ErrnoException) => resolve({ ok: false, ms: performance.now() - t0, outcome: e.code ?? "aborted" }));
    });
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ ok: false, ms: performance.now() - t0, outcome: e.code ?? "network error" }));
    req.end();
  });
}

async function run(scenario: Scenario, emulator: Awaited<ReturnType<typeof startEmulator>>): Promise<Outcome> {
  const app = await startApp(BENCH.appPorts[0], BENCH.emulatorPort, { CI_CACHE_MS: scenario.cacheMs, LOG_LEVEL: "silent" });
  const url = new URL(`${app.url}/api/jobs?${defaultViewQuery()}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: DASHBOARDS });
  try {
    // One warm-up request (first compile of the route, database open) outside the measurement.
    await poll(agent, url);
    const rssIdle = treeRss(app.pid);
    const listCalls = async () => (await emulator.admin<{ routes: Record<string, number> }>("stats")).routes["GET /inventorytriggerjob"] ?? 0;
    await emulator.admin("stats/reset", { method: "POST" });
    const rss = watchPeakRss(app.pid);
    const latencies: number[] = [];
    let polls = 0;
    let errors = 0;
    const failures: Record<string, number> = {};
    const start = performance.now();
    const end = start + scenario.durationMs;
    const pending: Promise<void>[] = [];

    // Each dashboard polls on its own fixed schedule (react-query's refetchInterval does not wait for slow answers).
    for (let d = 0; d < DASHBOARDS; d++) {
      const phase = scenario.aligned ? 0 : Math.random() * INTERVAL_MS;
      pending.push(
        (async () => {
          for (let t = start + phase; t < end; t += INTERVAL_MS) {
            const wait = t - performance.now();
            if (wait > 0) await new Promise((r) => setTimeout(r, wait));
            const r = await poll(agent, url);
            polls++;
            if (r.ok) latencies.push(r.ms);
            else {
              errors++;
              failures[r.outcome] = (failures[r.outcome] ?? 0) + 1;
            }
          }
        })(),
      );
    }
    // CI calls per poll window, read at each window boundary.
    const callsPerWindow: number[] = [];
    let previous = 0;
    for (let w = 1; w * INTERVAL_MS <= scenario.durationMs; w++) {
      const wait = start + w * INTERVAL_MS - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const now = await listCalls();
      callsPerWindow.push(now - previous);
      previous = now;
    }
    await Promise.all(pending);
    const totalCalls = await listCalls();
    return { scenario, polls, errors, failures, latencies, callsPerWindow, totalCalls, rssIdle, rssPeak: rss.stop() };
  } finally {
    agent.destroy();
    await app.stop();
  }
}

async function main(): Promise<void> {
  const scenarios: Scenario[] = [
    { label: "random phase, CI_CACHE_MS=1000 (default)", cacheMs: "1000", aligned: false, durationMs: DURATION_MS },
    { label: "random phase, CI_CACHE_MS=0", cacheMs: "0", aligned: false, durationMs: DURATION_MS },
    { label: "aligned polls, CI_CACHE_MS=1000", cacheMs: "1000", aligned: true, durationMs: quick ? 12_000 : 20_000 },
  ];
  const emulator = await startEmulator(BENCH.emulatorPort);
  const outcomes: Outcome[] = [];
  try {
    for (const s of scenarios) {
      console.error(`  fan-in: ${s.label} …`);
      const o = await run(s, emulator);
      outcomes.push(o);
      console.error(`    CI calls/window median ${median(o.callsPerWindow)}, polls ${o.polls}, errors ${o.errors}, peak RSS ${mb(o.rssPeak)}`);
    }
  } finally {
    await emulator.stop();
  }
  const rows = outcomes.map((o) => {
    const windows = o.callsPerWindow.length;
    return [
      o.scenario.label,
      `${o.polls} (${fmt(o.polls / windows, 0)}/window)`,
      o.errors === 0 ? "0" : `${o.errors} (${Object.entries(o.failures).map(([k, n]) => `${n}× ${k}`).join(", ")})`,
      `${median(o.callsPerWindow)} [${Math.min(...o.callsPerWindow)}–${Math.max(...o.callsPerWindow)}]`,
      o.totalCalls,
      `${fmt(o.polls / Math.max(1, o.totalCalls), 1)}×`,
      fmt(median(o.latencies), 1),
      fmt(percentile(o.latencies, 99), 1),
      mb(o.rssIdle),
      mb(o.rssPeak),
    ];
  });
  writeSection(
    "fan-in",
    [
      `## Fan-in: ${DASHBOARDS} dashboards polling one view every ${INTERVAL_MS / 1000} s`,
      "",
      `Query \`/api/jobs?${defaultViewQuery()}\` (the default /jobs view), ${DURATION_MS / 1000} s per scenario (aligned: shorter), one \`next start\`.`,
      "A naive proxy would send CI one call per poll: 200 per window. RSS is the whole `next start` process tree.",
      "",
      table(["scenario", "polls", "errors", "CI calls / 4 s window: median [min–max]", "CI calls total", "polls per CI call", "poll p50 ms", "poll p99 ms", "RSS idle", "RSS peak"], rows),
      "",
      "Target (issue): about 1 CI call per poll window instead of 200.",
    ].join("\n"),
  );
}

runMain(main);
