import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import type { AuditQuery } from "@/lib/jobs/audit-query";
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from "@/lib/jobs/audit-types";
import { JOB_ID_HTML_PATTERN } from "@/lib/jobs/patterns";
import { toDateTimeLocal } from "./audit-links";

const field = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900";
const label = "block text-sm font-medium text-slate-800";
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The filters, as a plain GET form: the URL holds the view (shareable, back button works) and the page renders on
 * the server, so it works without JavaScript. Applying filters starts again from the newest entry.
 */
export function AuditFilters({ query, buckets }: { query: AuditQuery; buckets: readonly string[] }) {
  return (
    <form
      method="get"
      action="/audit"
      aria-label="Filter the audit log"
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-8"
    >
      <div className="xl:col-span-2">
        <label htmlFor="audit-actor" className={label}>
          Who
        </label>
        <input
          id="audit-actor"
          name="actor"
          type="search"
          defaultValue={query.actor ?? ""}
          placeholder="name or email"
          maxLength={254}
          className={field}
        />
      </div>
      <div>
        <label htmlFor="audit-action" className={label}>
          Action
        </label>
        <select id="audit-action" name="action" defaultValue={query.action ?? ""} className={field}>
          <option value="">Any</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {cap(a)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-outcome" className={label}>
          Outcome
        </label>
        <select id="audit-outcome" name="outcome" defaultValue={query.outcome ?? ""} className={field}>
          <option value="">Any</option>
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {cap(o)}
            </option>
          ))}
        </select>
      </div>
      {buckets.length > 1 && (
        <div>
          <label htmlFor="audit-bucket" className={label}>
            Bucket
          </label>
          <select id="audit-bucket" name="bucket" defaultValue={query.bucket ?? ""} className={field}>
            <option value="">All</option>
            {buckets.map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </div>
      )}
      <div>
        <label htmlFor="audit-job" className={label}>
          Job ID
        </label>
        <input
          id="audit-job"
          name="jobId"
          type="text"
          defaultValue={query.jobId ?? ""}
          pattern={JOB_ID_HTML_PATTERN}
          maxLength={64}
          className={field}
        />
      </div>
      <div>
        <label htmlFor="audit-from" className={label}>
          From (UTC)
        </label>
        <input
          id="audit-from"
          name="from"
          type="datetime-local"
          defaultValue={toDateTimeLocal(query.from)}
          className={field}
        />
      </div>
      <div>
        <label htmlFor="audit-to" className={label}>
          Until (UTC)
        </label>
        <input
          id="audit-to"
          name="to"
          type="datetime-local"
          defaultValue={toDateTimeLocal(query.to)}
          className={field}
        />
      </div>
      {query.limit !== 50 && <input type="hidden" name="limit" value={query.limit} />}
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-4 xl:col-span-8">
        <Button type="submit" variant="primary" size="sm">
          Apply filters
        </Button>
        <Link href="/audit" className={buttonClasses({ variant: "ghost", size: "sm" })}>
          Clear
        </Link>
      </div>
    </form>
  );
}
