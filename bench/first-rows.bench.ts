/**
 * First rows: time from navigation start to the first job row of /jobs on screen, on a cold load (new browser
 * context: empty cache, no cookies), median of 10 after one unmeasured warm-up of the server. Also the time to the
 * first byte and to DOMContentLoaded, to show where the time goes (the page renders its first rows on the server),
 * the browser's own Largest Contentful Paint, and Lighthouse (desktop and mobile presets) with the system Chromium.
 */
import { BENCH } from "./lib/bench-env";
import { LIGHTHOUSE_VERSION, runLighthouse, type LighthouseRun } from "./lib/lighthouse";
import { launchChromium } from "./lib/page-weight";
import { startApp, startEmulator } from "./lib/processes";
import { runMain, writeSection } from "./lib/report";
import { fmt, median, percentile, table } from "./lib/stats";

const quick = process.argv.includes("--quick");
const RUNS = quick ? 4 : 10;
const LIGHTHOUSE_RUNS = quick ? 1 : 3;
const APP_PORT = BENCH.appPorts[1];
const EMULATOR_PORT = BENCH.emulatorPort + 1;

// Installed before the page's own scripts; plain text because tsx's keep-names helper does not exist in the page.
const WATCH_FIRST_ROW = `(() => {
  const check = () => {
    if (window.__firstRow || !document.querySelector("tr[data-job-id]")) return;
    const inDom = performance.now();
    window.__firstRow = { inDom, painted: inDom };
    requestAnimationFrame(() => { window.__firstRow.painted = performance.now(); });
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true });
  new PerformanceObserver((list) => {
    const last = list.getEntries().at(-1);
    if (last) window.__lcp = { at: last.startTime, element: last.element ? last.element.tagName.toLowerCase() + (last.element.getAttribute("role") ? "[role=" + last.element.getAttribute("role") + "]" : "") : "?" };
  }).observe({ type: "largest-contentful-paint", buffered: true });
})()`;

interface Sample {
  ttfb: number;
  rowInDom: number;
  rowPainted: number;
  domContentLoaded: number;
  load: number;
  lcp: number;
  lcpElement: string;
}

async function main(): Promise<void> {
  const emulator = await startEmulator(EMULATOR_PORT);
  try {
    const app = await startApp(APP_PORT, EMULATOR_PORT, { LOG_LEVEL: "silent" });
    try {
      const browser = await launchChromium();
      const samples: Sample[] = [];
      try {
        for (let i = 0; i <= RUNS; i++) {
          const context = await browser.newContext({ extraHTTPHeaders: { ...BENCH.identity } });
          await context.addInitScript({ content: WATCH_FIRST_ROW });
          const page = await context.newPage();
          await page.goto(`${app.url}/jobs`, { waitUntil: "load" });
          await page.locator("tr[data-job-id]").first().waitFor({ state: "visible", timeout: 30_000 });
          const s = (await page.evaluate(`(() => {
            const nav = performance.getEntriesByType("navigation")[0];
            const row = window.__firstRow || { inDom: NaN, painted: NaN };
            const lcp = window.__lcp || { at: NaN, element: "?" };
            return { ttfb: nav.responseStart, rowInDom: row.inDom, rowPainted: row.painted, domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, lcp: lcp.at, lcpElement: lcp.element };
          })()`)) as Sample;
          await context.close();
          if (i === 0) continue; // warm-up: the server's first render of the page
          samples.push(s);
          console.error(`  run ${i}: first row painted at ${fmt(s.rowPainted, 0)} ms (TTFB ${fmt(s.ttfb, 0)} ms)`);
        }
      } finally {
        await browser.close();
      }
      const lighthouse: { preset: "desktop" | "mobile"; runs: LighthouseRun[]; error?: string }[] = [];
      for (const preset of ["desktop", "mobile"] as const) {
        const entry: (typeof lighthouse)[number] = { preset, runs: [] };
        for (let i = 0; i < LIGHTHOUSE_RUNS && !entry.error; i++) {
          const r = runLighthouse(`${app.url}/jobs`, { ...BENCH.identity }, preset);
          if ("error" in r) entry.error = r.error;
          else {
            entry.runs.push(r);
            console.error(
              `  lighthouse ${preset} run ${i + 1}: score ${r.score}, LCP ${fmt(r.lcpMs, 0)} ms, TBT ${fmt(r.tbtMs, 0)} ms`,
            );
          }
        }
        lighthouse.push(entry);
      }
      const col = (k: "ttfb" | "rowInDom" | "rowPainted" | "domContentLoaded" | "load" | "lcp") =>
        samples.map((s) => s[k]);
      const row = (label: string, k: Parameters<typeof col>[0]) => [
        label,
        fmt(median(col(k)), 0),
        fmt(percentile(col(k), 90), 0),
        fmt(Math.min(...col(k)), 0),
        fmt(Math.max(...col(k)), 0),
      ];
      writeSection(
        "first-rows",
        [
          "## First rows: cold load of /jobs",
          "",
          `${RUNS} loads, each in a new browser context (empty cache), after one unmeasured warm-up; ms since navigation start.`,
          "The server renders the first page of rows into the HTML (react-query prefetch), so rows appear before hydration.",
          "",
          table(
            ["milestone", "median ms", "p90 ms", "min ms", "max ms"],
            [
              row("first byte (responseStart)", "ttfb"),
              row("first job row in the DOM", "rowInDom"),
              row("first job row painted (next frame)", "rowPainted"),
              row("DOMContentLoaded end", "domContentLoaded"),
              row("load event end", "load"),
              row("largest contentful paint (the browser's LCP entry)", "lcp"),
            ],
          ),
          "",
          `LCP element: ${[...new Set(samples.map((s) => s.lcpElement))].join(", ")} (in emulator mode the banner above the table is the largest text block).`,
          "",
          `Lighthouse ${LIGHTHOUSE_VERSION} (performance category, system Chromium, simulated throttling; mobile = its default 4× CPU`,
          `slowdown and slow 4G), /jobs, ${LIGHTHOUSE_RUNS} run(s) per preset, median:`,
          "",
          table(
            ["preset", "runs", "score", "LCP ms", "FCP ms", "TBT ms", "CLS", "LCP element"],
            lighthouse.map((l) => {
              if (l.error || l.runs.length === 0)
                return [l.preset, 0, `not run: ${l.error ?? "no result"}`, "", "", "", "", ""];
              const m = (f: (r: LighthouseRun) => number) => median(l.runs.map(f));
              return [
                l.preset,
                l.runs.length,
                fmt(
                  m((r) => r.score),
                  2,
                ),
                fmt(
                  m((r) => r.lcpMs),
                  0,
                ),
                fmt(
                  m((r) => r.fcpMs),
                  0,
                ),
                fmt(
                  m((r) => r.tbtMs),
                  0,
                ),
                fmt(
                  m((r) => r.cls),
                  3,
                ),
                l.runs[0]!.lcpElement,
              ];
            }),
          ),
        ].join("\n"),
      );
    } finally {
      await app.stop();
    }
  } finally {
    await emulator.stop();
  }
}

declare global {
  interface Window {
    __firstRow?: { inDom: number; painted: number };
    __lcp?: { at: number; element: string };
  }
}

runMain(main);
