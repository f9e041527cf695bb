"use client";
import { Button } from "@/components/ui/button";

/**
 * CI pages by token only: no total, no page numbers. We show the rows' position (known from the back stack) and
 * Previous/Next.
 */
export function JobsPagination({
  page,
  size,
  rows,
  hasNext,
  onPrevious,
  onNext,
  disabled,
  noun = "jobs",
}: {
  page: number;
  size: number;
  rows: number;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  disabled: boolean;
  /** What the rows are ("jobs", "files"). */
  noun?: string;
}) {
  const first = (page - 1) * size + 1;
  const last = (page - 1) * size + rows;
  return (
    <nav
      aria-label={noun === "jobs" ? "Pagination" : `Pages of ${noun}`}
      className="flex flex-wrap items-center justify-between gap-3 text-sm"
    >
      <p aria-live="polite" className="text-slate-700" data-testid="row-range">
        {rows > 0 ? `Showing ${first}–${last}` : page > 1 ? `No more ${noun}` : `No ${noun}`}
        {!hasNext && rows > 0 && <span className="text-slate-600"> (end of list)</span>}
      </p>
      <div className="flex gap-2">
        <Button size="sm" onClick={onPrevious} disabled={disabled || page <= 1}>
          ← Previous
        </Button>
        <Button size="sm" onClick={onNext} disabled={disabled || !hasNext}>
          Next →
        </Button>
      </div>
    </nav>
  );
}
