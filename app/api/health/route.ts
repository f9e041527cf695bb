import { getConfig } from "@/lib/server/config";
import { loadJobsPage } from "@/lib/server/jobs-service";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

/** Liveness plus whether CI answers (one coalesced list call; never exposes details beyond CI's error code). */
export const GET = withApi(
  "GET /api/health",
  async () => {
    const started = performance.now();
    try {
      await loadJobsPage({ size: 1 });
      return jsonResponse(200, { ok: true, emulator: getConfig().emulator, ci: { reachable: true, latencyMs: Math.round(performance.now() - started) } });
    } catch (e) {
      const code = e && typeof e === "object" && "code" in e ? String((e as { code: unknown }).code) : "Unknown";
      return jsonResponse(200, { ok: true, ci: { reachable: false, error: code } });
    }
  },
  { public: true },
);
