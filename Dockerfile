# syntax=docker/dockerfile:1
# CI Batch Console: the production image (README "Deploying"). Three stages: deps (all packages, for the build) →
# build (next build + scripts/assemble-standalone.mjs) → runtime (only the assembled folder, no npm, no dev packages).
# The runtime stage holds exactly what scripts/assemble-standalone.mjs produced; scripts/smoke-standalone.mjs runs
# that same script and starts the result as an unprivileged user, which is how `npm test` checks this layout.
# No secret is used or stored at build time: every CI_* / AUTH_* / DATABASE_URL variable is read at run time.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone
COPY --from=deps /src/node_modules ./node_modules
COPY . .
RUN npx next build && node scripts/assemble-standalone.mjs /runtime

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    DATA_DIR=/data
# Owned by root and not writable by the app user: the app writes only to DATA_DIR (run with --read-only).
COPY --from=build /runtime ./
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
# The official image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
# Liveness only (no database, no CI): Node's own fetch, as the slim image has no curl.
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM drains requests, closes the database and exits within SHUTDOWN_GRACE_MS (default 25 s): give
# `docker stop` more than that (docker stop -t 30 / docker run --stop-timeout 30).
STOPSIGNAL SIGTERM
CMD ["node", "server.js"]
