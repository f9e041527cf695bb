/**
 * Fault drills drive the real route handlers against an in-process emulator, like route-harness, but keep the
 * emulator object in hand: every CI request's arrival time is recorded (to show retry pacing) and a fault can be
 * limited to the next N CI requests (deterministic bursts instead of random rates).
 */
import { createEmulator, type Emulator } from "@/emulator/server";
import { matchRoute } from "@/emulator/router";
import { faultConfigSchema, type FaultConfig } from "@/emulator/faults";
import type { StatsSnapshot } from "@/emulator/stats";
import { closeDb, getDb } from "@/lib/server/db";
import * as jobsRoute from "@/app/api/jobs/route";
import { resetRuntimeForTests } from "@/lib/server/ci-runtime";
import { BUCKET, OTHER_BUCKET, SECRET_ID, SECRET_KEY, get, pointAppAt } from "./route-harness";

export interface Arrival {
  /** performance.now() when the request reached the emulator. */
  at: number;
  /** Route key as the emulator's stats name it, or `unmatched`. */
  route: string;
}

export interface DrillHarness {
  emulator: Emulator;
  emulatorUrl: string;
  /** CI requests (admin calls excluded) since the last `mark()`. */
  arrivals: () => Arrival[];
  /** Forgets arrivals and resets the emulator's counters. */
  mark: () => void;
  /**
   * Sets faults as the admin API does (same schema; in-process, so no admin socket can race a keep-alive timeout);
   * `forCalls` clears them after that many CI requests of the routes the fault applies to.
   */
  fault: (config: FaultConfig, forCalls?: number) => Promise<void>;
  clearFaults: () => Promise<void>;
  stats: () => StatsSnapshot;
  /** Number of jobs the emulator created through POST /inventorytriggerjob (the trigger log). */
  triggerCount: () => number;
  close: () => Promise<void>;
}

export async function startDrillHarness(env: Record<string, string> = {}): Promise<DrillHarness> {
  const emulator = createEmulator({
    credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY },
    buckets: [
      { bucket: BUCKET, region: "ap-beijing" },
      { bucket: OTHER_BUCKET, region: "ap-shanghai" },
    ],
    stepMs: 60_000,
    seedCount: 120,
  });
  let arrivals: Arrival[] = [];
  let remaining: number | null = null;
  let limitedRoutes: readonly string[] | undefined;
  // Runs before the emulator's own handler (which reads the body first), so a cleared fault already applies to
  // the request that crosses the limit.
  emulator.server.prependListener("request", (req) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (path.startsWith("/__emulator/")) return;
    const m = matchRoute(req.method ?? "GET", path);
    arrivals.push({ at: performance.now(), route: m.key ?? "unmatched" });
    if (remaining !== null && (!limitedRoutes || limitedRoutes.includes(m.key ?? ""))) {
      if (remaining <= 0) {
        emulator.faults.clear();
        remaining = null;
      } else remaining--;
    }
  });
  const port = await emulator.listen(0, "127.0.0.1");
  const emulatorUrl = `http://127.0.0.1:${port}`;
  await pointAppAt(emulatorUrl, "ci-console-drills-", env);

  return {
    emulator,
    emulatorUrl,
    arrivals: () => [...arrivals],
    mark: () => {
      arrivals = [];
      emulator.stats.reset();
    },
    fault: async (config, forCalls) => {
      emulator.faults.set(faultConfigSchema.parse(config));
      remaining = forCalls ?? null;
      limitedRoutes = config.routes;
    },
    clearFaults: async () => {
      remaining = null;
      emulator.faults.clear();
    },
    stats: () => emulator.stats.snapshot(),
    triggerCount: () => emulator.store.triggers.filter((t) => t.jobId !== null).length,
    close: async () => {
      resetRuntimeForTests();
      await closeDb();
      await emulator.close();
    },
  };
}

/**
 * Opens the embedded database and the CI connection pool before any timed case: the first query starts PGlite and
 * runs the migrations, which takes seconds on a busy machine and would otherwise be charged to a drill.
 */
export async function warmUp(): Promise<void> {
  await getDb().query("select 1");
  const res = await jobsRoute.GET(get("/api/jobs?size=1"));
  if (res.status !== 200) throw new Error(`warm-up list call answered ${res.status}`);
}

/** Calls of one route key among the arrivals. */
export const callsTo = (arrivals: Arrival[], route: string) => arrivals.filter((a) => a.route === route);

/** Gaps between consecutive arrivals, in ms. */
export const gaps = (arrivals: Arrival[]) => arrivals.slice(1).map((a, i) => a.at - arrivals[i]!.at);

export interface ApiErrorBody {
  error: { code: string; message: string; requestId?: string; retryable?: boolean; outcomeUnknown?: boolean };
}
