/**
 * The floor under every page: a bare Next.js app (bench/fixtures/bare-next: a root layout and one static page, no
 * libraries), built with this repository's `next` and served by `next start`, so page weights can be read against
 * what the framework alone costs.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launch, ROOT, stopper, waitFor } from "./processes";

const FIXTURE = join(ROOT, "bench/fixtures/bare-next");
const NEXT_BIN = join(ROOT, "node_modules/next/dist/bin/next");

function nextVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, "node_modules/next/package.json"), "utf8")) as { version: string })
    .version;
}

/** Builds the fixture unless its build is already there (a `next` upgrade rebuilds: the marker holds the version). */
function ensureBuilt(): void {
  const marker = join(FIXTURE, ".next/BUILT_WITH");
  if (existsSync(marker) && readFileSync(marker, "utf8") === nextVersion()) return;
  const r = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: FIXTURE,
    encoding: "utf8",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (r.status !== 0) throw new Error(`next build of bench/fixtures/bare-next failed:\n${r.stdout}\n${r.stderr}`);
  writeFileSync(marker, nextVersion());
}

export async function startBareNext(port: number, host: string): Promise<{ url: string; stop: () => Promise<void> }> {
  ensureBuilt();
  const { child, stderr } = launch(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", host], {}, FIXTURE);
  const url = `http://${host}:${port}`;
  const stop = stopper(child);
  try {
    await waitFor(url, child, stderr, 60_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, stop };
}
