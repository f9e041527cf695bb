/**
 * CI call budget under abuse: 50 viewers (50 identities) hammer GET /api/jobs with distinct queries (a new name
 * filter each time, so no answer can come from the cache) for 60 s, while 5 legitimate viewers poll the default
 * /jobs view every 4 s. Counts what reaches the emulator (every CI call, retries included) against the budget
 * (CI_BUDGET_BURST + CI_BUDGET_QPS × seconds, defaults), and whether the legitimate polls kept working.
 * Ports: BENCH_APP_PORT / BENCH_EMULATOR_PORT (default 3361 / 9361).
 */
import http from "node:http";
import { toApiListParams, toApiSearch } from "@/lib/jobs/list-api-params";
import { loadJobsSearchParams, toJobsView } from "@/lib/jobs/url-state";
import { startApp, startEmulator } from "./lib/processes";
import { runMain, writeSection } from "./lib/report";
import { fmt, median, percentile, table } from "./lib/stats";

const quick = process.argv.includes("--quick");
const ABUSERS = 50;
const VIEWERS = 5;
const DURATION_MS = quick ? 15_000 : 60_000;
const POLL_MS = 4_000;
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3361);
const EMULATOR_PORT = Number(process.env.BENCH_EMULATOR_PORT ?? 9361);
// The defaults of lib/server/config-schema.ts, spelled out: bench-env lifts the budget for the other benchmarks.
const BUDGET = { CI_BUDGET_QPS: "5", CI_BUDGET_BURST: "10", CI_BUDGET_USER_PER_MIN: "120", CI_BUDGET_USER_BURST: "30" };

interface Answer {
  status: number;
  code: string;
  ms: number;
}

function get(agent: http.Agent, url: URL, email: string): Promise<Answer> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        agent,
        headers: { "x-forwarded-email": email, "x-forwarded-groups": "readers" },
      },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => {
          if (body.length < 2_000) body += c.toString();
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            code: /"code":"([^"]+)"/.exec(body)?.[1] ?? "",
            ms: performance.now() - t0,
          }),
        );
      },
    );
    req.on("error", (e: NodeJS.ErrnoException) =>
      resolve({ status: 0, code: e.code ?? "network error", ms: performance.now() - t0 }),
    );
    req.end();
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

async function main(): Promise<void> {
  const emulator = await startEmulator(EMULATOR_PORT);
  const app = await startApp(APP_PORT, EMULATOR_PORT, { ...BUDGET, LOG_LEVEL: "silent" });
  const agent = new http.Agent({ keepAlive: true, maxSockets: ABUSERS + VIEWERS });
  const defaultView = new URL(
    `${app.url}/api/jobs?${toApiSearch(toApiListParams(toJobsView(loadJobsSearchParams(new URLSearchParams()))))}`,
  );
  try {
    await get(agent, defaultView, "warm-up@example.com");
    await sleep(3_000); // let the warm-up's tokens come back
    const total = async () => (await emulator.admin<{ total: number }>("stats")).total;
    await emulator.admin("stats/reset", { method: "POST" });
    const start = performance.now();
    const end = start + DURATION_MS;
    const perSecond: number[] = [];
    const abuse: Record<string, number> = {};
    const legit: Answer[] = [];
    let sent = 0;

    const sampler = (async () => {
      let previous = 0;
      for (let s = 1; start + s * 1000 <= end; s++) {
        await sleep(start + s * 1000 - performance.now());
        const now = await total();
        perSecond.push(now - previous);
        previous = now;
      }
    })();
    const abusers = Array.from({ length: ABUSERS }, async (_, i) => {
      for (let n = 0; performance.now() < end; n++) {
        const url = new URL(`${app.url}/api/jobs?size=10&name=probe-${i}-${n}`);
        const a = await get(agent, url, `abuser-${i}@example.com`);
        sent++;
        const key = `${a.status}${a.code ? ` ${a.code}` : ""}`;
        abuse[key] = (abuse[key] ?? 0) + 1;
        if (a.status !== 200) await sleep(20); // a hammering client, not a busy loop
      }
    });
    const viewers = Array.from({ length: VIEWERS }, async (_, i) => {
      await sleep(Math.random() * POLL_MS);
      while (performance.now() < end) {
        const t = performance.now();
        legit.push(await get(agent, defaultView, `viewer-${i}@example.com`));
        await sleep(t + POLL_MS - performance.now());
      }
    });
    await Promise.all([...abusers, ...viewers, sampler]);
    const seconds = DURATION_MS / 1000;
    const calls = await total();
    const budget = Number(BUDGET.CI_BUDGET_BURST) + Number(BUDGET.CI_BUDGET_QPS) * seconds;
    const ok = legit.filter((a) => a.status === 200);
    const legitFailures: Record<string, number> = {};
    for (const a of legit)
      if (a.status !== 200) legitFailures[`${a.status} ${a.code}`] = (legitFailures[`${a.status} ${a.code}`] ?? 0) + 1;
    const lat = ok.map((a) => a.ms);

    writeSection(
      "ci-budget",
      [
        `## CI call budget under abuse (${ABUSERS} viewers × distinct queries, ${seconds} s)`,
        "",
        `${ABUSERS} identities send GET /api/jobs with a new \`name\` filter each time (cache misses only), back to back;`,
        `${VIEWERS} legitimate viewers poll the default /jobs view every ${POLL_MS / 1000} s. Budget: CI_BUDGET_QPS=${BUDGET.CI_BUDGET_QPS},`,
        `CI_BUDGET_BURST=${BUDGET.CI_BUDGET_BURST}, CI_BUDGET_USER_PER_MIN=${BUDGET.CI_BUDGET_USER_PER_MIN}, CI_BUDGET_USER_BURST=${BUDGET.CI_BUDGET_USER_BURST} (the defaults).`,
        "CI calls are every request the emulator received (all routes, retries included).",
        "",
        table(
          ["Figure", "Value"],
          [
            ["CI calls in total", `${calls} (budget: burst + qps × ${seconds} s = ${budget})`],
            ["CI calls per second: median / max", `${fmt(median(perSecond), 0)} / ${Math.max(0, ...perSecond)}`],
            ["Abusive requests sent", sent],
            [
              "Abusive answers",
              Object.entries(abuse)
                .map(([k, v]) => `${k}: ${v}`)
                .join(", "),
            ],
            [
              "Legitimate polls answered 200",
              `${ok.length} of ${legit.length}${
                Object.keys(legitFailures).length
                  ? ` (others: ${Object.entries(legitFailures)
                      .map(([k, v]) => `${k}: ${v}`)
                      .join(", ")})`
                  : ""
              }`,
            ],
            [
              "Legitimate poll latency p50 / p95",
              lat.length ? `${fmt(median(lat), 0)} ms / ${fmt(percentile(lat, 95), 0)} ms` : "–",
            ],
          ],
        ),
      ].join("\n"),
    );
  } finally {
    agent.destroy();
    await app.stop();
    await emulator.stop();
  }
}

runMain(main);
