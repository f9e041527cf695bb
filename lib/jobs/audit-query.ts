/**
 * The audit log's query, as /api/audit and the /audit page read it from the URL. Times are ISO 8601; without an
 * offset they are UTC (what the page's datetime-local inputs send). A date alone means that whole day: `from`
 * starts at its first moment, `to` ends after its last.
 */
import { z } from "zod";
import { BUCKET_PATTERN, JOB_ID_MESSAGE, JOB_ID_PATTERN } from "./patterns";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditFilter } from "./audit-types";

export const AUDIT_PAGE_MAX = 200;
export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_QUERY_KEYS = [
  "actor",
  "action",
  "outcome",
  "bucket",
  "jobId",
  "from",
  "to",
  "cursor",
  "limit",
  "format",
] as const;

const DAY_MS = 86_400_000;
const when = (edge: "from" | "to") =>
  z
    .union([z.iso.datetime({ offset: true, local: true }), z.iso.date()], {
      error: `${edge}: use an ISO date or date-time such as 2026-12-01 or 2026-12-01T08:00:00Z`,
    })
    .transform((v) => {
      if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
        const day = new Date(`${v}T00:00:00Z`);
        return edge === "to" ? new Date(day.getTime() + DAY_MS) : day;
      }
      return new Date(/(z|[+-]\d{2}(:?\d{2})?)$/i.test(v) ? v : `${v}Z`);
    });

export const auditQuerySchema = z
  .strictObject({
    actor: z.string().trim().min(1).max(254, "actor: at most 254 characters").optional(),
    action: z.enum(AUDIT_ACTIONS, "action: trigger or cancel").optional(),
    outcome: z.enum(AUDIT_OUTCOMES, "outcome: pending, success, error or unknown").optional(),
    bucket: z.string().regex(BUCKET_PATTERN, "bucket looks like examplebucket-1250000000").optional(),
    jobId: z.string().regex(JOB_ID_PATTERN, JOB_ID_MESSAGE).optional(),
    from: when("from").optional(),
    to: when("to").optional(),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, "cursor: not a cursor this page gave")
      .optional(),
    limit: z.coerce
      .number()
      .int("limit is a whole number")
      .min(1, `limit is 1 to ${AUDIT_PAGE_MAX}`)
      .max(AUDIT_PAGE_MAX, `limit is 1 to ${AUDIT_PAGE_MAX}`)
      .default(AUDIT_PAGE_DEFAULT),
    format: z.enum(["json", "csv"], "format: json or csv").default("json"),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from >= q.to)
      ctx.addIssue({ code: "custom", path: ["to"], message: "to must be after from" });
  });

export type AuditQuery = z.output<typeof auditQuerySchema>;

/** The store's filter for a parsed query. */
export function toAuditFilter(q: AuditQuery): AuditFilter {
  const { format: _format, ...filter } = q;
  return filter;
}
