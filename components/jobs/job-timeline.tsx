"use client";
import { parseCiTime } from "@/lib/jobs/ci-time";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { formatDuration, formatExact, formatRelative, jobDuration } from "@/lib/jobs/job-view";
import { useHydrated, useNow } from "./use-now";

function Moment({
  label,
  raw,
  now,
  hydrated,
  pending,
  dot = "border-blue-700 bg-blue-700",
}: {
  label: string;
  raw: string | undefined;
  now: number;
  hydrated: boolean;
  pending: string;
  dot?: string;
}) {
  const at = parseCiTime(raw);
  return (
    <li className="relative pl-6">
      <span
        aria-hidden="true"
        className={`absolute left-0 top-1.5 h-3 w-3 rounded-full border-2 ${at ? dot : "border-slate-400 bg-white"}`}
      />
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">{label}</p>
      {at ? (
        <p className="text-sm text-slate-900">
          <time dateTime={at.toISOString()}>{hydrated ? formatExact(at) : raw}</time>{" "}
          <span className="text-slate-600">({formatRelative(at.getTime(), now)})</span>
        </p>
      ) : (
        <p className="text-sm text-slate-600">{pending}</p>
      )}
    </li>
  );
}

/** Created → started → ended, with exact times in the reader's time zone and how long it took (or has taken). */
export function JobTimeline({ job, serverNow }: { job: JobDetail; serverNow: number }) {
  const now = useNow(serverNow);
  const hydrated = useHydrated();
  const d = jobDuration(job, now);
  return (
    <div>
      <ol className="space-y-3 border-l border-slate-200 pl-0 [&>li]:-ml-1.5">
        <Moment label="Created" raw={job.CreationTime} now={now} hydrated={hydrated} pending="Not reported" />
        <Moment label="Started" raw={job.StartTime} now={now} hydrated={hydrated} pending="Not started yet" />
        <Moment
          label={job.State === "Failed" ? "Ended (failed)" : job.State === "Cancel" ? "Ended (cancelled)" : "Ended"}
          raw={job.EndTime}
          now={now}
          hydrated={hydrated}
          pending={job.State === "Pause" ? "Paused: not ended" : "Not ended yet"}
          dot={
            job.State === "Failed"
              ? "border-red-700 bg-red-700"
              : job.State === "Success"
                ? "border-green-700 bg-green-700"
                : "border-slate-500 bg-slate-500"
          }
        />
      </ol>
      <p className="mt-3 text-sm text-slate-800">
        <span className="font-medium">Duration:</span>{" "}
        {d ? (
          <span className="tabular-nums">
            {formatDuration(d.ms)}
            {d.running && " so far"}
          </span>
        ) : (
          <span className="text-slate-600">unknown</span>
        )}
        {job.Progress && job.Progress !== "-" && (
          <span className="ml-3">
            <span className="font-medium">Progress:</span> {job.Progress}%
          </span>
        )}
      </p>
    </div>
  );
}
