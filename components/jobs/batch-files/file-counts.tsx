import { JobStateBadge } from "@/components/jobs/job-state-badge";
import { summariseCounts } from "@/lib/jobs/batch-files-view";
import type { FileCounts } from "@/lib/jobs/batch-files";

/**
 * How many files are in each state, and a bar of how many have ended. While the counter has not seen every file the
 * numbers are lower bounds and the screen says so ("at least"): never a guess shown as a fact.
 */
export function FileCountsSummary({
  counts,
  complete,
  running,
  countsAt,
}: {
  counts: FileCounts;
  complete: boolean;
  running: boolean;
  countsAt: string | null;
}) {
  const s = summariseCounts(counts, complete);
  const percent = Math.round(s.fraction * 100);
  return (
    <div className="space-y-3" data-testid="file-counts" data-complete={complete ? "true" : "false"}>
      <p className="text-sm text-slate-800" aria-live="polite">
        <span className="font-semibold" data-testid="files-total">
          {s.totalLabel}
        </span>{" "}
        {s.total === 1 && complete ? "file" : "files"}
        {countsAt === null && !complete ? " (counting has not started yet)" : ""}
      </p>
      {s.rows.length > 0 && (
        <ul aria-label="Files by state" className="flex flex-wrap gap-x-4 gap-y-2">
          {s.rows.map((r) => (
            <li
              key={r.state}
              className="flex items-center gap-1.5 text-sm"
              data-testid={`count-${r.state}`}
              data-count={r.count}
            >
              <JobStateBadge state={r.state} />
              <span className="font-semibold tabular-nums">
                {complete ? r.count.toLocaleString("en-US") : `≥ ${r.count.toLocaleString("en-US")}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {running && s.total > 0 && (
        <div>
          <div
            role="progressbar"
            aria-label="Files ended"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={`${s.ended.toLocaleString("en-US")} of the ${s.total.toLocaleString("en-US")} files counted so far have ended`}
            className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
          >
            <div className="h-full rounded-full bg-blue-700 transition-[width]" style={{ width: `${percent}%` }} />
          </div>
          <p className="mt-1 text-xs text-slate-700">
            {s.ended.toLocaleString("en-US")} of the {s.total.toLocaleString("en-US")} files counted so far have ended (
            {percent}%).
          </p>
        </div>
      )}
      {!complete && (
        <p className="text-xs text-amber-900" data-testid="counts-incomplete">
          Counts are incomplete: {running ? "the batch is still running and " : ""}not every file has been counted yet,
          so these are lower bounds.
        </p>
      )}
    </div>
  );
}
