/**
 * Freshness: time from a forced state change in the emulator (admin POST jobs/<id>/state) to the new state visible
 * in the browser's /jobs table, 20 times; median and p90. The job toggles Running ↔ Pause, so the view always holds
 * an active job and the table polls at the active interval (4 s). Target: ≤ that interval + 0.5 s.
 * Timing: one clock — the machine's — read as performance.timeOrigin + performance.now() on both sides.
 */
import { POLL_ACTIVE_MS } from "@/lib/jobs/poll-policy";
import { BENCH } from "./lib/bench-env";
import { launchChromium } from "./lib/page-weight";
import { startApp, startEmulator } from "./lib/processes";
import { runMain, writeSection } from "./lib/report";
import { fmt, median, percentile, table } from "./lib/stats";

const quick = process.argv.includes("--quick");
const TRIALS = quick ? 6 : 20;
const APP_PORT = BENCH.appPorts[3];
const EMULATOR_PORT = BENCH.emulatorPort + 3;

const OBSERVE_ROW_STATE = `(() => {
  const id = __JOB_ID__;
  window.__stateSeen = [];
  const record = () => {
    const tr = document.querySelector('tr[data-job-id="' + id + '"]');
    const state = tr && tr.getAttribute("data-state");
    const seen = window.__stateSeen;
    const last = seen[seen.length - 1];
    if (state && (!last || state !== last.state) && window.__pending !== state) {
      window.__pending = state;
      const at = performance.timeOrigin + performance.now();
      requestAnimationFrame(() => { seen.push({ state, at: Math.max(at, performance.timeOrigin + performance.now()) }); window.__pending = null; });
    }
  };
  new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
  record();
})()`;

const epochNow = () => performance.timeOrigin + performance.now();

declare global {
  interface Window {
    __stateSeen?: { state: string; at: number }[];
    __pending?: string | null;
  }
}

async function main(): Promise<void> {
  const emulator = await startEmulator(EMULATOR_PORT);
  try {
    const app = await startApp(APP_PORT, EMULATOR_PORT, { LOG_LEVEL: "silent" });
    try {
      const list = (await (
        await fetch(`${app.url}/api/jobs?orderByTime=Desc&size=20`, { headers: { ...BENCH.identity } })
      ).json()) as { jobs: { JobId: string }[] };
      const jobId = list.jobs[0]!.JobId;
      const force = (state: string) =>
        emulator.admin(`jobs/${jobId}/state`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ State: state }),
        });
      await force("Running");

      const browser = await launchChromium();
      const context = await browser.newContext({ extraHTTPHeaders: { ...BENCH.identity } });
      const page = await context.newPage();
      let polls = 0;
      page.on("request", (r) => {
        if (new URL(r.url()).pathname === "/api/jobs") polls++;
      });
      await page.goto(`${app.url}/jobs`);
      const row = page.locator(`tr[data-job-id="${jobId}"]`);
      await row.waitFor({ state: "visible", timeout: 30_000 });
      // Records every state the row shows, at the frame after the DOM changed (when it can be seen). Passed as text:
      // tsx's keep-names helper (__name) does not exist inside the page.
      await page.evaluate(OBSERVE_ROW_STATE.replace("__JOB_ID__", JSON.stringify(jobId)));

      const samples: number[] = [];
      polls = 0;
      const started = epochNow();
      let current = "Running";
      for (let i = 0; i < TRIALS; i++) {
        // A random moment relative to the poll timer, as a real change would be.
        await new Promise((r) => setTimeout(r, Math.random() * POLL_ACTIVE_MS));
        const next = current === "Running" ? "Pause" : "Running";
        const t0 = epochNow();
        await force(next);
        const seen = await page.waitForFunction(
          ([state, since]) => window.__stateSeen?.find((s) => s.state === state && s.at >= since)?.at ?? null,
          [next, t0] as const,
          { timeout: 3 * POLL_ACTIVE_MS + 10_000, polling: 50 },
        );
        const at = (await seen.jsonValue()) as number;
        samples.push(at - t0);
        current = next;
        console.error(`  trial ${i + 1}: ${((at - t0) / 1000).toFixed(2)} s`);
      }
      const elapsed = epochNow() - started;
      await browser.close();

      const p50 = median(samples);
      const p90 = percentile(samples, 90);
      const target = POLL_ACTIVE_MS + 500;
      writeSection(
        "freshness",
        [
          "## Freshness: forced state change → visible in the /jobs table",
          "",
          `${TRIALS} changes (Running ↔ Pause on job \`${jobId}\`) at random moments; the table polls every ${POLL_ACTIVE_MS / 1000} s while a job`,
          "is active. Measured until the frame after the row's state changed in the DOM. Default CI_CACHE_MS (1000).",
          "",
          table(
            [
              "trials",
              "median s",
              "p90 s",
              "min s",
              "max s",
              "target s",
              "median",
              "p90",
              "/api/jobs polls per minute",
            ],
            [
              [
                TRIALS,
                fmt(p50 / 1000),
                fmt(p90 / 1000),
                fmt(Math.min(...samples) / 1000),
                fmt(Math.max(...samples) / 1000),
                fmt(target / 1000, 1),
                p50 <= target ? "met" : "missed",
                p90 <= target ? "met" : "missed",
                fmt((polls / elapsed) * 60_000, 1),
              ],
            ],
          ),
          "",
          "A change waits on average half a poll interval, at worst a whole one, plus the request itself.",
        ].join("\n"),
      );
    } finally {
      await app.stop();
    }
  } finally {
    await emulator.stop();
  }
}

runMain(main);
