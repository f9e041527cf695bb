/**
 * Several instances: 200 simulated dashboards poll the default /jobs view on the server's beat (as the browser
 * does: lib/jobs/poll-schedule.ts), spread over 3 app instances by a round-robin proxy. Counts the CI list calls
 * per 4 s poll window and the poll latency, for:
 *   - 3 instances on one PostgreSQL: the poll window is shared (lib/server/shared-reads.ts);
 *   - 3 instances each with its own embedded PGlite: each coalesces only its own polls (what N instances cost before);
 * Instances are test/integration/multi-instance-app.ts processes (the real route handlers on node:http, not
 * `next start`), so the figures compare the two sharing modes, not Next's own overhead.
 * PostgreSQL: TEST_DATABASE_URL, else scripts/ci-postgres.sh is run to get one.
 */
import { spawnSync } from "node:child_process";
import http from "node:http";
import { POLL_ACTIVE_MS } from "@/lib/jobs/poll-policy";
import { alignedPollDelay, pickPollJitter, SERVER_TIME_HEADER } from "@/lib/jobs/poll-schedule";
import { toApiListParams, toApiSearch } from "@/lib/jobs/list-api-params";
import { loadJobsSearchParams, toJobsView } from "@/lib/jobs/url-state";
import { createServerClock, type ServerClock } from "@/lib/query/server-clock";
import { OPERATOR, startCluster, type Cluster } from "@/test/integration/multi-instance-support";
import { ROOT } from "./lib/processes";
import { runMain, writeSection } from "./lib/report";
import { fmt, median, percentile, table } from "./lib/stats";

const quick = process.argv.includes("--quick");
const DASHBOARDS = 200;
const INSTANCES = 3;
const INTERVAL_MS = POLL_ACTIVE_MS;
const DURATION_MS = quick ? 20_000 : 60_000;
const LIST = "GET /inventorytriggerjob";

interface Tab {
  skewMs: number;
  clock: ServerClock;
  jitterMs: number;
}

interface Outcome {
  label: string;
  polls: number;
  errors: number;
  /** Failed polls by status and error code. */
  failures: Record<string, number>;
  latencies: number[];
  callsPerWindow: number[];
  /** One poll at a time (no burst to join), over the proxy: the cost of answering from the window. */
  sequential: number[];
}

const localNow = (tab: Tab) => Date.now() + tab.skewMs;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

function defaultViewQuery(): string {
  return toApiSearch(toApiListParams(toJobsView(loadJobsSearchParams(new URLSearchParams()))));
}

function postgresUrl(): string {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const r = spawnSync("bash", ["scripts/ci-postgres.sh"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CI_PG_DB: "ci_console_bench" },
  });
  const m = /TEST_DATABASE_URL=(\S+)/.exec(r.stdout ?? "");
  if (!m) throw new Error(`no PostgreSQL for the benchmark (set TEST_DATABASE_URL):\n${r.stderr}`);
  return m[1]!.replace(/^["']|["']$/g, "");
}

function poll(agent: http.Agent, url: URL, tab: Tab): Promise<{ ok: boolean; ms: number; outcome: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const sentAt = localNow(tab);
    const req = http.request(
      { hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers: OPERATOR, agent },
      (res) => {
        tab.clock.note((res.headers[SERVER_TIME_HEADER] as string | undefined) ?? null, sentAt, localNow(tab));
        let body = "";
        res.on("data", (c: Buffer) => {
          if (res.statusCode !== 200 && body.length < 2_000) body += c.toString();
        });
        res.on("end", () => {
          const outcome =
            res.statusCode === 200 ? "200" : `${res.statusCode} ${/"code":"([^"]+)"/.exec(body)?.[1] ?? ""}`.trim();
          resolve({ ok: res.statusCode === 200, ms: performance.now() - t0, outcome });
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

async function measure(label: string, cluster: Cluster): Promise<Outcome> {
  const url = new URL(`${cluster.proxyUrl}/api/jobs?${defaultViewQuery()}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: DASHBOARDS });
  // Warm every instance (database open, first CI call) outside the measurement.
  for (const i of cluster.instances) await fetch(`${i.url}/api/jobs?${defaultViewQuery()}`, { headers: OPERATOR });
  const listCalls = async () => (await cluster.stats())[LIST] ?? 0;
  await cluster.resetStats();
  const out: Outcome = { label, polls: 0, errors: 0, failures: {}, latencies: [], callsPerWindow: [], sequential: [] };
  const start = performance.now();
  const end = start + DURATION_MS;
  const tabs = Array.from({ length: DASHBOARDS }, async () => {
    const tab: Tab = {
      skewMs: Math.round((Math.random() * 2 - 1) * 60_000),
      clock: createServerClock(),
      jitterMs: pickPollJitter(),
    };
    await sleep(start + Math.random() * INTERVAL_MS - performance.now());
    tab.clock.seed(Date.now(), localNow(tab));
    let next = performance.now() + alignedPollDelay(INTERVAL_MS, tab.clock.now(localNow(tab)), tab.jitterMs);
    while (next < end) {
      await sleep(next - performance.now());
      const r = await poll(agent, url, tab);
      out.polls++;
      if (r.ok) out.latencies.push(r.ms);
      else {
        out.errors++;
        out.failures[r.outcome] = (out.failures[r.outcome] ?? 0) + 1;
      }
      next = performance.now() + alignedPollDelay(INTERVAL_MS, tab.clock.now(localNow(tab)), tab.jitterMs);
    }
  });
  // Windows are read mid-way between two beats, from the second interval on (tabs are still opening in the first).
  const untilMidBeat = (INTERVAL_MS - (Date.now() % INTERVAL_MS) + INTERVAL_MS / 2) % INTERVAL_MS;
  const firstRead = performance.now() + INTERVAL_MS + untilMidBeat;
  await sleep(firstRead - performance.now());
  let previous = await listCalls();
  for (let w = 1; firstRead + w * INTERVAL_MS <= end; w++) {
    await sleep(firstRead + w * INTERVAL_MS - performance.now());
    const now = await listCalls();
    out.callsPerWindow.push(now - previous);
    previous = now;
  }
  await Promise.all(tabs);
  const quiet: Tab = { skewMs: 0, clock: createServerClock(), jitterMs: 0 };
  for (let n = 0; n < (quick ? 100 : 300); n++) out.sequential.push((await poll(agent, url, quiet)).ms);
  agent.destroy();
  return out;
}

async function scenario(label: string, databaseUrl: string | null): Promise<Outcome> {
  console.error(`  multi-instance: ${label} …`);
  const cluster = await startCluster(databaseUrl, INSTANCES, { CI_CACHE_MS: "1000", CI_TIMEOUT_MS: "10000" });
  try {
    const o = await measure(label, cluster);
    console.error(
      `    CI calls/window median ${median(o.callsPerWindow)}, polls ${o.polls}, errors ${JSON.stringify(o.failures)}, p50 ${fmt(median(o.latencies), 1)} ms`,
    );
    return o;
  } finally {
    await cluster.close();
  }
}

async function main(): Promise<void> {
  const pgUrl = postgresUrl();
  const outcomes = [
    await scenario(`${INSTANCES} instances, one PostgreSQL (shared poll window)`, pgUrl),
    await scenario(`${INSTANCES} instances, own PGlite each (per-instance window only)`, null),
  ];
  const rows = outcomes.map((o) => [
    o.label,
    `${o.polls} (${fmt(o.polls / (DURATION_MS / INTERVAL_MS), 0)}/window)`,
    o.errors === 0
      ? "0"
      : `${o.errors} (${Object.entries(o.failures)
          .map(([k, n]) => `${n}× ${k}`)
          .join(", ")})`,
    `${median(o.callsPerWindow)} [${Math.min(...o.callsPerWindow)}–${Math.max(...o.callsPerWindow)}]`,
    fmt(median(o.latencies), 1),
    fmt(percentile(o.latencies, 99), 1),
    `${fmt(median(o.sequential), 2)} / ${fmt(percentile(o.sequential, 99), 2)}`,
  ]);
  const [shared, separate] = outcomes;
  const added = (p: number) => fmt(percentile(shared!.sequential, p) - percentile(separate!.sequential, p), 2);
  const addedBurst = (p: number) => fmt(percentile(shared!.latencies, p) - percentile(separate!.latencies, p), 1);
  writeSection(
    "multi-instance",
    [
      `## Several instances: ${DASHBOARDS} dashboards over ${INSTANCES} instances, polling one view every ${INTERVAL_MS / 1000} s`,
      "",
      `Query \`/api/jobs?${defaultViewQuery()}\`, ${DURATION_MS / 1000} s per scenario, CI_CACHE_MS=1000, a round-robin proxy in front of`,
      `${INSTANCES} instance processes (the real route handlers on node:http: test/integration/multi-instance-app.ts, not \`next start\`).`,
      "Tabs poll on the server's beat with clocks skewed by up to ±1 min, as in the fan-in benchmark; windows are counted",
      "from the second interval on. Target (issue 15): ≤ 2 CI calls per window with 3 instances.",
      "",
      table(
        [
          "scenario",
          "polls",
          "errors",
          "CI list calls / 4 s window: median [min–max]",
          "poll p50 ms",
          "poll p99 ms",
          "one poll at a time: p50 / p99 ms",
        ],
        rows,
      ),
      "",
      `What the shared window adds to a poll answered from the window (one PostgreSQL read instead of an in-process hit; one`,
      `poll at a time, ${quick ? 100 : 300} polls): p50 ${added(50)} ms, p99 ${added(99)} ms. Under the 200-dashboard load (bursts on the beat, some`,
      `polls waiting on another instance's lock or on CI): p50 ${addedBurst(50)} ms, p99 ${addedBurst(99)} ms (shared minus per-instance;`,
      "negative = the shared window answered faster, because fewer polls waited for CI).",
    ].join("\n"),
  );
}

runMain(main);
