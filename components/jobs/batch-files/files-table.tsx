import Link from "next/link";
import { JobStateBadge } from "@/components/jobs/job-state-badge";
import type { BatchFileItem } from "@/lib/jobs/batch-files";
import { formatDuration } from "@/lib/jobs/job-view";
import { fileHref } from "./file-links";
import { FileTime } from "./file-time";

/**
 * One row per file: object (linking to its detail), state, times, CI's error and outputs. On a phone the table
 * scrolls sideways inside a focusable region, so nothing is cut off and keyboard users can scroll it too.
 */
export function FilesTable({
  jobId,
  bucket,
  items,
}: {
  jobId: string;
  bucket: string | null;
  items: readonly BatchFileItem[];
}) {
  return (
    <div
      role="region"
      aria-label="Files of this batch"
      tabIndex={0}
      className="overflow-x-auto rounded-md border border-slate-200"
    >
      <table className="w-full min-w-[56rem] text-left text-sm" data-testid="files-table">
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Object
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              State
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Started
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Ended
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Duration
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              CI error
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Outputs
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((f) => (
            <tr
              key={f.id}
              className="border-t border-slate-100 align-top"
              data-testid="file-row"
              data-object={f.object}
              data-state={f.state}
            >
              <th scope="row" className="max-w-[22rem] px-3 py-2 font-normal">
                <Link
                  href={fileHref(jobId, f.id, bucket)}
                  className="break-all font-mono text-xs text-blue-800 underline-offset-2 hover:underline"
                >
                  {f.object || "(no object)"}
                </Link>
              </th>
              <td className="px-3 py-2">
                <JobStateBadge state={f.state} />
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-xs">
                <FileTime at={f.startedAt ?? f.createdAt} />
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-xs">
                <FileTime at={f.endedAt} />
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-xs">
                {f.durationMs !== undefined ? formatDuration(f.durationMs) : "–"}
              </td>
              <td className="max-w-[18rem] px-3 py-2 text-xs">
                {f.code || f.message ? (
                  <>
                    {f.code && <strong className="font-mono text-red-900">{f.code}</strong>}
                    {f.message && <span className="block break-words text-slate-800">{f.message}</span>}
                  </>
                ) : (
                  <span className="text-slate-500">–</span>
                )}
              </td>
              <td className="max-w-[16rem] px-3 py-2 text-xs">
                {f.outputs?.length ? (
                  <ul>
                    {f.outputs.map((o) => (
                      <li key={o} className="break-all font-mono">
                        {o}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="text-slate-500">–</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
