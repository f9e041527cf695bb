"use client";
import { Button } from "@/components/ui/button";
import { DownloadIcon } from "@/components/ui/icons";
import type { CiNames } from "@/lib/jobs/ci-names";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { buildJobsCsv, csvFileName } from "@/lib/jobs/job-view";

/** Downloads the rows on screen as CSV, named after the view (bucket, filters, page, time), with who triggered each and names beside IDs. */
export function ExportCsvButton({
  jobs,
  nameParts,
  triggeredBy,
  names,
}: {
  jobs: readonly JobDetail[];
  nameParts: readonly string[];
  triggeredBy?: Readonly<Record<string, { actor: string; at: string }>>;
  /** Names beside the workflow, queue and template IDs. */
  names?: CiNames;
}) {
  const download = () => {
    const now = new Date();
    // A byte-order mark so that spreadsheet programs read the (possibly Chinese) names as UTF-8.
    const blob = new Blob(["\uFEFF", buildJobsCsv(jobs, now.getTime(), triggeredBy, names)], {
      type: "text/csv;charset=utf-8",
    });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = csvFileName(nameParts, now);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <Button size="sm" onClick={download} disabled={jobs.length === 0}>
      <DownloadIcon className="h-4 w-4" /> Export CSV
    </Button>
  );
}
