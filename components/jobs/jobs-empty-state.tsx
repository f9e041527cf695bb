"use client";
import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { activeFilters, type FilterKey, type JobsView } from "@/lib/jobs/url-state";

/** Says why the table is empty: which filters are in force (each removable), or that the bucket has no jobs yet. */
export function JobsEmptyState({
  view,
  page,
  canTrigger,
  onRemove,
  onClear,
  onFirstPage,
}: {
  view: JobsView;
  page: number;
  canTrigger: boolean;
  onRemove: (key: FilterKey) => void;
  onClear: () => void;
  onFirstPage: () => void;
}) {
  const active = activeFilters(view);
  return (
    <div
      role="status"
      className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center"
      data-testid="empty-state"
    >
      {page > 1 ? (
        <>
          <p className="font-medium text-slate-900">No more jobs after this point.</p>
          <Button className="mt-3" size="sm" onClick={onFirstPage}>
            Back to the first page
          </Button>
        </>
      ) : active.length > 0 ? (
        <>
          <p className="font-medium text-slate-900">
            No jobs match {active.length === 1 ? "this filter" : "these filters"}
            {view.bucket ? ` in ${view.bucket}` : ""}.
          </p>
          <p className="mt-1 text-sm text-slate-700">
            {active.length === 1 ? "It hides every job. " : "Together they hide every job. "}Remove one to widen the
            search:
          </p>
          <ul className="mt-3 flex flex-wrap justify-center gap-2">
            {active.map((f) => (
              <li key={f.key}>
                <Button size="sm" onClick={() => onRemove(f.key)} aria-label={`Remove filter ${f.label}: ${f.value}`}>
                  {f.label}: {f.value} <span aria-hidden="true">✕</span>
                </Button>
              </li>
            ))}
          </ul>
          <Button className="mt-3" size="sm" variant="ghost" onClick={onClear}>
            Clear all filters
          </Button>
        </>
      ) : (
        <>
          <p className="font-medium text-slate-900">No batch jobs{view.bucket ? ` in ${view.bucket}` : ""} yet.</p>
          {canTrigger && (
            <Link href="/jobs/new" className={buttonClasses({ variant: "primary", size: "sm", className: "mt-3" })}>
              New batch job
            </Link>
          )}
        </>
      )}
    </div>
  );
}
