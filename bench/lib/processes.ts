/**
 * Starts and stops the processes a benchmark measures: the CI emulator and `next start` on the production build.
 * Each runs in its own process group (so `next start`'s children go with it) and is stopped by that id only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { appEnv, BENCH, emulatorEnv } from "./bench-env";

/** The repository root: the nearest folder up from the working directory with this project's package.json. */
function findRoot(): string {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    try {
      if (
        (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string }).name === "ci-batch-console"
      )
        return dir;
    } catch {
      /* keep looking */
    }
    if (dirname(dir) === dir) throw new Error("Run the benchmarks from inside the ci-batch-console repository");
  }
}

export const ROOT = findRoot();

export interface Started {
  url: string;
  pid: number;
  /** Last lines of stderr, for error messages. */
  stderr: () => string;
  stop: () => Promise<void>;
}

export function launch(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  cwd: string = ROOT,
): { child: ChildProcess; stderr: () => string } {
  const child = spawn(cmd, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true, // own process group: stop() ends the whole tree and nothing else
  });
  let tail = "";
  child.stderr?.on("data", (d: Buffer) => {
    tail = (tail + d.toString()).slice(-4_000);
  });
  return { child, stderr: () => tail };
}

export async function waitFor(
  url: string,
  child: ChildProcess,
  stderr: () => string,
  timeoutMs: number,
  init?: RequestInit,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`process exited (${child.exitCode}) before ${url} answered:\n${stderr()}`);
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${stderr()}`);
}

export function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const kill = (sig: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, sig);
        } catch {
          /* already gone */
        }
      };
      const hard = setTimeout(() => kill("SIGKILL"), 5_000);
      child.once("exit", () => {
        clearTimeout(hard);
        done();
      });
      kill("SIGTERM");
    });
}

/** The emulator from emulator/main.ts, via tsx. */
export async function startEmulator(
  port: number = BENCH.emulatorPort,
  extra: Record<string, string> = {},
): Promise<Started & { admin: <T>(path: string, init?: RequestInit) => Promise<T> }> {
  const { child, stderr } = launch(process.execPath, ["--import", "tsx", "emulator/main.ts"], emulatorEnv(port, extra));
  const url = `http://${BENCH.host}:${port}`;
  const stop = stopper(child);
  try {
    await waitFor(`${url}/__emulator/health`, child, stderr, 30_000);
  } catch (e) {
    await stop();
    throw e;
  }
  const admin = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const res = await fetch(`${url}/__emulator/${path}`, init);
    const text = await res.text();
    if (!res.ok) throw new Error(`emulator admin ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { url, pid: child.pid!, stderr, stop, admin };
}

export function assertBuild(distDir: string = BENCH.distDir): void {
  if (!existsSync(join(ROOT, distDir, "BUILD_ID"))) {
    throw new Error(`No production build in ${distDir}: run \`NEXT_DIST_DIR=${distDir} npx next build\` first`);
  }
}

/** `next start` on the production build in BENCH.distDir, pointed at the emulator; resolves when /api/health answers. */
export async function startApp(
  port: number,
  emulatorPort: number,
  extra: Record<string, string> = {},
): Promise<Started> {
  assertBuild(extra.NEXT_DIST_DIR ?? BENCH.distDir);
  // The embedded database serves one process: every server gets its own data directory.
  const dataDir = mkdtempSync(join(tmpdir(), `bench-app-${port}-`));
  const nextBin = join(ROOT, "node_modules/next/dist/bin/next");
  const { child, stderr } = launch(
    process.execPath,
    [nextBin, "start", "-p", String(port), "-H", BENCH.host],
    appEnv(emulatorPort, { DATA_DIR: dataDir, ...extra }),
  );
  const url = `http://${BENCH.host}:${port}`;
  const stopProcess = stopper(child);
  const stop = async () => {
    await stopProcess();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${url}/api/health`, child, stderr, 120_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, pid: child.pid!, stderr, stop };
}

/** Resident memory of a process and all its descendants, in bytes (Linux /proc). */
export function treeRss(rootPid: number): number {
  const parents = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // Fields after the command name, which is in parentheses and may contain spaces.
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(name), Number(rest[1]));
    } catch {
      /* exited meanwhile */
    }
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parents) if (ppid === tree[i]) tree.push(pid);
  let total = 0;
  for (const pid of tree) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      /* exited meanwhile */
    }
  }
  return total;
}

/** Samples treeRss every `everyMs` until stopped; returns the peak. */
export function watchPeakRss(pid: number, everyMs = 200): { stop: () => number } {
  let peak = treeRss(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRss(pid));
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, treeRss(pid));
    },
  };
}

/** A TCP port nothing listens on right now (for one-off servers such as the budget check's). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, BENCH.host, () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
