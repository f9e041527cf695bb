"use client";
/**
 * What the chosen input will touch, before anything is triggered (issue 13): for a Prefix the number of objects (with
 * the upload-time window), their total size and a sample; for an Object whether it exists; for a URL file its lines
 * and problems; for a manifest what it describes. Asked for after typing stops; a failure is shown here and never
 * blocks the form.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { formatBytes } from "@/lib/jobs/batch-files-view";
import type { InputPreview } from "@/lib/jobs/batch-files";
import { ApiError } from "@/lib/query/api-fetch";
import { batchFilesKeys, fetchInputPreview, type InputPreviewParams } from "@/lib/query/batch-files";

const DEBOUNCE_MS = 400;
const SAMPLE_SHOWN = 8;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/** "more than 1,000" when the bounded listing stopped early, else the exact number. */
function countText(p: InputPreview): string {
  return p.countExact ? p.count.toLocaleString("en-US") : `more than ${p.count.toLocaleString("en-US")}`;
}

function plural(n: number, word: string, exact = true): string {
  return n === 1 && exact ? word : `${word}s`;
}

/** The route adds, for a manifest, what it describes in words (beyond the contract's fields). */
type PreviewAnswer = InputPreview & { describes?: string };

function Summary({ params, p }: { params: InputPreviewParams; p: PreviewAnswer }) {
  switch (params.kind) {
    case "Prefix":
      if (p.count === 0 && p.countExact)
        return (
          <p className="text-amber-950" data-testid="preview-count" data-count={0} data-exact="true">
            No objects match{params.start || params.end ? " in the chosen window" : ""}: the batch would process
            nothing.
          </p>
        );
      return (
        <p>
          <strong data-testid="preview-count" data-count={p.count} data-exact={p.countExact ? "true" : "false"}>
            {countText(p)}
          </strong>{" "}
          {plural(p.count, "object", p.countExact)}{" "}
          {params.value ? (
            <>
              under <code className="break-all font-mono">{params.value}</code>
            </>
          ) : (
            "in the whole bucket"
          )}
          {params.start || params.end ? " uploaded in the chosen window" : ""}, {p.countExact ? "" : "at least "}
          {formatBytes(p.bytes)} in all.
        </p>
      );
    case "Object":
      return p.exists ? (
        <p data-testid="preview-exists" data-exists="true">
          The object exists ({formatBytes(p.bytes)}).
        </p>
      ) : (
        <p data-testid="preview-exists" data-exists="false" className="text-amber-950">
          No object with this key in {params.bucket}: the batch would have nothing to process.
        </p>
      );
    case "UrlFile":
      return (
        <p>
          The URL file lists{" "}
          <strong data-testid="preview-count" data-count={p.count}>
            {countText(p)}
          </strong>{" "}
          {plural(p.count, "line", p.countExact)}.
        </p>
      );
    case "Manifest":
      // What the route counts for a manifest (its inventory files) is said in its own words when it gives them.
      return (
        <p data-testid="preview-count" data-count={p.count}>
          {p.describes ??
            `The manifest lists ${countText(p)} ${plural(p.count, "entry", p.countExact).replace(/ys$/, "ies")}`}
          {p.bytes ? ` (${formatBytes(p.bytes)})` : ""}.
        </p>
      );
  }
}

/** The preview of one input; `params` null means there is nothing to preview yet (an empty key). */
export function InputPreviewPanel({ params }: { params: InputPreviewParams | null }) {
  const debounced = useDebounced(params, DEBOUNCE_MS);
  const query = useQuery({
    queryKey: debounced ? batchFilesKeys.preview(debounced) : ["input-preview", "none"],
    queryFn: ({ signal }) => fetchInputPreview(debounced!, signal),
    enabled: debounced !== null,
    retry: false,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  if (!params) return null;
  const p = query.data;
  const err = query.error instanceof ApiError ? query.error : null;
  const settling = debounced !== params || query.isFetching;
  return (
    <div
      className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-800"
      data-testid="input-preview"
      aria-busy={settling}
    >
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">Preview of the input</p>
      <div aria-live="polite" className="mt-1 space-y-1">
        {query.error ? (
          <p role="status" className="text-amber-950" data-testid="preview-error">
            Could not preview this input ({err?.code ?? "Error"}: {query.error.message}). You can still continue.
          </p>
        ) : p && debounced ? (
          <>
            <Summary params={debounced} p={p} />
            {p.problems?.length ? (
              <ul className="list-disc pl-5 text-amber-950" aria-label="Problems found">
                {p.problems.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            ) : null}
            {p.sample.length > 0 && debounced.kind !== "Object" && (
              <details>
                <summary className="cursor-pointer text-slate-700">
                  Sample of {Math.min(p.sample.length, SAMPLE_SHOWN)}{" "}
                  {plural(Math.min(p.sample.length, SAMPLE_SHOWN), "name")}
                </summary>
                <ul className="mt-1 space-y-0.5" data-testid="preview-sample">
                  {p.sample.slice(0, SAMPLE_SHOWN).map((o) => (
                    <li key={o.key} className="flex flex-wrap justify-between gap-x-3 font-mono text-xs">
                      <span className="break-all">{o.key}</span>
                      <span className="text-slate-600">{formatBytes(o.size)}</span>
                    </li>
                  ))}
                </ul>
              </details>
            )}
            {!p.countExact && (
              <p className="text-xs text-slate-600">
                Counting stopped after {p.cosCalls} listings to stay quick: the real number is higher.
              </p>
            )}
          </>
        ) : (
          <p role="status">Looking at the bucket…</p>
        )}
        {settling && p && <p className="text-xs text-slate-600">Updating…</p>}
      </div>
    </div>
  );
}
