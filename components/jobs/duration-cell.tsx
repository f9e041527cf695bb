"use client";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { formatDuration, jobDuration } from "@/lib/jobs/job-view";
import { useNow } from "./use-now";

/** The job's run time; for a job CI is still working on, the time so far (ticking), marked as such. */
export function DurationCell({ job, serverNow }: { job: JobDetail; serverNow: number }) {
  const now = useNow(serverNow);
  const d = jobDuration(job, now);
  if (!d) return <span className="text-slate-500">–</span>;
  return (
    <span className="tabular-nums" title={d.running ? "Running time so far" : undefined}>
      <span className="whitespace-nowrap">{formatDuration(d.ms)}</span>
      {d.running && <span className="block text-xs text-slate-600">so far</span>}
    </span>
  );
}
