import { getReadiness } from "@/lib/server/readiness";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

/**
 * Readiness: the database answers and CI is reachable (lib/server/readiness.ts; cached for a few seconds), and the
 * process is not shutting down. 503 otherwise. Public; the body holds status labels only.
 */
export const GET = withApi(
  "GET /api/health/ready",
  async () => {
    const readiness = await getReadiness();
    return jsonResponse(readiness.ready ? 200 : 503, readiness);
  },
  { public: true },
);
