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
    // proxy.ts does not run on /api, so API bodies reach lib/server/read-body.ts unbuffered; should a request with a
    // body ever pass the proxy, Next buffers at most this much of it for the proxy (just above read-body's 256 KiB).
    proxyClientMaxBodySize: "512kb",
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: constantSecurityHeaders,
      },
      {
        // API answers are JSON or CSV, never a document that runs anything: a static policy that allows nothing.
        // (Pages get their per-request nonce policy from proxy.ts, which does not run on /api: see its matcher.)
        source: "/api/:path*",
        headers: [
          {
            key: "Content-Security-Policy",
            value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
          },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
