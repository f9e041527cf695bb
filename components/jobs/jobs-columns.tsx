"use client";
/**
 * The job table's columns, one entry each: header, cell, how it behaves on a phone. The table (./jobs-table.tsx)
 * derives its header row, its cells and its loading skeleton from this list, so a new column is one entry here
 * (plus its CSV column in lib/jobs/job-view.ts JOBS_CSV_COLUMNS, if the export should carry it).
 */
import Link from "next/link";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { BanIcon, DuplicateIcon, EyeIcon } from "@/components/ui/icons";
import { parseCiTime } from "@/lib/jobs/ci-time";
import type { CiNames } from "@/lib/jobs/ci-names";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { actorName, inputSummary, tagOrWorkflow } from "@/lib/jobs/job-view";
import { isCancellable } from "@/lib/jobs/states";
import { setWatched } from "@/lib/jobs/watch-list";
import { DetailsProblemMarker } from "./details-problem-marker";
import { DurationCell } from "./duration-cell";
import { duplicateHref, jobHref } from "./job-links";
import { JobStateBadge } from "./job-state-badge";
import { RelativeTime } from "./relative-time";
import { TruncatedText } from "./truncated-text";
import { WorkflowCell } from "./workflow-cell";
import { isActionable } from "@/lib/jobs/row-keys";

const thWrap = "px-1.5 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const th = `${thWrap} whitespace-nowrap`;
// Phones (under 768 px) keep name, state, age and actions; the rest is one tap away on the job page. Each row is then
// a small grid (name on top, state and age beneath, actions at the side).
export const secondary = "max-md:hidden";
const iconButton = "inline-flex h-8 w-8 items-center justify-center rounded-md hover:bg-slate-100";

/** What a row's cells may need besides the job. */
export interface RowContext {
  bucket: string | null;
  serverNow: number;
  canTrigger: boolean;
  /** The job's name as shown ("(no name)" when CI has none). */
  name: string;
  selected: boolean;
  watched: boolean;
  onSelect: (jobId: string, on: boolean) => void;
  onCancel: (job: JobDetail) => void;
  triggeredBy?: { actor: string; at: string };
  names?: CiNames;
}

export interface JobsColumn {
  id: string;
  /** The header cell's content (the select-all box for the selection column comes from the table). */
  header: ReactNode;
  thClass: string;
  /** The cell's classes (padding comes from the table). */
  tdClass: string;
  /**
   * On a phone: `cell` = stays, as a grid cell with an explicit role (the CSS display changes); `hidden` = hidden;
   * `line` = a line of its own under state and age (its skeleton stays hidden).
   */
  phone: "cell" | "hidden" | "line";
  /** Only for people who may trigger and cancel. */
  operatorsOnly?: boolean;
  testId?: string;
  cell: (job: JobDetail, row: RowContext) => ReactNode;
}

const dash = <span className="text-slate-500">–</span>;

export const JOBS_COLUMNS: readonly JobsColumn[] = [
  {
    id: "select",
    header: null,
    thClass: "w-9 px-2 py-2",
    tdClass: "max-md:col-start-1 max-md:row-span-2 max-md:row-start-1",
    phone: "cell",
    operatorsOnly: true,
    cell: (job, row) => (
      <input
        type="checkbox"
        className="h-4 w-4 accent-blue-700"
        aria-label={`Select ${row.name} (${job.JobId})`}
        checked={row.selected}
        disabled={!isActionable(job)}
        onChange={(e) => row.onSelect(job.JobId, e.target.checked)}
      />
    ),
  },
  {
    id: "name",
    header: "Name",
    thClass: th,
    tdClass: "max-md:col-span-2 max-md:col-start-2 max-md:row-start-1 md:min-w-44 md:max-w-64 xl:max-w-72",
    phone: "cell",
    cell: (job, row) => (
      <>
        {/* Two lines at most; the full name on hover (title) and on keyboard focus (pop-out). */}
        <span className="group relative block">
          {/* A job CI sent without a readable JobId (marked) has no page to open. */}
          {job.JobId ? (
            <Link
              href={jobHref(job.JobId, row.bucket)}
              title={row.name}
              className="line-clamp-2 font-medium break-words text-blue-800 underline-offset-2 hover:underline"
            >
              {row.name}
            </Link>
          ) : (
            <span className="line-clamp-2 font-medium break-words">{row.name}</span>
          )}
          {row.name.length > 40 && (
            <span
              aria-hidden="true"
              className="pointer-events-none absolute top-full left-0 z-20 mt-1 hidden w-max max-w-80 rounded-md bg-slate-900 px-2 py-1 text-xs break-words text-white shadow-lg group-has-[:focus-visible]:block"
            >
              {row.name}
            </span>
          )}
        </span>
        <DetailsProblemMarker problem={job.detailsProblem} />
      </>
    ),
  },
  {
    id: "jobId",
    header: "JobId",
    thClass: `${th} ${secondary}`,
    tdClass: `${secondary} max-w-32`,
    phone: "hidden",
    cell: (job) => (
      <span className="flex items-center gap-1">
        <code className="min-w-0 truncate font-mono text-[11px] text-slate-800" title={job.JobId}>
          {job.JobId}
        </code>
        <CopyButton value={job.JobId} label={`Copy JobId ${job.JobId}`} />
      </span>
    ),
  },
  {
    id: "type",
    header: "Type",
    thClass: `${th} ${secondary}`,
    tdClass: secondary,
    phone: "hidden",
    cell: (job) => job.Type ?? dash,
  },
  {
    id: "tagOrWorkflow",
    header: "Tag or workflow",
    thClass: `${thWrap} ${secondary}`,
    tdClass: `${secondary} max-w-44`,
    phone: "hidden",
    testId: "tag-or-workflow",
    cell: (job, row) => {
      const tw = tagOrWorkflow(job);
      if (!tw) return dash;
      return tw.kind === "Workflow" ? (
        <WorkflowCell ids={tw.value} names={row.names} />
      ) : (
        <span className="break-words">{tw.value}</span>
      );
    },
  },
  {
    id: "state",
    header: "State",
    thClass: th,
    tdClass: "max-md:col-start-2 max-md:row-start-2 max-md:pt-0",
    phone: "cell",
    cell: (job) => (
      <>
        <JobStateBadge state={job.State} />
        {job.State === "Failed" && job.Code && (
          <span
            className="mt-1 block max-w-28 truncate text-xs text-red-800"
            title={job.Message ? `${job.Code}: ${job.Message}` : job.Code}
          >
            {job.Code}
          </span>
        )}
      </>
    ),
  },
  {
    id: "created",
    header: "Created",
    thClass: th,
    tdClass: "max-md:col-start-3 max-md:row-start-2 max-md:pt-0.5",
    phone: "cell",
    cell: (job, row) => {
      const created = parseCiTime(job.CreationTime);
      return created ? <RelativeTime at={created} raw={job.CreationTime ?? ""} serverNow={row.serverNow} /> : dash;
    },
  },
  {
    id: "triggeredBy",
    header: "Triggered by",
    thClass: `${th} ${secondary}`,
    // Who triggered it stays on the phone too (audit-identity spec): a third line under state and age.
    tdClass: "max-md:col-span-2 max-md:col-start-2 max-md:row-start-3 max-md:pt-0 max-md:text-xs md:max-w-32",
    phone: "line",
    testId: "triggered-by",
    cell: (_job, { triggeredBy: by }) =>
      // CI runs every job under one shared key: only our audit log knows the person.
      by ? (
        <span
          className="block truncate"
          title={`${by.actor}, ${by.at.replace("T", " ").replace(/\.\d+Z$|Z$/, "")} UTC`}
        >
          {actorName(by.actor)}
          <span className="sr-only">{by.actor.slice(actorName(by.actor).length)}</span>
        </span>
      ) : (
        <span className="text-slate-500" title="Not triggered through this dashboard">
          —
        </span>
      ),
  },
  {
    id: "duration",
    header: "Duration",
    thClass: `${th} ${secondary}`,
    tdClass: secondary,
    phone: "hidden",
    cell: (job, row) => <DurationCell job={job} serverNow={row.serverNow} />,
  },
  {
    id: "input",
    header: "Input",
    thClass: `${th} ${secondary}`,
    tdClass: `${secondary} max-w-40 xl:max-w-48`,
    phone: "hidden",
    cell: (job) => {
      const input = inputSummary(job);
      if (!input) return dash;
      return (
        <TruncatedText full={`${input.kind}: ${input.value || "(empty)"}`}>
          <span className="text-slate-600">{input.kind} </span>
          <span className="font-mono text-xs">{input.value || "(empty)"}</span>
        </TruncatedText>
      );
    },
  },
  {
    id: "actions",
    header: <span className="max-md:sr-only">Actions</span>,
    thClass: th,
    tdClass: "max-md:col-start-4 max-md:row-span-2 max-md:row-start-1 whitespace-nowrap",
    phone: "cell",
    cell: (job, row) =>
      // A job without a readable JobId (marked) can be neither watched, duplicated nor cancelled: all name it by JobId.
      !isActionable(job) ? null : (
        // Icon buttons with names (aria-label) and tooltips: three actions must fit a 1440 px screen.
        <span className="flex items-center gap-0.5">
          <button
            type="button"
            aria-pressed={row.watched}
            aria-label={`${row.watched ? "Stop watching" : "Watch"} ${row.name}`}
            title={
              row.watched ? "Watching: you will be notified when it finishes" : "Watch: be notified when it finishes"
            }
            onClick={() => setWatched(job.JobId, !row.watched)}
            className={`${iconButton} ${row.watched ? "text-blue-700" : "text-slate-500"}`}
          >
            <EyeIcon className="h-4 w-4" />
          </button>
          {row.canTrigger && (
            <Link
              href={duplicateHref(job.JobId, row.bucket)}
              className={`${iconButton} text-slate-700`}
              aria-label={`Duplicate ${row.name}`}
              title="Duplicate: a new job with these settings"
            >
              <DuplicateIcon className="h-4 w-4" />
            </Link>
          )}
          {row.canTrigger && isCancellable(job.State) && (
            <button
              type="button"
              className={`${iconButton} text-red-700 hover:bg-red-50`}
              aria-label={`Cancel ${row.name}`}
              title="Cancel this job"
              onClick={() => row.onCancel(job)}
            >
              <BanIcon className="h-4 w-4" />
            </button>
          )}
        </span>
      ),
  },
];

/** The columns a person sees: the selection column only for operators. */
export function visibleColumns(canTrigger: boolean): readonly JobsColumn[] {
  return JOBS_COLUMNS.filter((c) => canTrigger || !c.operatorsOnly);
}
