/** Serves the production build against an emulator and measures the first-load JS of every budgeted page. */
import { BENCH } from "./bench-env";
import { budgetPages, launchChromium, measurePage, type PageWeight } from "./page-weight";
import { startApp, startEmulator } from "./processes";

export interface MeasureOptions {
  appPort: number;
  emulatorPort: number;
  distDir?: string;
  log?: (line: string) => void;
}

export async function measureBudgetPages(opts: MeasureOptions): Promise<PageWeight[]> {
  const log = opts.log ?? (() => undefined);
  const emulator = await startEmulator(opts.emulatorPort);
  try {
    const app = await startApp(opts.appPort, opts.emulatorPort, { LOG_LEVEL: "silent", ...(opts.distDir ? { NEXT_DIST_DIR: opts.distDir } : {}) });
    try {
      const list = (await (await fetch(`${app.url}/api/jobs?size=1`, { headers: { ...BENCH.identity } })).json()) as { jobs?: { JobId: string }[] };
      const jobId = list.jobs?.[0]?.JobId;
      if (!jobId) throw new Error("GET /api/jobs returned no job to open /jobs/[id] with");
      const browser = await launchChromium();
      try {
        const out: PageWeight[] = [];
        for (const spec of budgetPages({ ...BENCH.identity }, jobId)) {
          const w = await measurePage(browser, app.url, spec);
          log(`  ${spec.route}: HTTP ${w.status}, ${w.files} JS files, ${(w.gzipBytes / 1024).toFixed(1)} kB gzip`);
          out.push(w);
        }
        return out;
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
