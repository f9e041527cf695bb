/**
 * The floor under every page: a bare Next.js app (bench/fixtures/bare-next: a root layout and one static page, no
 * libraries), built with this repository's `next` and served by `next start`, so page weights can be read against
 * what the framework alone costs.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./processes";

const FIXTURE = join(ROOT, "bench/fixtures/bare-next");
const NEXT_BIN = join(ROOT, "node_modules/next/dist/bin/next");

function nextVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, "node_modules/next/package.json"), "utf8")) as { version: string }).version;
}

/** Builds the fixture unless its build is already there (a `next` upgrade rebuilds: the marker holds the version). */
function ensureBuilt(): void {
  const marker = join(FIXTURE, ".next/BUILT_WITH");
  if (existsSync(marker) && readFileSync(marker, "utf8") === nextVersion()) return;
  const r = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: FIXTURE, encoding: "utf8", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) throw new Error(`next build of bench/fixtures/bare-next failed:\n${r.stdout}\n${r.stderr}`);
  spawnSync("sh", ["-c", `printf %s "${nextVersion()}" > "${marker}"`]);
}

export async function startBareNext(port: number, host: string): Promise<{ url: string; stop: () => Promise<void> }> {
  ensureBuilt();
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", host], { cwd: FIXTURE, stdio: "ignore", detached: true });
  const url = `http://${host}:${port}`;
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once("exit", () => done());
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        done();
      }
    });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start of the bare fixture exited (${child.exitCode})`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return { url, stop };
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${url} (bare Next.js fixture) did not answer within 60 s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
