import Link from "next/link";
import { CiRefName } from "@/components/jobs/ci-ref-name";
import { requestRefs, type CiNames } from "@/lib/jobs/ci-names";
import type { AuditEntry } from "@/lib/jobs/audit-types";
import { AuditOutcomeBadge } from "./audit-outcome-badge";
import { formatUtc } from "./audit-links";

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-700";
const td = "px-3 py-2 align-top text-sm";

/** The log entries, newest first. Read-only: there is nothing here (or anywhere) to edit or delete an entry. */
export function AuditTable({ entries, names }: { entries: readonly AuditEntry[]; names?: CiNames }) {
  return (
    <div
      role="region"
      aria-labelledby="audit-caption"
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
    >
      <table className="min-w-full divide-y divide-slate-200">
        <caption id="audit-caption" className="sr-only">
          Audit log entries, newest first
        </caption>
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className={th}>
              When (UTC)
            </th>
            <th scope="col" className={th}>
              Who
            </th>
            <th scope="col" className={th}>
              Action
            </th>
            <th scope="col" className={th}>
              Job
            </th>
            <th scope="col" className={th}>
              Outcome
            </th>
            <th scope="col" className={th}>
              CI RequestId
            </th>
            <th scope="col" className={th}>
              Details
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => (
            <tr key={e.id} data-audit-id={e.id}>
              <td className={`${td} whitespace-nowrap font-mono text-xs`}>
                <time dateTime={e.at}>{formatUtc(e.at)}</time>
              </td>
              <td className={`${td} min-w-48`}>
                <span className="break-words">{e.actor}</span>
                {e.actorGroups.length > 0 && (
                  <span className="block text-xs text-slate-600">{e.actorGroups.join(", ")}</span>
                )}
              </td>
              <td className={`${td} capitalize`}>{e.action}</td>
              <td className={td}>
                {e.jobId ? (
                  <Link
                    href={`/jobs/${encodeURIComponent(e.jobId)}?bucket=${encodeURIComponent(e.bucket)}`}
                    className="font-mono text-xs text-blue-800 underline hover:text-blue-950"
                  >
                    {e.jobId}
                  </Link>
                ) : (
                  <span className="text-slate-600">—</span>
                )}
                <span className="block text-xs text-slate-600">{e.bucket}</span>
                <RequestRefs request={e.request} names={names} />
              </td>
              <td className={td}>
                <AuditOutcomeBadge outcome={e.outcome} reconciled={e.reconciledAt !== null} />
                {e.errorCode && <span className="mt-1 block font-mono text-xs text-red-900">{e.errorCode}</span>}
              </td>
              <td className={`${td} font-mono text-xs break-all`}>
                {e.ciRequestId ?? <span className="text-slate-600">—</span>}
              </td>
              <td className={td}>
                <AuditDetails entry={e} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const REF_LABEL = { workflows: "Workflow", templates: "Template", queues: "Queue" } as const;

/** The workflow, template and queue the request named, by name with the ID beside it. */
function RequestRefs({ request, names }: { request: unknown; names?: CiNames }) {
  const refs = requestRefs(request);
  if (refs.length === 0) return null;
  return (
    <ul className="mt-1 max-w-72 space-y-0.5 text-xs" data-testid="audit-refs">
      {refs.map((r) => (
        <li key={`${r.path}:${r.id}`}>
          <span className="text-slate-600">{REF_LABEL[r.kind]}: </span>
          <CiRefName names={names} kind={r.kind} id={r.id} />
        </li>
      ))}
    </ul>
  );
}

function AuditDetails({ entry: e }: { entry: AuditEntry }) {
  const hasAny = e.errorMessage || e.reconcileNote || e.request !== null || e.idempotencyKey || e.finishedAt;
  if (!hasAny) return <span className="text-slate-600">—</span>;
  return (
    <details className="max-w-md">
      <summary className="cursor-pointer text-sm text-blue-800 underline">Show</summary>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
        {e.finishedAt && (
          <>
            <dt className="font-medium text-slate-700">Answered</dt>
            <dd>
              <time dateTime={e.finishedAt}>{formatUtc(e.finishedAt)}</time>
            </dd>
          </>
        )}
        {e.errorMessage && (
          <>
            <dt className="font-medium text-slate-700">CI said</dt>
            <dd className="break-words">{e.errorMessage}</dd>
          </>
        )}
        {e.reconcileNote && (
          <>
            <dt className="font-medium text-slate-700">Reconciled</dt>
            <dd className="break-words">{e.reconcileNote}</dd>
          </>
        )}
        {e.idempotencyKey && (
          <>
            <dt className="font-medium text-slate-700">Idempotency-Key</dt>
            <dd className="break-all font-mono">{e.idempotencyKey}</dd>
          </>
        )}
      </dl>
      {e.request !== null && (
        <pre className="mt-2 max-h-64 overflow-auto rounded bg-slate-100 p-2 text-xs" aria-label="Request as sent">
          {JSON.stringify(e.request, null, 2)}
        </pre>
      )}
    </details>
  );
}
