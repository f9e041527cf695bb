// @ts-check
/**
 * Security headers that are the same for every answer, static assets included. The Content-Security-Policy (a fresh
 * script nonce per request) and the optional Strict-Transport-Security (HSTS_MAX_AGE, read at run time) are set by
 * proxy.ts instead. COOP/CORP: no other site may hold a window reference to ours or embed its responses.
 */
const constantSecurityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // NEXT_OUTPUT=standalone (set by the Dockerfile and `npm test`) adds a self-contained server (server.js + only the
  // traced node_modules) for the container image: see Dockerfile and scripts/assemble-standalone.mjs. Off otherwise,
  // because `next start` (npm start) warns on a standalone build although it serves it correctly.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // PGlite loads its WebAssembly and data files from its own package directory; bundled, it cannot find them.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "prom-client"], // prom-client: one registry module per process (lib/server/metrics.ts)
  // unauthorized() / forbidden() render app/unauthorized.tsx and app/forbidden.tsx with real 401 / 403 statuses.
  experimental: {
    authInterrupts: true,
    // proxy.ts runs on API routes too (CSP), and Next buffers a request body for it up to this size: keep that just
    // above the API's own body limit (lib/server/read-body.ts, 256 KiB) so an oversized body is never held in memory.
    proxyClientMaxBodySize: "512kb",
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: constantSecurityHeaders,
      },
    ];
  },
};

module.exports = nextConfig;
