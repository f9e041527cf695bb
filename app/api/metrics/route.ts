import { getConfig } from "@/lib/server/config";
import { metricsText } from "@/lib/server/metrics";
import { checkMetricsAccess } from "@/lib/server/metrics-access";
import { errorResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

/** Prometheus text exposition (lib/server/metrics.ts); bearer token or loopback only (metrics-access.ts). */
export const GET = withApi(
  "GET /api/metrics",
  async ({ req, url }) => {
    const access = checkMetricsAccess(req.headers, url, getConfig().metricsToken);
    if (!access.ok) {
      const res = errorResponse(access.status, access.code, access.message);
      if (access.status === 401) res.headers.set("WWW-Authenticate", 'Bearer realm="metrics"');
      return res;
    }
    const { body, contentType } = await metricsText();
    return new Response(body, { status: 200, headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
  },
  { public: true },
);
