/**
 * Proxy overhead: the same list call (size=100) straight to the emulator (one signed request) and through
 * GET /api/jobs of `next start` (production build), at concurrency 1 and 50, with CI_CACHE_MS=0 and 1000.
 * Then a profile of where the server's time goes (signing, XML parse, zod, JSON, the route, Next) in-process.
 * Issue targets for a 100-job page: ≤ 1 ms added at p50, ≤ 5 ms at p99.
 */
import { mkdtempSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { XMLValidator } from "fast-xml-parser";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { keyTimeNow, sign } from "@/lib/ci/sign";
import { BENCH, ciHost } from "./lib/bench-env";
import { runLoad, type LoadResult } from "./lib/load";
import { startApp, startEmulator } from "./lib/processes";
import { runMain, writeSection } from "./lib/report";
import { fmt, median, percentile, table } from "./lib/stats";

const SIZE = 100;
const quick = process.argv.includes("--quick");
const PLAN = [
  { concurrency: 1, requests: quick ? 200 : 1_000 },
  { concurrency: 50, requests: quick ? 1_000 : 5_000 },
] as const;

interface Row {
  path: string;
  concurrency: number;
  result: LoadResult;
  ciCalls: number;
}

function presignedHeaders(): Record<string, string> {
  const query = { size: String(SIZE) };
  const authorization = sign({
    method: "GET",
    path: "/inventorytriggerjob",
    query,
    headers: { host: ciHost },
    secretId: BENCH.secretId,
    secretKey: BENCH.secretKey,
    keyTime: keyTimeNow(Date.now(), 3_600),
  });
  return { host: ciHost, authorization };
}

async function main(): Promise<void> {
  if (process.argv.includes("--profile-only")) {
    console.log(table(["step", "runs", "median ms", "p99 ms"], (await profileInProcess()).map((p) => [p.step, p.runs, fmt(p.median, 3), fmt(p.p99, 3)])));
    return;
  }
  const emulator = await startEmulator(BENCH.emulatorPort);
  const rows: Row[] = [];
  const listCalls = async () => (await emulator.admin<{ routes: Record<string, number> }>("stats")).routes["GET /inventorytriggerjob"] ?? 0;
  const measure = async (path: string, url: string, headers: Record<string, string>) => {
    for (const step of PLAN) {
      await emulator.admin("stats/reset", { method: "POST" });
      const result = await runLoad({ url, headers, concurrency: step.concurrency, requests: step.requests, warmup: Math.min(300, step.requests) });
      rows.push({ path, concurrency: step.concurrency, result, ciCalls: await listCalls() });
      console.error(`  ${path} c=${step.concurrency}: p50 ${fmt(median(result.latenciesMs))} ms, ${fmt(result.rps, 0)} req/s, errors ${result.errors}`);
    }
  };
  try {
    await measure("emulator direct (pre-signed)", `${emulator.url}/inventorytriggerjob?size=${SIZE}`, presignedHeaders());
    for (const cacheMs of ["0", "1000"]) {
      const app = await startApp(BENCH.appPorts[0], BENCH.emulatorPort, { CI_CACHE_MS: cacheMs, LOG_LEVEL: "silent" });
      try {
        await measure(`next start /api/jobs, CI_CACHE_MS=${cacheMs}`, `${app.url}/api/jobs?size=${SIZE}`, { ...BENCH.identity });
      } finally {
        await app.stop();
      }
    }
    // The same with the request log on (one JSON line per request to stdout, as in production).
    const logged = await startApp(BENCH.appPorts[0], BENCH.emulatorPort, { CI_CACHE_MS: "0" });
    try {
      await measure("next start /api/jobs, CI_CACHE_MS=0, request log on", `${logged.url}/api/jobs?size=${SIZE}`, { ...BENCH.identity });
    } finally {
      await logged.stop();
    }
  } finally {
    await emulator.stop();
  }
  const profile = await profileInProcess();
  writeSection("proxy-overhead", render(rows, profile));
}

function render(rows: Row[], profile: ProfileRow[]): string {
  const base = (c: number) => rows.find((r) => r.path.startsWith("emulator") && r.concurrency === c)!;
  const body = rows.map((r) => {
    const b = base(r.concurrency);
    const p50 = median(r.result.latenciesMs);
    const p99 = percentile(r.result.latenciesMs, 99);
    const b50 = median(b.result.latenciesMs);
    const b99 = percentile(b.result.latenciesMs, 99);
    const isBase = r === b;
    return [
      r.path,
      r.concurrency,
      r.result.latenciesMs.length,
      fmt(p50),
      fmt(p99),
      isBase ? "–" : fmt(p50 - b50),
      isBase ? "–" : fmt(p99 - b99),
      isBase ? "1.00" : fmt(p50 / b50),
      fmt(r.result.rps, 0),
      r.result.errors,
      r.ciCalls,
    ];
  });
  const lines = [
    "## Proxy overhead (list, size=100)",
    "",
    "Same list call straight to the emulator (a pre-signed request: emulator work only) and through `GET /api/jobs` of",
    "`next start` (production build). Closed loop, keep-alive, latency from `process.hrtime` (sub-ms); warm-up excluded.",
    "Emulator, server and load generator share the machine's cores, so compare ratios within this run.",
    "",
    table(["path", "conc.", "n", "p50 ms", "p99 ms", "added p50", "added p99", "ratio p50", "req/s", "errors", "CI list calls"], body),
    "",
    "Targets (issue): ≤ 1 ms added at p50 and ≤ 5 ms at p99 for a 100-job page.",
    "",
    ...rows
      .filter((r) => !r.path.startsWith("emulator"))
      .map((r) => {
        const b = base(r.concurrency);
        const a50 = median(r.result.latenciesMs) - median(b.result.latenciesMs);
        const a99 = percentile(r.result.latenciesMs, 99) - percentile(b.result.latenciesMs, 99);
        return `- ${r.path}, c=${r.concurrency}: added p50 ${fmt(a50)} ms (${a50 <= 1 ? "met" : "missed"}), added p99 ${fmt(a99)} ms (${a99 <= 5 ? "met" : "missed"})`;
      }),
    "",
    "### Where the time goes (in-process, one request at a time, median of the listed runs)",
    "",
    table(["step", "runs", "median ms", "p99 ms"], profile.map((p) => [p.step, p.runs, fmt(p.median, 3), fmt(p.p99, 3)])),
  ];
  return lines.join("\n");
}

interface ProfileRow {
  step: string;
  runs: number;
  median: number;
  p99: number;
}

/** Times each stage of the server's work on one 100-job page, in this process, against a fresh emulator. */
async function profileInProcess(): Promise<ProfileRow[]> {
  const emulator = await startEmulator(BENCH.emulatorPort + 1);
  try {
    Object.assign(process.env, {
      LOG_LEVEL: "silent",
      CI_SECRET_ID: BENCH.secretId,
      CI_SECRET_KEY: BENCH.secretKey,
      CI_BUCKETS: BENCH.buckets,
      CI_ENDPOINT: emulator.url,
      CI_EMULATOR: "1",
      AUTH_MODE: "header",
      AUTH_OPERATOR_GROUPS: "media-ops",
      CI_CACHE_MS: "0",
      CI_TIMEOUT_MS: "5000",
      DATA_DIR: mkdtempSync(join(tmpdir(), "bench-profile-")),
    });
    // Imported only now: the server modules read the environment on first use.
    const { parseXml } = await import("@/lib/ci/xml");
    const { jobDetailSchema } = await import("@/lib/jobs/job-detail-schema");
    const { createCiClient } = await import("@/lib/ci/client");
    const jobsRoute = await import("@/app/api/jobs/route");
    const client = createCiClient({ secretId: BENCH.secretId, secretKey: BENCH.secretKey, endpoint: new URL(emulator.url), timeoutMs: 5_000 });
    const target = { bucket: BENCH.bucket, region: BENCH.region, host: ciHost };

    const headers = presignedHeaders();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const rawUrl = new URL(`${emulator.url}/inventorytriggerjob?size=${SIZE}`);
    const xml = await rawGet(agent, rawUrl, headers);
    const parsed = parseXml(xml);
    const details = (parsed.Response as { JobsDetail: unknown[] }).JobsDetail;
    const page = await client.listJobs(target, { size: SIZE });
    const routeReq = () => new Request(`http://bench.local/api/jobs?size=${SIZE}`, { headers: { ...BENCH.identity } });
    const routeBody = await (await jobsRoute.GET(routeReq())).text();

    const rows: ProfileRow[] = [];
    const time = async (step: string, runs: number, fn: () => unknown) => {
      for (let i = 0; i < Math.min(50, runs); i++) await fn(); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = process.hrtime.bigint();
        await fn();
        samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      rows.push({ step, runs, median: median(samples), p99: percentile(samples, 99) });
    };
    const n = quick ? 100 : 400;
    await time(`sign one request`, n * 5, () => presignedHeaders());
    const { readCiXml } = await import("./lib/xml-reader-prototype");
    const same = isDeepStrictEqual(readCiXml(xml), parsed);
    await time(`parseXml of the 100-job answer (${(xml.length / 1024).toFixed(0)} kB XML)`, n, () => parseXml(xml));
    await time(`  of which XMLValidator.validate (parseXml validates, then parses)`, n, () => XMLValidator.validate(xml));
    await time(`  experiment: purpose-built reader, bench/lib/xml-reader-prototype.ts (${same ? "identical output" : "OUTPUT DIFFERS"})`, n, () => readCiXml(xml));
    await time("zod jobDetailSchema × 100", n, () => details.forEach((d) => jobDetailSchema.safeParse(d)));
    await time(`JSON.stringify of the page (${(routeBody.length / 1024).toFixed(0)} kB JSON)`, n, () => JSON.stringify(page));
    await time("raw signed GET to the emulator (node:http, no parse)", n, () => rawGet(agent, rawUrl, headers));
    await time("lib/ci client listJobs (sign + HTTP + parse + zod)", n, () => client.listJobs(target, { size: SIZE }));
    await time("route handler GET /api/jobs in-process (CI_CACHE_MS=0)", n, async () => (await jobsRoute.GET(routeReq())).text());
    client.close();
    agent.destroy();
    return rows;
  } finally {
    await emulator.stop();
  }
}

/** fetch cannot set Host (the signed CI host name), so raw requests go through node:http. */
function rawGet(agent: http.Agent, url: URL, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString("utf8")) : reject(new Error(`emulator answered ${res.statusCode}`))));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

runMain(main);
