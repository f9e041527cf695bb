import "server-only";

/** One JSON line per event. Callers pass only safe fields: never headers, bodies or secrets. */
export function logEvent(event: Record<string, unknown>): void {
  if (process.env.LOG_LEVEL === "silent") return;
  process.stdout.write(JSON.stringify({ ts: new Date().toISOString(), ...event }) + "\n");
}
