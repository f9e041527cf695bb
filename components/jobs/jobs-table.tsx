"use client";
import type { KeyboardEvent } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import type { CiNames } from "@/lib/jobs/ci-names";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { isActionable, jobRowKeys } from "@/lib/jobs/row-keys";
import { secondary, visibleColumns, type RowContext } from "./jobs-columns";

const td = "px-1.5 py-2 align-top";
// Phones (under 768 px): each row is a small grid (name on top, state and age beneath, actions at the side); explicit
// roles keep it a table for assistive technology whatever the CSS display. The columns say where they go.
const phoneRow = "max-md:grid max-md:grid-cols-[auto_auto_minmax(0,1fr)_auto] max-md:items-start max-md:gap-x-2";

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
  const selectable = jobs.filter(isActionable);
  const allSelected = selectable.length > 0 && selectable.every((j) => selected.has(j.JobId));
  const someSelected = !allSelected && selectable.some((j) => selected.has(j.JobId));
  const watchedSet = new Set(watched);
  const columns = visibleColumns(canTrigger);
  const rowKeys = jobRowKeys(jobs);

  return (
    <div
      role="region"
      aria-label="Batch jobs table"
      tabIndex={0}
      className="relative max-w-full overflow-x-auto rounded-lg border border-slate-200 bg-white"
    >
      <table
        className={`w-full border-collapse text-sm max-md:block md:min-w-[1100px] ${stale ? "opacity-60" : ""}`}
        aria-busy={loading || stale}
      >
        <caption className="sr-only">
          Batch jobs, {jobs.length} on this page starting at row {props.firstRowNumber}. Arrow keys move between rows.
        </caption>
        <thead className="border-b border-slate-200 bg-slate-50 max-md:sr-only">
          <tr>
            {columns.map((col) => (
              <th key={col.id} scope="col" className={col.thClass}>
                {col.id === "select" ? (
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
                ) : (
                  col.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={onRowKeyDown} className="max-md:block">
          {loading &&
            Array.from({ length: 6 }, (_, i) => (
              <tr key={`s${i}`} className="border-b border-slate-100" data-skeleton="true">
                {columns.map((col) => (
                  <td key={col.id} className={`${td} ${col.phone !== "cell" ? secondary : ""}`}>
                    <Skeleton className="h-4 w-full min-w-8" />
                  </td>
                ))}
              </tr>
            ))}
          {jobs.map((job, i) => {
            const changed = highlighted.has(job.JobId);
            const row: RowContext = {
              bucket,
              serverNow,
              canTrigger,
              name: job.Name || "(no name)",
              selected: selected.has(job.JobId),
              watched: watchedSet.has(job.JobId),
              onSelect: props.onSelect,
              onCancel: props.onCancel,
              triggeredBy: props.triggeredBy?.[job.JobId],
              names: props.names,
            };
            return (
              <tr
                key={rowKeys[i]}
                role="row"
                data-job-id={job.JobId}
                data-state={job.State}
                data-changed={changed ? "true" : undefined}
                className={`${phoneRow} border-b border-slate-100 transition-colors duration-700 ${changed ? "bg-yellow-100" : row.selected ? "bg-blue-50" : "hover:bg-slate-50"}`}
              >
                {columns.map((col) => (
                  <td
                    key={col.id}
                    role={col.phone === "cell" ? "cell" : undefined}
                    className={`${td} ${col.tdClass}`}
                    data-testid={col.testId}
                  >
                    {col.cell(job, row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
