/**
 * Page weight: first-load JavaScript (gzip -9 of every JS response, each URL once) of /jobs, /jobs/[id], /jobs/new
 * and the floor (pages with no page code: the not-signed-in view and a 404), loaded in Chromium from `next start`,
 * next to a bare Next.js app's page (bench/fixtures/bare-next) and what the libraries we use cost on their own.
 * The same measurement scripts/check-budgets.mjs enforces against bench/budgets.json.
 */
import { startBareNext } from "./lib/bare-next";
import { BENCH } from "./lib/bench-env";
import { readBudgets } from "./lib/check-budgets";
import { libraryCosts } from "./lib/library-cost";
import { measureBudgetPages } from "./lib/measure-pages";
import {
  chromiumAvailable,
  launchChromium,
  measurePage,
  measurePageFromHtml,
  type PageWeight,
} from "./lib/page-weight";
import { runMain, writeSection } from "./lib/report";
import { kb, table } from "./lib/stats";

/** The bare Next.js page, measured the same way as the app's pages. */
async function measureBare(method: "chromium" | "html"): Promise<PageWeight> {
  const bare = await startBareNext(BENCH.appPorts[3], BENCH.host);
  const spec = { route: "bare Next.js page (bench/fixtures/bare-next)", path: "/", headers: {} };
  try {
    if (method === "html" || !chromiumAvailable()) return await measurePageFromHtml(bare.url, spec);
    const browser = await launchChromium();
    try {
      return await measurePage(browser, bare.url, spec);
    } finally {
      await browser.close();
    }
  } finally {
    await bare.stop();
  }
}

async function main(): Promise<void> {
  const { weights, method } = await measureBudgetPages({
    appPort: BENCH.appPorts[2],
    emulatorPort: BENCH.emulatorPort + 2,
    log: (l) => console.error(l),
  });
  const bare = await measureBare(method);
  console.error(`  ${bare.route}: ${bare.files} JS files, ${kb(bare.gzipBytes)} gzip`);
  const libs = await libraryCosts();
  const budgets = readBudgets();
  const floor = weights.filter((w) => w.route.startsWith("floor:")).sort((a, b) => a.gzipBytes - b.gzipBytes)[0]!;
  const floorUrls = new Set(Object.keys(floor.chunks));
  const rows = weights.map((w) => {
    const own = Object.entries(w.chunks).filter(([u]) => !floorUrls.has(u));
    const ownBytes = own.reduce((s, [, b]) => s + b, 0);
    const b = budgets[w.route];
    const verdict = !b
      ? ""
      : w.status !== 200 && !w.route.startsWith("floor:")
        ? `HTTP ${w.status}: not built yet`
        : w.gzipBytes / 1024 <= b.target
          ? `met (${b.target} kB)`
          : `missed (${b.target} kB)`;
    return [
      w.route,
      w.status,
      w.files,
      kb(w.rawBytes),
      kb(w.gzipBytes),
      `${kb(ownBytes)} in ${own.length} files`,
      kb(w.gzipBytes - bare.gzipBytes),
      b ? `${b.budget} kB` : "",
      verdict,
    ];
  });
  rows.push([bare.route, 200, bare.files, kb(bare.rawBytes), kb(bare.gzipBytes), "–", "0.0 kB", "", ""]);
  const jobsTarget = budgets["/jobs"]?.target ?? 150;
  const reactQuery = libs[0]!.gzipBytes;
  const floorChunks = Object.entries(floor.chunks)
    .sort((a, b) => b[1] - a[1])
    .map(([u, bytes]) => [u.split("/").pop()!, kb(bytes), floor.contents[u]?.join(", ") || "app code / other"]);
  const sum = (pred: (libs: string[]) => boolean) =>
    Object.entries(floor.chunks).reduce((s, [u, b]) => s + (pred(floor.contents[u] ?? []) ? b : 0), 0);
  const frameworkOnly = sum((l) => l.length > 0 && l.every((x) => x === "react-dom" || x === "next runtime"));
  const unattributed = sum((l) => l.length === 0);
  writeSection(
    "page-weight",
    [
      "## Page weight: first-load JavaScript",
      "",
      method === "chromium"
        ? "Each page loaded in Chromium with an empty cache until the network is idle; every JavaScript response counted once,"
        : "NO CHROMIUM: measured from each page's <script src> tags (nomodule skipped), every file counted once,",
      'gzip level 9 applied here (independent of the server\'s own compression). "Beyond floor" = JS the floor page does not load.',
      "",
      table(
        [
          "page",
          "HTTP",
          "JS files",
          "raw",
          "gzip",
          "beyond floor (gzip)",
          "beyond bare Next.js",
          "CI budget",
          "issue target",
        ],
        rows,
      ),
      "",
      "What the libraries cost on their own (bench/lib/library-cost.ts: the exports we use, esbuild-minified, React and Next",
      "excluded, gzip -9; estimates, Turbopack's chunking differs):",
      "",
      table(
        ["library (as used)", "gzip"],
        libs.map((l) => [l.label, kb(l.gzipBytes)]),
      ),
      "",
      `The /jobs target of ${jobsTarget} kB leaves ${kb(jobsTarget * 1024 - bare.gzipBytes)} above a bare Next.js page; react-query alone takes`,
      `${kb(reactQuery)} of it, leaving ${kb(jobsTarget * 1024 - bare.gzipBytes - reactQuery)} for URL state, the table, filters, pagination and live updates.`,
      "",
      `Floor chunks (${floor.route}), largest first:`,
      "",
      table(["chunk", "gzip", "recognised inside (heuristic)"], floorChunks),
      "",
      `Framework chunks (React + Next runtime only): ${kb(frameworkOnly)}; chunks with app-shell libraries (react-query, nuqs,`,
      `sonner): ${kb(floor.gzipBytes - frameworkOnly - unattributed)}; unrecognised (small Next/Turbopack helpers, our shell): ${kb(unattributed)}.`,
    ].join("\n"),
  );
}

runMain(main);
