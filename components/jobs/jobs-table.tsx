"use client";
import Link from "next/link";
import type { KeyboardEvent } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { BanIcon, DuplicateIcon, EyeIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { parseCiTime } from "@/lib/jobs/ci-time";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import type { CiNames } from "@/lib/jobs/ci-names";
import { actorName, inputSummary, tagOrWorkflow } from "@/lib/jobs/job-view";
import { isCancellable } from "@/lib/jobs/states";
import { setWatched } from "@/lib/jobs/watch-list";
import { DurationCell } from "./duration-cell";
import { duplicateHref, jobHref } from "./job-links";
import { JobStateBadge } from "./job-state-badge";
import { RelativeTime } from "./relative-time";
import { DetailsProblemMarker } from "./details-problem-marker";
import { TruncatedText } from "./truncated-text";
import { WorkflowCell } from "./workflow-cell";

const thWrap = "px-1.5 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const th = `${thWrap} whitespace-nowrap`;
const td = "px-1.5 py-2 align-top";
// Phones (under 768 px) keep name, state, age and actions; the rest is one tap away on the job page. Each row is then
// a small grid (name on top, state and age beneath, actions at the side); explicit roles keep it a table for
// assistive technology whatever the CSS display.
const secondary = "max-md:hidden";
const phoneRow = "max-md:grid max-md:grid-cols-[auto_auto_minmax(0,1fr)_auto] max-md:items-start max-md:gap-x-2";
const phone = {
  select: "max-md:col-start-1 max-md:row-span-2 max-md:row-start-1",
  name: "max-md:col-span-2 max-md:col-start-2 max-md:row-start-1",
  state: "max-md:col-start-2 max-md:row-start-2 max-md:pt-0",
  age: "max-md:col-start-3 max-md:row-start-2 max-md:pt-0.5",
  actions: "max-md:col-start-4 max-md:row-span-2 max-md:row-start-1",
  // Who triggered it stays on the phone too (audit-identity spec): a third line under state and age.
  triggeredBy: "max-md:col-span-2 max-md:col-start-2 max-md:row-start-3 max-md:pt-0 max-md:text-xs",
};
const iconButton = "inline-flex h-8 w-8 items-center justify-center rounded-md hover:bg-slate-100";

/** Arrow keys move between rows, keeping the column (links and buttons stay in the normal Tab order too). */
function onRowKeyDown(e: KeyboardEvent<HTMLTableSectionElement>) {
  if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
  const target = e.target as HTMLElement;
  if (target.tagName === "SELECT") return;
  const row = target.closest("tr");
  if (!row) return;
  const sibling = (e.key === "ArrowDown" ? row.nextElementSibling : row.previousElementSibling) as HTMLElement | null;
  if (!sibling) return;
  const here = [...row.querySelectorAll<HTMLElement>("a,button,input")];
  const there = [...sibling.querySelectorAll<HTMLElement>("a,button,input")];
  const index = Math.max(0, here.indexOf(target));
  const next = there[Math.min(index, there.length - 1)];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

export interface JobsTableProps {
  jobs: readonly JobDetail[];
  /** No data yet: show skeleton rows. */
  loading: boolean;
  /** Data shown is from the previous view while the new one loads. */
  stale: boolean;
  bucket: string | null;
  serverNow: number;
  canTrigger: boolean;
  selected: ReadonlySet<string>;
  onSelect: (jobId: string, on: boolean) => void;
  onSelectAll: (on: boolean) => void;
  highlighted: ReadonlySet<string>;
  watched: readonly string[];
  onCancel: (job: JobDetail) => void;
  firstRowNumber: number;
  /** JobId → who triggered it through this dashboard (audit log); absent jobs were triggered elsewhere. */
  triggeredBy?: Readonly<Record<string, { actor: string; at: string }>>;
  /** Names of the workflows the rows refer to (server look-up; IDs without a name show alone). */
  names?: CiNames;
}

/**
 * The job table. On a phone it keeps name, state, age and actions (secondary columns hide), so nothing scrolls
 * sideways; on a wide screen the name and input columns take the room and show their full value on hover and focus.
 */
export function JobsTable(props: JobsTableProps) {
  const { jobs, loading, stale, bucket, serverNow, canTrigger, selected, highlighted, watched } = props;
  const allSelected = jobs.length > 0 && jobs.every((j) => selected.has(j.JobId));
  const someSelected = !allSelected && jobs.some((j) => selected.has(j.JobId));
  const watchedSet = new Set(watched);

  return (
    <div
      role="region"
      aria-label="Batch jobs table"
      tabIndex={0}
      className="relative max-w-full overflow-x-auto rounded-lg border border-slate-200 bg-white"
    >
      <table className={`w-full border-collapse text-sm max-md:block md:min-w-[1100px] ${stale ? "opacity-60" : ""}`} aria-busy={loading || stale}>
        <caption className="sr-only">
          Batch jobs, {jobs.length} on this page starting at row {props.firstRowNumber}. Arrow keys move between rows.
        </caption>
        <thead className="border-b border-slate-200 bg-slate-50 max-md:sr-only">
          <tr>
            {canTrigger && (
              <th scope="col" className="w-9 px-2 py-2">
                <input
                  type="checkbox"
                  className="h-4 w-4 accent-blue-700"
                  aria-label="Select all jobs on this page"
                  checked={allSelected}
                  ref={(el) => {
                    if (el) el.indeterminate = someSelected;
                  }}
                  disabled={jobs.length === 0}
                  onChange={(e) => props.onSelectAll(e.target.checked)}
                />
              </th>
            )}
            <th scope="col" className={th}>Name</th>
            <th scope="col" className={`${th} ${secondary}`}>JobId</th>
            <th scope="col" className={`${th} ${secondary}`}>Type</th>
            <th scope="col" className={`${thWrap} ${secondary}`}>Tag or workflow</th>
            <th scope="col" className={th}>State</th>
            <th scope="col" className={th}>Created</th>
            <th scope="col" className={`${th} ${secondary}`}>Triggered by</th>
            <th scope="col" className={`${th} ${secondary}`}>Duration</th>
            <th scope="col" className={`${th} ${secondary}`}>Input</th>
            <th scope="col" className={th}><span className="max-md:sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody onKeyDown={onRowKeyDown} className="max-md:block">
          {loading &&
            Array.from({ length: 6 }, (_, i) => (
              <tr key={`s${i}`} className="border-b border-slate-100" data-skeleton="true">
                {Array.from({ length: canTrigger ? 11 : 10 }, (_, c) => (
                  <td key={c} className={`${td} ${[1, 2, 3, 6, 7, 8].includes(canTrigger ? c - 1 : c) ? secondary : ""}`}><Skeleton className="h-4 w-full min-w-8" /></td>
                ))}
              </tr>
            ))}
          {jobs.map((job) => {
            const created = parseCiTime(job.CreationTime);
            const input = inputSummary(job);
            const tw = tagOrWorkflow(job);
            const changed = highlighted.has(job.JobId);
            const isWatched = watchedSet.has(job.JobId);
            const name = job.Name || "(no name)";
            const by = props.triggeredBy?.[job.JobId];
            return (
              <tr
                key={job.JobId}
                role="row"
                data-job-id={job.JobId}
                data-state={job.State}
                data-changed={changed ? "true" : undefined}
                className={`${phoneRow} border-b border-slate-100 transition-colors duration-700 ${changed ? "bg-yellow-100" : selected.has(job.JobId) ? "bg-blue-50" : "hover:bg-slate-50"}`}
              >
                {canTrigger && (
                  <td role="cell" className={`${td} ${phone.select}`}>
                    <input
                      type="checkbox"
                      className="h-4 w-4 accent-blue-700"
                      aria-label={`Select ${name} (${job.JobId})`}
                      checked={selected.has(job.JobId)}
                      onChange={(e) => props.onSelect(job.JobId, e.target.checked)}
                    />
                  </td>
                )}
                <td role="cell" className={`${td} ${phone.name} md:min-w-44 md:max-w-64 xl:max-w-72`}>
                  {/* Two lines at most; the full name on hover (title) and on keyboard focus (pop-out). */}
                  <span className="group relative block">
                    <Link href={jobHref(job.JobId, bucket)} title={name} className="line-clamp-2 font-medium break-words text-blue-800 underline-offset-2 hover:underline">
                      {name}
                    </Link>
                    {name.length > 40 && (
                      <span aria-hidden="true" className="pointer-events-none absolute top-full left-0 z-20 mt-1 hidden w-max max-w-80 rounded-md bg-slate-900 px-2 py-1 text-xs break-words text-white shadow-lg group-has-[:focus-visible]:block">
                        {name}
                      </span>
                    )}
                  </span>
                  <DetailsProblemMarker problem={job.detailsProblem} />
                </td>
                <td className={`${td} ${secondary} max-w-32`}>
                  <span className="flex items-center gap-1">
                    <code className="min-w-0 truncate font-mono text-[11px] text-slate-800" title={job.JobId}>{job.JobId}</code>
                    <CopyButton value={job.JobId} label={`Copy JobId ${job.JobId}`} />
                  </span>
                </td>
                <td className={`${td} ${secondary}`}>{job.Type ?? <span className="text-slate-500">–</span>}</td>
                <td className={`${td} ${secondary} max-w-44`} data-testid="tag-or-workflow">
                  {tw ? (
                    tw.kind === "Workflow" ? (
                      <WorkflowCell ids={tw.value} names={props.names} />
                    ) : (
                      <span className="break-words">{tw.value}</span>
                    )
                  ) : (
                    <span className="text-slate-500">–</span>
                  )}
                </td>
                <td role="cell" className={`${td} ${phone.state}`}>
                  <JobStateBadge state={job.State} />
                  {job.State === "Failed" && job.Code && (
                    <span className="mt-1 block max-w-28 truncate text-xs text-red-800" title={job.Message ? `${job.Code}: ${job.Message}` : job.Code}>
                      {job.Code}
                    </span>
                  )}
                </td>
                <td role="cell" className={`${td} ${phone.age}`}>
                  {created ? <RelativeTime at={created} raw={job.CreationTime ?? ""} serverNow={serverNow} /> : <span className="text-slate-500">–</span>}
                </td>
                <td className={`${td} ${phone.triggeredBy} md:max-w-32`} data-testid="triggered-by">
                  {/* CI runs every job under one shared key: only our audit log knows the person. */}
                  {by ? (
                    <span className="block truncate" title={`${by.actor}, ${by.at.replace("T", " ").replace(/\.\d+Z$|Z$/, "")} UTC`}>
                      {actorName(by.actor)}
                      <span className="sr-only">{by.actor.slice(actorName(by.actor).length)}</span>
                    </span>
                  ) : (
                    <span className="text-slate-500" title="Not triggered through this dashboard">—</span>
                  )}
                </td>
                <td className={`${td} ${secondary}`}><DurationCell job={job} serverNow={serverNow} /></td>
                <td className={`${td} ${secondary} max-w-40 xl:max-w-48`}>
                  {input ? (
                    <TruncatedText full={`${input.kind}: ${input.value || "(empty)"}`}>
                      <span className="text-slate-600">{input.kind} </span>
                      <span className="font-mono text-xs">{input.value || "(empty)"}</span>
                    </TruncatedText>
                  ) : (
                    <span className="text-slate-500">–</span>
                  )}
                </td>
                <td role="cell" className={`${td} ${phone.actions} whitespace-nowrap`}>
                  {/* Icon buttons with names (aria-label) and tooltips: three actions must fit a 1440 px screen. */}
                  <span className="flex items-center gap-0.5">
                    <button
                      type="button"
                      aria-pressed={isWatched}
                      aria-label={`${isWatched ? "Stop watching" : "Watch"} ${name}`}
                      title={isWatched ? "Watching: you will be notified when it finishes" : "Watch: be notified when it finishes"}
                      onClick={() => setWatched(job.JobId, !isWatched)}
                      className={`${iconButton} ${isWatched ? "text-blue-700" : "text-slate-500"}`}
                    >
                      <EyeIcon className="h-4 w-4" />
                    </button>
                    {canTrigger && (
                      <Link href={duplicateHref(job.JobId, bucket)} className={`${iconButton} text-slate-700`} aria-label={`Duplicate ${name}`} title="Duplicate: a new job with these settings">
                        <DuplicateIcon className="h-4 w-4" />
                      </Link>
                    )}
                    {canTrigger && isCancellable(job.State) && (
                      <button type="button" className={`${iconButton} text-red-700 hover:bg-red-50`} aria-label={`Cancel ${name}`} title="Cancel this job" onClick={() => props.onCancel(job)}>
                        <BanIcon className="h-4 w-4" />
                      </button>
                    )}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
