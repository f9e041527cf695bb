/**
 * Lighthouse against a running page, with the system Chromium. Not a dependency of the project (it weighs ~190 MB and
 * only this benchmark uses it): fetched on first use with `npx lighthouse@<pinned>`; where that cannot run (no
 * registry, no Chromium) the benchmark says so instead of failing.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findChromium } from "../../e2e/support/find-chromium";

/** 12.x: the last line that runs on Node 20 (13 needs Node 22.19). */
export const LIGHTHOUSE_VERSION = "12.8.2";

export interface LighthouseRun {
  score: number;
  lcpMs: number;
  fcpMs: number;
  tbtMs: number;
  cls: number;
  lcpElement: string;
}

export function runLighthouse(
  url: string,
  headers: Record<string, string>,
  preset: "desktop" | "mobile",
): LighthouseRun | { error: string } {
  let chrome: string;
  try {
    chrome = findChromium();
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  const dir = mkdtempSync(join(tmpdir(), "bench-lighthouse-"));
  const out = join(dir, "report.json");
  try {
    const args = [
      "--yes",
      `lighthouse@${LIGHTHOUSE_VERSION}`,
      url,
      "--quiet",
      "--output=json",
      `--output-path=${out}`,
      "--only-categories=performance",
      `--extra-headers=${JSON.stringify(headers)}`,
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
      ...(preset === "desktop" ? ["--preset=desktop"] : []),
    ];
    const r = spawnSync("npx", args, {
      encoding: "utf8",
      timeout: 240_000,
      env: { ...process.env, CHROME_PATH: chrome },
    });
    if (r.status !== 0)
      return {
        error: `lighthouse exited ${r.status ?? r.signal}: ${(r.stderr || r.stdout || "").trim().split("\n").slice(-2).join(" ")}`,
      };
    const report = JSON.parse(readFileSync(out, "utf8")) as {
      categories: { performance: { score: number } };
      audits: Record<
        string,
        {
          numericValue?: number;
          details?: { items?: { items?: { node?: { nodeLabel?: string; selector?: string } }[] }[] };
        }
      >;
    };
    const a = report.audits;
    const node = a["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node;
    return {
      score: report.categories.performance.score,
      lcpMs: a["largest-contentful-paint"]?.numericValue ?? NaN,
      fcpMs: a["first-contentful-paint"]?.numericValue ?? NaN,
      tbtMs: a["total-blocking-time"]?.numericValue ?? NaN,
      cls: a["cumulative-layout-shift"]?.numericValue ?? NaN,
      lcpElement: (node?.selector ?? node?.nodeLabel ?? "?").slice(0, 60),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
