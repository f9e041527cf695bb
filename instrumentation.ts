/** Start-up validation (Node runtime only): see lib/server/startup-check.ts. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("./lib/server/startup-check")).runStartupChecks();
}
