/**
 * Graceful shutdown on SIGTERM / SIGINT, for `next start` and the standalone `server.js` alike.
 *
 * Both run Next's `startServer` (node_modules/next/dist/server/lib/start-server.js), whose own signal handler already
 * does the first half: it stops accepting connections (`server.close()`), waits for the requests in flight, runs
 * Next's cleanup (pending `after()` work), then calls `process.exit(143)`. It offers no hook after the drain, and
 * `NEXT_MANUAL_SIG_HANDLE` would switch that drain off without giving us the HTTP server to stop ourselves. So this
 * module adds the second half around it:
 *   - readiness answers 503 from the first signal on (load balancers stop sending new work);
 *   - when Next calls `process.exit` after the drain, the database is closed first (PGlite checkpoints its files and
 *     frees DATA_DIR; a PostgreSQL pool ends its connections), then the process exits with Next's code;
 *   - if requests are still running when SHUTDOWN_GRACE_MS is over, the process closes the database and exits anyway
 *     (exit code 1), so an orchestrator's own kill never has to come.
 * Do not set NEXT_MANUAL_SIG_HANDLE: Next would then neither stop accepting nor drain, and the process would only
 * exit at the end of the grace period.
 * No `server-only` import: it holds no secret, and test/server/shutdown-child.ts runs it in a plain Node process.
 */

export interface ShutdownOptions {
  graceMs: number;
  /** Releases resources (the database) once no request is running any more. */
  close: () => Promise<void>;
  log?: (line: string) => void;
}

interface ShutdownState {
  installed: boolean;
  /** When the first stop signal arrived (ms since epoch). */
  since?: number;
}

// One state per process: Next loads instrumentation and each route bundle as separate module instances.
const KEY = Symbol.for("ci-batch-console.shutdown");
const state = (): ShutdownState => ((globalThis as { [KEY]?: ShutdownState })[KEY] ??= { installed: false });

/** True once SIGTERM/SIGINT arrived: readiness reports "not ready" so no new traffic is routed here. */
export function isShuttingDown(): boolean {
  return state().since !== undefined;
}

/** Installs the signal handlers once per process (later calls do nothing). */
export function installGracefulShutdown(opts: ShutdownOptions): void {
  const s = state();
  if (s.installed) return;
  s.installed = true;
  const log = opts.log ?? ((line: string) => console.log(line));
  const realExit = process.exit.bind(process);
  let exiting = false;

  // Closes the database within what is left of the grace period, then ends the process.
  const finish = (code: number | string | null | undefined, why: string) => {
    if (exiting) return;
    exiting = true;
    const left = Math.max(1_000, (s.since ?? Date.now()) + opts.graceMs - Date.now());
    const closed = opts.close().then(
      () => true,
      () => false,
    );
    const timeout = new Promise<boolean>((r) => setTimeout(() => r(false), left).unref());
    void Promise.race([closed, timeout]).then((ok) => {
      log(
        `Shutdown: ${why}; database ${ok ? "closed" : "not closed cleanly"} after ${Date.now() - (s.since ?? Date.now())} ms`,
      );
      realExit(code ?? 0);
    });
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (s.since !== undefined) return; // a second signal (Ctrl+C twice, shell and parent both) changes nothing
    s.since = Date.now();
    log(`Shutdown: ${signal} received; finishing requests in flight (at most ${opts.graceMs} ms)`);
    // Next's handler ends with process.exit once the server is drained: close the database before that exit.
    process.exit = ((code?: number | string | null) => finish(code, "requests finished")) as typeof process.exit;
    setTimeout(
      () => finish(1, `grace period of ${opts.graceMs} ms over with requests still running`),
      opts.graceMs,
    ).unref();
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}

/** Tests run several scenarios in one process. */
export function resetShutdownForTests(): void {
  const s = state();
  s.installed = false;
  s.since = undefined;
}
