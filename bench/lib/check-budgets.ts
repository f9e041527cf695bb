/**
 * The budget check behind scripts/check-budgets.mjs: serves the production build (NEXT_DIST_DIR, else .next) on free
 * ports against the emulator, measures each budgeted page's first-load JS and compares it with bench/budgets.json.
 * Prints the figures every time; exits 1 when a page is over budget or cannot be measured.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { measureBudgetPages } from "./measure-pages";
import type { PageWeight } from "./page-weight";
import { freePort, ROOT } from "./processes";
import { table } from "./stats";

interface Budget {
  target: number;
  budget: number;
  reason?: string;
}

export interface BudgetVerdict {
  route: string;
  kB: number | null;
  files: number;
  status: number;
  budget: Budget;
  problem: string | null;
}

export function readBudgets(): Record<string, Budget> {
  return (JSON.parse(readFileSync(join(ROOT, "bench/budgets.json"), "utf8")) as { routes: Record<string, Budget> })
    .routes;
}

/** Pure comparison, so the rules are easy to read: over budget fails, a real page that does not render fails. */
export function judge(budgets: Record<string, Budget>, weights: PageWeight[]): BudgetVerdict[] {
  return Object.entries(budgets).map(([route, budget]) => {
    const w = weights.find((x) => x.route === route);
    if (!w)
      return {
        route,
        kB: null,
        files: 0,
        status: 0,
        budget,
        problem: "not measured (no such page in bench/lib/page-weight.ts)",
      };
    const kB = w.gzipBytes / 1024;
    // The floor pages are a not-signed-in view and a 404 page; every other page must render.
    const mustRender = !route.startsWith("floor:");
    let problem: string | null = null;
    if (mustRender && w.status !== 200) problem = `answered HTTP ${w.status}, so its JavaScript cannot be judged`;
    else if (kB > budget.budget) problem = `${kB.toFixed(1)} kB is over the ${budget.budget} kB budget`;
    return { route, kB, files: w.files, status: w.status, budget, problem };
  });
}

async function main(): Promise<number> {
  const started = performance.now();
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  const budgets = readBudgets();
  console.log(
    `JavaScript budgets: first-load JS of each page (gzip -9 of every JS file it loads), build in ${distDir}`,
  );
  const { weights, method } = await measureBudgetPages({
    appPort: await freePort(),
    emulatorPort: await freePort(),
    distDir,
    htmlOnly: process.argv.includes("--html"),
  });
  console.log(
    method === "html"
      ? "No Chromium found (or --html): measured from each page's <script src> tags instead of a real load"
      : "Measured by loading each page in Chromium",
  );
  const verdicts = judge(budgets, weights);
  const rows = verdicts.map((v) => {
    const measurable = v.kB !== null && (v.status === 200 || v.route.startsWith("floor:"));
    const target = !measurable
      ? "–"
      : v.kB! <= v.budget.target
        ? "met"
        : `missed by ${(v.kB! - v.budget.target).toFixed(1)} kB`;
    return [
      v.route,
      v.kB === null ? "–" : `${v.kB.toFixed(1)} kB`,
      v.files,
      v.status,
      `${v.budget.budget} kB`,
      `${v.budget.target} kB ${target}`,
      v.problem ? "FAIL" : "ok",
    ];
  });
  console.log(table(["page", "first-load JS (gzip)", "files", "HTTP", "budget", "issue target", "result"], rows));
  for (const v of verdicts)
    if (v.budget.budget > v.budget.target && v.budget.reason)
      console.log(`  ${v.route}: budget above the issue target — ${v.budget.reason}`);
  console.log(`(measured in ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const failed = verdicts.filter((v) => v.problem);
  if (failed.length > 0) {
    console.error(`\n✖ JavaScript budgets:\n${failed.map((v) => `  ${v.route}: ${v.problem}`).join("\n")}`);
    return 1;
  }
  console.log("✔ Every page is within its JavaScript budget");
  return 0;
}

if (process.argv[1]?.endsWith("check-budgets.ts")) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(`✖ Could not measure the JavaScript budgets: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
