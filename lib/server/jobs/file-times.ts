/**
 * CI writes times in more than one way (docs/ci-api.md §8.1): `2022-08-09T14:54:17+08:00` in workflow instances,
 * `2022-08-09T14:54:17+0800` in jobs, `-` for "not yet"; COS writes ISO with `Z`. All become ISO instants or nothing.
 */
import { formatCiTime, parseCiTime } from "@/lib/jobs/ci-time";

export function parseAnyCiTime(value: string | undefined | null): Date | null {
  if (!value) return null;
  const v = value.trim();
  const ci = parseCiTime(v.replace(/([+-]\d{2}):(\d{2})$/, "$1$2"));
  if (ci) return ci;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(v)) return new Date(v);
  return null;
}

export function toIso(value: string | undefined | null): string | undefined {
  return parseAnyCiTime(value)?.toISOString();
}

/** An instant as CI's list filters take it (startCreationTime, `%Y-%m-%dT%H:%M:%S%z`), in UTC. */
export function toCiFilterTime(ms: number): string {
  return formatCiTime(new Date(ms), 0);
}
