/**
 * Fan-in: 200 simulated open dashboards poll the same view (the default /jobs view, exactly the query the browser
 * sends) every 4 s for 60 s. Counts the CI list calls the emulator receives per 4 s poll window — against 200 for a
 * naive proxy — and samples the server's peak RSS (the `next start` process tree).
 * Scenarios: the dashboard's real schedule (polls on the server's beat: lib/jobs/poll-schedule.ts, with each
 * simulated tab's clock skewed by up to ±1 min and corrected from X-Server-Time exactly as the browser does), the
 * schedule before it (every 4 s from whenever the tab was opened), and the server's reuse window switched off.
 */
import http from "node:http";
import { POLL_ACTIVE_MS } from "@/lib/jobs/poll-policy";
import { alignedPollDelay, pickPollJitter, SERVER_TIME_HEADER } from "@/lib/jobs/poll-schedule";
import { createServerClock, type ServerClock } from "@/lib/query/server-clock";
import { toApiListParams, toApiSearch } from "@/lib/jobs/list-api-params";
import { loadJobsSearchParams, toJobsView } from "@/lib/jobs/url-state";
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
  /** "beat": the dashboard's schedule (server-clock beats + per-tab jitter); "phase": every 4 s from a random start. */
  schedule: "beat" | "phase";
  durationMs: number;
}

/** A simulated browser tab: its own clock (skewed by up to ±1 min), its own estimate of the server's, its jitter. */
interface Tab {
  skewMs: number;
  clock: ServerClock;
  jitterMs: number;
}

const localNow = (tab: Tab) => Date.now() + tab.skewMs;

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

function poll(agent: http.Agent, url: URL, tab?: Tab): Promise<{ ok: boolean; ms: number; outcome: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const sentAt = tab ? localNow(tab) : 0;
    const req = http.request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        headers: { ...BENCH.identity },
        agent,
      },
      (res) => {
        // What apiFetch does with every answer: learn the server's clock.
        if (tab) tab.clock.note((res.headers[SERVER_TIME_HEADER] as string | undefined) ?? null, sentAt, localNow(tab));
        let body = "";
        res.on("data", (c: Buffer) => {
          if (res.statusCode !== 200 && body.length < 2_000) body += c.toString();
        });
        res.on("end", () => {
          const code =
            res.statusCode === 200 ? "200" : `${res.statusCode} ${/"code":"([^"]+)"/.exec(body)?.[1] ?? ""}`.trim();
          resolve({ ok: res.statusCode === 200, ms: performance.now() - t0, outcome: code });
        });
        res.on("error", (e: NodeJS.ErrnoException) =>
          resolve({ ok: false, ms: performance.now() - t0, outcome: e.code ?? "aborted" }),
        );
      },
    );
    req.on("error", (e: NodeJS.ErrnoException) =>
      resolve({ ok: false, ms: performance.now() - t0, outcome: e.code ?? "network error" }),
    );
    req.end();
  });
}

async function run(scenario: Scenario, emulator: Awaited<ReturnType<typeof startEmulator>>): Promise<Outcome> {
  const app = await startApp(BENCH.appPorts[0], BENCH.emulatorPort, {
    CI_CACHE_MS: scenario.cacheMs,
    LOG_LEVEL: "silent",
  });
  const url = new URL(`${app.url}/api/jobs?${defaultViewQuery()}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: DASHBOARDS });
  try {
    // One warm-up request (first compile of the route, database open) outside the measurement.
    await poll(agent, url);
    const rssIdle = treeRss(app.pid);
    const listCalls = async () =>
      (await emulator.admin<{ routes: Record<string, number> }>("stats")).routes["GET /inventorytriggerjob"] ?? 0;
    await emulator.admin("stats/reset", { method: "POST" });
    const rss = watchPeakRss(app.pid);
    const latencies: number[] = [];
    let polls = 0;
    let errors = 0;
    const failures: Record<string, number> = {};
    const start = performance.now();
    const end = start + scenario.durationMs;
    const pending: Promise<void>[] = [];

    const record = (r: Awaited<ReturnType<typeof poll>>) => {
      polls++;
      if (r.ok) latencies.push(r.ms);
      else {
        errors++;
        failures[r.outcome] = (failures[r.outcome] ?? 0) + 1;
      }
    };
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
    for (let d = 0; d < DASHBOARDS; d++) {
      // Tabs open at random moments in the first interval; like react-query's refetchInterval, the next poll is
      // scheduled when an answer arrives (lib/jobs/poll-schedule.ts) or, for "phase", every 4 s regardless.
      const opensAt = start + Math.random() * INTERVAL_MS;
      const tab: Tab = {
        skewMs: Math.round((Math.random() * 2 - 1) * 60_000),
        clock: createServerClock(),
        jitterMs: pickPollJitter(),
      };
      pending.push(
        (async () => {
          await sleep(opensAt - performance.now());
          // The page's render time seeds the clock before any answer (as seedServerClock does on hydration).
          tab.clock.seed(Date.now(), localNow(tab));
          if (scenario.schedule === "phase") {
            for (let t = opensAt; t < end; t += INTERVAL_MS) {
              await sleep(t - performance.now());
              record(await poll(agent, url, tab));
            }
            return;
          }
          let next = performance.now() + alignedPollDelay(INTERVAL_MS, tab.clock.now(localNow(tab)), tab.jitterMs);
          while (next < end) {
            await sleep(next - performance.now());
            record(await poll(agent, url, tab));
            next = performance.now() + alignedPollDelay(INTERVAL_MS, tab.clock.now(localNow(tab)), tab.jitterMs);
          }
        })(),
      );
    }
    // CI calls per poll window, read mid-way between two server beats (so a beat's burst is never split), after
    // the first full interval (tabs are still opening during the first).
    const callsPerWindow: number[] = [];
    const untilMidBeat = (INTERVAL_MS - (Date.now() % INTERVAL_MS) + INTERVAL_MS / 2) % INTERVAL_MS;
    const firstRead = performance.now() + INTERVAL_MS + untilMidBeat;
    await sleep(firstRead - performance.now());
    let previous = await listCalls();
    for (let w = 1; firstRead + w * INTERVAL_MS <= end; w++) {
      await sleep(firstRead + w * INTERVAL_MS - performance.now());
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
    {
      label: "server beat (the dashboard), CI_CACHE_MS=1000 (default)",
      cacheMs: "1000",
      schedule: "beat",
      durationMs: DURATION_MS,
    },
    {
      label: "every 4 s from opening (before the beat), CI_CACHE_MS=1000",
      cacheMs: "1000",
      schedule: "phase",
      durationMs: DURATION_MS,
    },
    {
      label: "server beat, CI_CACHE_MS=0 (single flight only)",
      cacheMs: "0",
      schedule: "beat",
      durationMs: DURATION_MS,
    },
  ];
  const emulator = await startEmulator(BENCH.emulatorPort);
  const outcomes: Outcome[] = [];
  try {
    for (const s of scenarios) {
      console.error(`  fan-in: ${s.label} …`);
      const o = await run(s, emulator);
      outcomes.push(o);
      console.error(
        `    CI calls/window median ${median(o.callsPerWindow)}, polls ${o.polls}, errors ${o.errors}, peak RSS ${mb(o.rssPeak)}`,
      );
    }
  } finally {
    await emulator.stop();
  }
  const rows = outcomes.map((o) => {
    const windows = o.scenario.durationMs / INTERVAL_MS;
    return [
      o.scenario.label,
      `${o.polls} (${fmt(o.polls / windows, 0)}/window)`,
      o.errors === 0
        ? "0"
        : `${o.errors} (${Object.entries(o.failures)
            .map(([k, n]) => `${n}× ${k}`)
            .join(", ")})`,
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
      `Query \`/api/jobs?${defaultViewQuery()}\` (the default /jobs view), ${DURATION_MS / 1000} s per scenario, one \`next start\`. Tabs open at`,
      "random moments during the first interval, each with its clock skewed by up to ±1 min; windows are counted from the",
      "second interval on. A naive proxy would send CI one call per poll: 200 per window. RSS is the whole `next start` process tree.",
      "",
      table(
        [
          "scenario",
          "polls",
          "errors",
          "CI calls / 4 s window: median [min–max]",
          "CI calls total",
          "polls per CI call",
          "poll p50 ms",
          "poll p99 ms",
          "RSS idle",
          "RSS peak",
        ],
        rows,
      ),
      "",
      "Target (issue): about 1 CI call per poll window instead of 200.",
    ].join("\n"),
  );
}

runMain(main);
