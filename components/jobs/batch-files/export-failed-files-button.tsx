"use client";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { DownloadIcon } from "@/components/ui/icons";
import { ApiError } from "@/lib/query/api-fetch";
import { fetchAllFailedFiles } from "@/lib/query/batch-files";

function saveCsv(csv: string, name: string) {
  // A byte-order mark so that spreadsheet programs read Chinese object keys as UTF-8.
  const blob = new Blob(["\uFEFF", csv], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type Status =
  | { kind: "idle" }
  | { kind: "working"; soFar: number }
  | { kind: "done"; count: number; truncated: boolean }
  | { kind: "error"; text: string };

/** Downloads every failed file of the batch (all pages, not just the one on screen) as CSV. */
export function ExportFailedFilesButton({ jobId, bucket }: { jobId: string; bucket: string | null }) {
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const abort = useRef<AbortController | null>(null);
  const run = async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setStatus({ kind: "working", soFar: 0 });
    try {
      const { items, truncated } = await fetchAllFailedFiles(jobId, bucket, {
        signal: controller.signal,
        onPage: (soFar) => setStatus({ kind: "working", soFar }),
      });
      // The encoder loads with the first download, not with the page.
      const { buildFailedFilesCsv, failedFilesCsvName } = await import("@/lib/jobs/batch-files-csv");
      saveCsv(buildFailedFilesCsv(items), failedFilesCsvName(jobId, new Date()));
      setStatus({ kind: "done", count: items.length, truncated });
    } catch (e) {
      if (controller.signal.aborted) return;
      setStatus({
        kind: "error",
        text:
          e instanceof ApiError
            ? `${e.code}: ${e.message}${e.requestId ? ` (RequestId ${e.requestId})` : ""}`
            : String(e),
      });
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button size="sm" onClick={() => void run()} disabled={status.kind === "working"}>
        <DownloadIcon className="h-4 w-4" /> Download failed files
      </Button>
      <span role="status" className="text-xs text-slate-700" data-testid="export-status">
        {status.kind === "working" && `Reading failed files… ${status.soFar.toLocaleString("en-US")} so far`}
        {status.kind === "done" &&
          `Downloaded ${status.count.toLocaleString("en-US")} failed ${status.count === 1 ? "file" : "files"}${status.truncated ? " (stopped at 100,000: the list went on)" : ""}.`}
      </span>
      {status.kind === "error" && (
        <span role="alert" className="text-xs text-red-900">
          Could not download the failed files: {status.text}
        </span>
      )}
    </div>
  );
}
