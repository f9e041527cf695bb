import { requestRefs } from "@/lib/jobs/ci-names";
import { searchParamsToObject } from "@/lib/jobs/list-query-schema";
import { listAudit } from "@/lib/server/audit";
import { auditCsvHeader, auditCsvRow } from "@/lib/server/audit-csv";
import type { AuditEntry } from "@/lib/jobs/audit-types";
import { resolveCiNamesAcross } from "@/lib/server/ci-names";
import { auditQuerySchema, toAuditFilter, AUDIT_PAGE_MAX } from "@/lib/jobs/audit-query";
import { validationProblem } from "@/lib/server/problem";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

/** Names of the workflows, templates and queues the entries' requests refer to. */
function namesFor(entries: readonly AuditEntry[]) {
  return resolveCiNamesAcross(entries.map((e) => ({ bucket: e.bucket, refs: requestRefs(e.request) })));
}

/** Enough for any audit question; a longer export should narrow the time range. */
const CSV_MAX_ROWS = 10_000;

/**
 * The audit log, newest first, for any signed-in user. JSON pages (`{ entries, nextCursor }`), or with format=csv
 * every matching row (up to 10 000, from `cursor` on) as a CSV download. Read-only: there is no route that changes
 * or deletes an entry.
 */
export const GET = withApi("GET /api/audit", async ({ url }) => {
  const parsed = auditQuerySchema.safeParse(searchParamsToObject(url.searchParams));
  if (!parsed.success) throw validationProblem(parsed.error, "query");
  const filter = toAuditFilter(parsed.data);
  if (parsed.data.format === "json") {
    const page = await listAudit(filter);
    return jsonResponse(200, { ...page, names: await namesFor(page.entries) });
  }

  // Read the first page before answering, so that a bad cursor or a database failure is a proper JSON error.
  const first = await listAudit({ ...filter, limit: AUDIT_PAGE_MAX });
  const encoder = new TextEncoder();
  let page = first;
  let sent = 0;
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${auditCsvHeader()}`)); // BOM: spreadsheets then read UTF-8 names
      } else if (page.nextCursor && sent < CSV_MAX_ROWS) {
        page = await listAudit({ ...filter, cursor: page.nextCursor, limit: AUDIT_PAGE_MAX });
      } else {
        controller.close();
        return;
      }
      const rows = page.entries.slice(0, CSV_MAX_ROWS - sent);
      sent += rows.length;
      if (rows.length) {
        const names = await namesFor(rows); // cached look-ups: no CI call per row or per page
        controller.enqueue(encoder.encode(rows.map((row) => auditCsvRow(row, names)).join("")));
      }
      if (!page.nextCursor || sent >= CSV_MAX_ROWS) {
        controller.close();
      }
    },
  });
  const stamp = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15); // 20261202T095300
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${stamp}Z.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
