import "server-only";
import { isCiError } from "@/lib/ci/errors";
import { getDb } from "./db";
import { loadJobsPage } from "./jobs/list";
import { isShuttingDown } from "./shutdown";

/**
 * Readiness for load balancers and Kubernetes: may this instance receive traffic? Labels only — never an error
 * message, a host, a bucket or an endpoint — because the route answers without an identity.
 */
export interface Readiness {
  ready: boolean;
  checks: {
    database: "ok" | "unavailable";
    /**
     * ok: CI answered. degraded: CI answered with a throttle, a server error or a malformed answer — CI's trouble,
     * the same for every instance, shown to users by the dashboard itself, so the instance stays ready.
     * unreachable: no answer (network, timeout). refused: CI turned our request down (key, signature, bucket):
     * this instance is misconfigured, and a rollout of it should stop while the old instances keep serving.
     */
    ci: "ok" | "degraded" | "unreachable" | "refused" | "failed";
  };
  shuttingDown?: true;
}

/** How long one result is reused: probes from several sources cost at most one check per window. */
export const READINESS_CACHE_MS = 5_000;
/** A probe waits at most this long for a refresh before answering with the previous result. */
const PROBE_WAIT_MS = 2_000;

interface Cache {
  at: number;
  result?: Readiness;
  running?: Promise<Readiness>;
}

const KEY = Symbol.for("ci-batch-console.readiness");
const cache = (): Cache => ((globalThis as { [KEY]?: Cache })[KEY] ??= { at: 0 });

async function checkDatabase(): Promise<Readiness["checks"]["database"]> {
  try {
    await getDb().query("SELECT 1");
    return "ok";
  } catch {
    return "unavailable";
  }
}

async function checkCi(): Promise<Readiness["checks"]["ci"]> {
  try {
    // One row, through the same coalescing as /api/health: probes and health checks share one CI call per window.
    await loadJobsPage({ size: 1 });
    return "ok";
  } catch (e) {
    if (!isCiError(e)) return "failed";
    if (e.status === 0) return "unreachable";
    if (e.status >= 400 && e.status < 500 && e.status !== 429) return "refused";
    return "degraded";
  }
}

async function runChecks(): Promise<Readiness> {
  const [database, ci] = await Promise.all([checkDatabase(), checkCi()]);
  return { ready: database === "ok" && (ci === "ok" || ci === "degraded"), checks: { database, ci } };
}

/**
 * The current readiness: from the cache when fresh; otherwise one shared check (the first ever is awaited, later
 * ones answer with the previous result if the refresh takes longer than PROBE_WAIT_MS, so a probe stays quick).
 */
export async function getReadiness(now: () => number = Date.now): Promise<Readiness> {
  if (isShuttingDown())
    return { ready: false, checks: cache().result?.checks ?? { database: "ok", ci: "ok" }, shuttingDown: true };
  const c = cache();
  if (c.result && now() - c.at < READINESS_CACHE_MS) return c.result;
  c.running ??= runChecks().then((result) => {
    c.result = result;
    c.at = now();
    c.running = undefined;
    return result;
  });
  const previous = c.result;
  if (!previous) return c.running;
  return Promise.race([c.running, new Promise<Readiness>((r) => setTimeout(() => r(previous), PROBE_WAIT_MS).unref())]);
}

/** Tests start each case from an empty cache. */
export function resetReadinessForTests(): void {
  const c = cache();
  c.at = 0;
  c.result = undefined;
  c.running = undefined;
}
