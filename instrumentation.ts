/**
 * Runs once when the Node server starts (`next start` and the standalone server.js alike): validates the
 * configuration and the audit log's guard (lib/server/startup-check.ts), then installs the graceful shutdown (lib/server/shutdown.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  await (await import("./lib/server/startup-check")).runStartupChecks();
  const [{ parseConfig }, { installGracefulShutdown }, { closeDb }] = await Promise.all([
    import("./lib/server/config-schema"),
    import("./lib/server/shutdown"),
    import("./lib/server/db"),
  ]);
  installGracefulShutdown({ graceMs: parseConfig(process.env).shutdownGraceMs, close: closeDb });
}
