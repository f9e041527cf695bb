/**
 * First-load JavaScript of a page, measured for real (Next 16 no longer prints sizes): load it in Chromium with an
 * empty cache, collect every JavaScript response until the network is quiet, count each URL once, and gzip each
 * body at level 9 ourselves (independent of what the server compresses).
 */
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import { findChromium } from "../../e2e/support/find-chromium";

export interface PageSpec {
  /** Label in tables and budgets, e.g. `/jobs/[id]`. */
  route: string;
  /** Path actually loaded. */
  path: string;
  /** Request headers (SSO identity); none for the not-signed-in view. */
  headers: Record<string, string>;
}

export interface PageWeight {
  route: string;
  path: string;
  status: number;
  files: number;
  rawBytes: number;
  gzipBytes: number;
  /** URL path → gzip bytes, to tell shared chunks from a page's own. */
  chunks: Record<string, number>;
  /** URL path → libraries recognised in the chunk (heuristic: distinctive strings that survive minification). */
  contents: Record<string, string[]>;
}

const MARKERS: [string, RegExp][] = [
  ["react-dom", /hydrateRoot|onRecoverableError/],
  ["next runtime", /NEXT_REDIRECT|next-route-announcer|__next_f|TURBOPACK_CHUNK_LISTS|Turbopack/],
  ["@tanstack/query", /QueryCache|No QueryClient set/],
  ["nuqs", /nuqs/],
  ["sonner", /data-sonner-toaster/],
  ["zod", /ZodError|invalid_type/],
  ["react-hook-form", /useFormContext|shouldUnregister/],
  ["radix", /radix/i],
];

/** Which known libraries a chunk contains, from strings that minification keeps. */
export function recognise(body: string, path: string): string[] {
  const found = MARKERS.filter(([, re]) => re.test(body)).map(([name]) => name);
  if (/turbopack-/.test(path) && !found.includes("next runtime")) found.push("next runtime");
  return found;
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}

const isJs = (url: string, contentType: string | undefined, resourceType: string) =>
  resourceType === "script" ||
  /javascript|ecmascript/.test(contentType ?? "") ||
  /\.m?js(\?|$)/.test(new URL(url).pathname);

export async function measurePage(browser: Browser, baseUrl: string, spec: PageSpec): Promise<PageWeight> {
  const context = await browser.newContext({ extraHTTPHeaders: spec.headers, serviceWorkers: "block" });
  const page = await context.newPage();
  const bodies = new Map<string, Promise<Buffer | null>>();
  page.on("response", (res) => {
    const url = res.url();
    if (bodies.has(url) || !url.startsWith(baseUrl)) return;
    if (!isJs(url, res.headers()["content-type"], res.request().resourceType())) return;
    bodies.set(
      url,
      res.body().catch(() => null),
    );
  });
  try {
    const res = await page.goto(baseUrl + spec.path, { waitUntil: "load", timeout: 30_000 });
    // Chunks loaded right after hydration count too; polling (every few seconds) does not stop the network idling.
    await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined);
    const chunks: Record<string, number> = {};
    const contents: Record<string, string[]> = {};
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const [url, pending] of bodies) {
      const body = await pending;
      if (!body) continue;
      const gz = gzipSync(body, { level: 9 }).length;
      const path = new URL(url).pathname;
      chunks[path] = gz;
      contents[path] = recognise(body.toString("utf8"), path);
      rawBytes += body.length;
      gzipBytes += gz;
    }
    return {
      route: spec.route,
      path: spec.path,
      status: res?.status() ?? 0,
      files: Object.keys(chunks).length,
      rawBytes,
      gzipBytes,
      chunks,
      contents,
    };
  } finally {
    await context.close();
  }
}

/**
 * Fallback without a browser: the page's `<script src>` tags (without `nomodule`, which modern browsers skip), each
 * fetched once and gzipped. Matches the browser measurement as long as no chunk is loaded only after hydration.
 */
export async function measurePageFromHtml(baseUrl: string, spec: PageSpec): Promise<PageWeight> {
  const res = await fetch(baseUrl + spec.path, { headers: spec.headers });
  const html = await res.text();
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<script\b([^>]*)>/g)) {
    const attrs = m[1]!;
    const src = /\ssrc="([^"]+)"/.exec(attrs)?.[1];
    if (src && !/\snomodule\b/i.test(attrs)) srcs.add(new URL(src.replace(/&amp;/g, "&"), baseUrl).pathname);
  }
  const chunks: Record<string, number> = {};
  const contents: Record<string, string[]> = {};
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const path of srcs) {
    const body = Buffer.from(await (await fetch(baseUrl + path)).arrayBuffer());
    const gz = gzipSync(body, { level: 9 }).length;
    chunks[path] = gz;
    contents[path] = recognise(body.toString("utf8"), path);
    rawBytes += body.length;
    gzipBytes += gz;
  }
  return {
    route: spec.route,
    path: spec.path,
    status: res.status,
    files: srcs.size,
    rawBytes,
    gzipBytes,
    chunks,
    contents,
  };
}

/** A Chromium to measure with, or null when none is installed (then pages are measured from their HTML). */
export function chromiumAvailable(): boolean {
  try {
    findChromium();
    return true;
  } catch {
    return false;
  }
}

/** The pages the budgets cover; `jobId` is an existing job (the detail page of a missing one is a 404 page). */
export function budgetPages(identity: Record<string, string>, jobId: string): PageSpec[] {
  return [
    { route: "/jobs", path: "/jobs", headers: identity },
    { route: "/jobs/[id]", path: `/jobs/${jobId}`, headers: identity },
    { route: "/jobs/new", path: "/jobs/new", headers: identity },
    { route: "floor: not signed in (/jobs without SSO headers)", path: "/jobs", headers: {} },
    { route: "floor: 404 page", path: "/this-page-does-not-exist", headers: identity },
  ];
}
