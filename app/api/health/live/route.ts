import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

/**
 * Liveness: the process serves HTTP. Nothing else is checked (no database, no CI), so a CI or database outage never
 * makes an orchestrator restart healthy instances. Public and content-free.
 */
export const GET = withApi("GET /api/health/live", async () => jsonResponse(200, { live: true }), { public: true });
