import { AuditChainStatus } from "@/components/audit/audit-chain-status";
import { AuditFilters } from "@/components/audit/audit-filters";
import { auditSearch } from "@/components/audit/audit-links";
import { AuditPagination } from "@/components/audit/audit-pagination";
import { AuditTable } from "@/components/audit/audit-table";
import { NotSignedIn } from "@/components/layout/not-signed-in";
import { Notice } from "@/components/ui/notice";
import { listAudit, verifyAuditLogChain, type AuditPage } from "@/lib/server/audit";
import { AUDIT_QUERY_KEYS, auditQuerySchema, toAuditFilter, type AuditQuery } from "@/lib/jobs/audit-query";
import { requestRefs, type CiNames } from "@/lib/jobs/ci-names";
import { resolveCiNamesAcross } from "@/lib/server/ci-names";
import { getConfig } from "@/lib/server/config";
import { getIdentity } from "@/lib/server/identity";
import { logEvent } from "@/lib/server/logger";

export const metadata = { title: "Audit log" };

type RawParams = Record<string, string | string[] | undefined>;

/**
 * Reads the view from the URL. Whatever does not parse is dropped (and named to the reader) instead of failing the
 * page: a stale or hand-edited link still shows the log.
 */
function readQuery(raw: RawParams): { query: AuditQuery; ignored: string[] } {
  const input: Record<string, string> = Object.create(null);
  for (const key of AUDIT_QUERY_KEYS) {
    const v = raw[key];
    const value = Array.isArray(v) ? v[v.length - 1] : v;
    if (value && key !== "format") input[key] = value;
  }
  const ignored: string[] = [];
  for (let attempt = 0; attempt < AUDIT_QUERY_KEYS.length; attempt++) {
    const parsed = auditQuerySchema.safeParse(input);
    if (parsed.success) return { query: parsed.data, ignored };
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      if (key in input) {
        ignored.push(`${key}: ${issue.message}`);
        delete input[key];
      }
    }
  }
  return { query: auditQuerySchema.parse({}), ignored };
}

/** Who triggered or cancelled which job, and what CI answered. Any signed-in user may read it; nobody may change it. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<RawParams> }) {
  const identity = await getIdentity();
  if (!identity) return <NotSignedIn />;
  const { query, ignored } = readQuery(await searchParams);
  const buckets = getConfig().buckets.map((b) => b.bucket);

  const chain = verifyAuditLogChain().catch(() => null); // read beside the page, shown under the filters
  let page: AuditPage | null = null;
  let names: CiNames | undefined;
  let problem: string | null = null;
  try {
    page = await listAudit(toAuditFilter(query));
    // Names beside the workflow, template and queue IDs in the requests (cached look-ups; never fails).
    names = await resolveCiNamesAcross(page.entries.map((e) => ({ bucket: e.bucket, refs: requestRefs(e.request) })));
  } catch (e) {
    const badCursor = e && typeof e === "object" && "code" in e && (e as { code: unknown }).code === "ValidationError";
    problem = badCursor
      ? "This page link is no longer valid. Start again from the newest entries."
      : "The audit log cannot be read right now. Try again in a moment.";
    if (!badCursor) logEvent({ level: "error", route: "/audit", error: e instanceof Error ? e.name : "unknown" });
  }

  const csvHref = `/api/audit${auditSearch(query, { cursor: undefined, limit: undefined, format: "csv" })}`;
  const newestHref = query.cursor ? `/audit${auditSearch(query, { cursor: undefined })}` : null;
  const olderHref = page?.nextCursor ? `/audit${auditSearch(query, { cursor: page.nextCursor })}` : null;

  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-semibold">Audit log</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-700">
            Who triggered or cancelled which batch job, and what CI answered. CI runs every job under one shared key, so
            this log is the record of the person behind each action. Entries cannot be edited or deleted. Times are UTC.
          </p>
        </div>
        {/* No `download` attribute: the server names the file, and an error stays visible instead of saving as a file. */}
        <a href={csvHref} className="text-sm font-medium text-blue-800 underline hover:text-blue-950">
          Download CSV (all matching entries)
        </a>
      </header>

      <AuditFilters query={query} buckets={buckets} />
      <AuditChainStatus status={await chain} />

      {ignored.length > 0 && (
        <Notice tone="warning" title="Some filters in the link were not understood and are ignored">
          <ul className="list-disc pl-5">
            {ignored.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </Notice>
      )}

      {problem && (
        <Notice tone="error" role="alert" title="Audit log unavailable">
          {problem}
        </Notice>
      )}

      {page && page.entries.length === 0 && (
        <Notice tone="info" role="status">
          {query.cursor ? "No older entries." : "No entries match these filters."}
        </Notice>
      )}

      {page && page.entries.length > 0 && (
        <>
          <p className="text-sm text-slate-700" role="status">
            Showing {page.entries.length} {page.entries.length === 1 ? "entry" : "entries"}
            {query.cursor ? " (older page)" : ""}, newest first.
          </p>
          <AuditTable entries={page.entries} names={names} />
        </>
      )}

      <AuditPagination newestHref={newestHref} olderHref={olderHref} />
    </div>
  );
}
