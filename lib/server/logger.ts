import "server-only";
import { redactUrlsInText } from "./audit-redact";

/**
 * One JSON line per event. Callers pass only safe fields: never headers, bodies or secrets; as a second line of
 * defence, URL credentials in any text (a CI message may quote a callback URL) are redacted.
 */
export function logEvent(event: Record<string, unknown>): void {
  if (process.env.LOG_LEVEL === "silent") return;
  const line = JSON.stringify({ ts: new Date().toISOString(), ...event }, (_k, v: unknown) => (typeof v === "string" ? redactUrlsInText(v) : v));
  process.stdout.write(line + "\n");
}
