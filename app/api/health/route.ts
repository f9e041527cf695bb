import { getRuntime } from "@/lib/server/ci-runtime";
import { getConfig } from "@/lib/server/config";
import { getDb } from "@/lib/server/db";
import { loadJobsPage } from "@/lib/server/jobs/list";
import { unreadableJobCount } from "@/lib/server/unreadable-jobs";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

const errorCode = (e: unknown) =>
  e && typeof e === "object" && "code" in e
    ? String((e as { code: unknown }).code)
    : e instanceof Error
      ? e.name
      : "Unknown";

/**
 * Liveness plus whether CI answers (one coalesced list call) and whether the audit database is open. The first call
 * after start-up also opens the database, so a load balancer's (or `npm start`'s) first probe warms it.
 * Never exposes details beyond error codes and the CI call budget's counters.
 */
export const GET = withApi(
  "GET /api/health",
  async () => {
    const [ci, db] = await Promise.all([
      (async () => {
        const started = performance.now();
        try {
          await loadJobsPage({ size: 1 });
          return { reachable: true, latencyMs: Math.round(performance.now() - started) };
        } catch (e) {
          return { reachable: false, error: errorCode(e) };
        }
      })(),
      (async () => {
        try {
          await getDb().query("SELECT 1");
          return { ok: true };
        } catch (e) {
          return { ok: false, error: errorCode(e) };
        }
      })(),
    ]);
    // The CI call budget: settings, tokens left per bucket, refusals so far (counts only, no identities).
    const ciBudget = getRuntime().budget.snapshot();
    // Jobs whose details CI sent in a shape we could not read (shown marked; counted once each).
    const unreadableJobs = unreadableJobCount();
    return jsonResponse(200, { ok: true, emulator: getConfig().emulator, ci, db, ciBudget, unreadableJobs });
  },
  { public: true },
);
