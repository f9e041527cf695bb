/** Serves the production build against an emulator and measures the first-load JS of every budgeted page. */
import { BENCH } from "./bench-env";
import {
  budgetPages,
  chromiumAvailable,
  launchChromium,
  measurePage,
  measurePageFromHtml,
  type PageWeight,
} from "./page-weight";
import { startApp, startEmulator } from "./processes";

export interface MeasureOptions {
  appPort: number;
  emulatorPort: number;
  distDir?: string;
  log?: (line: string) => void;
  /** Measure from the HTML's script tags instead of in Chromium (also the fallback when no Chromium is installed). */
  htmlOnly?: boolean;
}

export interface Measured {
  weights: PageWeight[];
  method: "chromium" | "html";
}

export async function measureBudgetPages(opts: MeasureOptions): Promise<Measured> {
  const log = opts.log ?? (() => undefined);
  const emulator = await startEmulator(opts.emulatorPort);
  try {
    const app = await startApp(opts.appPort, opts.emulatorPort, {
      LOG_LEVEL: "silent",
      ...(opts.distDir ? { NEXT_DIST_DIR: opts.distDir } : {}),
    });
    try {
      const list = (await (await fetch(`${app.url}/api/jobs?size=1`, { headers: { ...BENCH.identity } })).json()) as {
        jobs?: { JobId: string }[];
      };
      const jobId = list.jobs?.[0]?.JobId;
      if (!jobId) throw new Error("GET /api/jobs returned no job to open /jobs/[id] with");
      const specs = budgetPages({ ...BENCH.identity }, jobId);
      const report = (w: PageWeight) =>
        log(`  ${w.route}: HTTP ${w.status}, ${w.files} JS files, ${(w.gzipBytes / 1024).toFixed(1)} kB gzip`);
      if (opts.htmlOnly || !chromiumAvailable()) {
        const weights: PageWeight[] = [];
        for (const spec of specs) weights.push(await measurePageFromHtml(app.url, spec));
        weights.forEach(report);
        return { weights, method: "html" };
      }
      const browser = await launchChromium();
      try {
        const weights: PageWeight[] = [];
        for (const spec of specs) {
          const w = await measurePage(browser, app.url, spec);
          report(w);
          weights.push(w);
        }
        return { weights, method: "chromium" };
      } finally {
        await browser.close();
      }
    } finally {
      await app.stop();
    }
  } finally {
    await emulator.stop();
  }
}
