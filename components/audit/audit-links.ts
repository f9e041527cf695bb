import { AUDIT_QUERY_KEYS, type AuditQuery } from "@/lib/jobs/audit-query";

/** The query string for a view of the log (only what differs from the defaults). */
export function auditSearch(
  q: Partial<AuditQuery>,
  overrides: Partial<Record<(typeof AUDIT_QUERY_KEYS)[number], string | undefined>> = {},
): string {
  const params = new URLSearchParams();
  const put = (k: string, v: string | undefined) => {
    if (v) params.set(k, v);
  };
  put("actor", q.actor);
  put("action", q.action);
  put("outcome", q.outcome);
  put("bucket", q.bucket);
  put("jobId", q.jobId);
  put("from", q.from?.toISOString());
  put("to", q.to?.toISOString());
  put("cursor", q.cursor);
  if (q.limit && q.limit !== 50) put("limit", String(q.limit));
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) params.delete(k);
    else params.set(k, v);
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** `2026-12-02 09:34:43` in UTC (the page says so once, in its header). */
export function formatUtc(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d+Z$|Z$/, "");
}

/** The value a datetime-local input shows for a moment, in UTC. */
export function toDateTimeLocal(d: Date | undefined): string {
  return d ? d.toISOString().slice(0, 16) : "";
}
