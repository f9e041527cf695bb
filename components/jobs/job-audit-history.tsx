"use client";
import Link from "next/link";
import { AuditOutcomeBadge } from "@/components/audit/audit-outcome-badge";
import { actorName, formatExact } from "@/lib/jobs/job-view";
import type { JobAttribution, JobHistory } from "@/lib/query/jobs";
import { useHydrated } from "./use-now";

/** UTC on the server's HTML, the reader's own zone once hydrated (the same rule as the timeline). */
function When({ iso }: { iso: string }) {
  const hydrated = useHydrated();
  const at = new Date(iso);
  const utc = `${iso.replace("T", " ").replace(/\.\d+Z$|Z$/, "")} UTC`;
  return <time dateTime={iso}>{hydrated && !Number.isNaN(at.getTime()) ? formatExact(at) : utc}</time>;
}

/** "olivia.operator" with the full identity after it, smaller: the name is what people scan for. */
function Person({ actor }: { actor: string }) {
  const name = actorName(actor);
  return (
    <span className="break-words">
      <span className="font-medium text-slate-900">{name}</span>
      {name !== actor && <span className="text-slate-600"> ({actor})</span>}
    </span>
  );
}

function Who({ label, by, none }: { label: string; by: JobAttribution | null; none: string }) {
  return (
    <div className="contents">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="min-w-0 text-slate-900" data-testid={`${label.toLowerCase().replace(/\s+/g, "-")}`}>
        {by ? (
          <>
            <Person actor={by.actor} /> <span className="text-slate-600">·</span> <When iso={by.at} />
          </>
        ) : (
          <span className="text-slate-600">{none}</span>
        )}
      </dd>
    </div>
  );
}

/**
 * Who triggered and who cancelled the job. CI runs every job under one shared key, so only this dashboard's audit
 * log knows; a job started elsewhere (console, SDK, another tool) has no person to show.
 */
export function JobAttributionList({ history, cancelled }: { history: JobHistory | null; cancelled: boolean }) {
  if (!history) {
    return (
      <p className="text-sm text-slate-600">
        Who triggered or cancelled this job cannot be shown: the audit log is unavailable right now.
      </p>
    );
  }
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1.5 text-sm sm:grid-cols-[minmax(8rem,max-content)_1fr]">
      <Who label="Triggered by" by={history.triggeredBy} none="Triggered outside this dashboard" />
      {(history.cancelledBy || cancelled) && (
        <Who label="Cancelled by" by={history.cancelledBy} none="Cancelled outside this dashboard" />
      )}
    </dl>
  );
}

/** Every audit row for the job, oldest first: what was asked, by whom, and what CI answered. */
export function JobAuditTrail({ jobId, history }: { jobId: string; history: JobHistory | null }) {
  const entries = history?.entries ?? [];
  return (
    <div className="space-y-3">
      {!history ? (
        <p className="text-slate-600">The audit log is unavailable right now.</p>
      ) : entries.length === 0 ? (
        <p className="text-slate-600">No actions on this job were taken through this dashboard.</p>
      ) : (
        <ol className="divide-y divide-slate-100" aria-label="Audit entries for this job, oldest first">
          {entries.map((e) => (
            <li
              key={e.id}
              className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2"
              data-testid="job-audit-entry"
              data-action={e.action}
            >
              <span className="w-14 font-medium capitalize text-slate-900">{e.action}</span>
              <Person actor={e.actor} />
              <AuditOutcomeBadge outcome={e.outcome} reconciled={e.reconciledAt !== null} />
              {e.errorCode && <code className="font-mono text-xs text-red-900">{e.errorCode}</code>}
              <span className="text-slate-700">
                <When iso={e.at} />
              </span>
              <span className="min-w-0 break-all text-xs text-slate-600">
                CI RequestId: {e.ciRequestId ? <code className="font-mono">{e.ciRequestId}</code> : "—"}
              </span>
            </li>
          ))}
        </ol>
      )}
      <Link
        href={`/audit?jobId=${encodeURIComponent(jobId)}`}
        className="inline-block text-sm font-medium text-blue-800 underline underline-offset-2 hover:text-blue-950"
      >
        Open this job in the audit log
      </Link>
    </div>
  );
}
