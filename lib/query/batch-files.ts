/**
 * react-query keys, options and browser fetchers for the files inside a batch (issue 13): the per-file list and
 * detail, the retry plan and the retry itself, and the wizard's input preview. Shapes: lib/jobs/batch-files.ts
 * (types only, so nothing of the routes reaches the bundle).
 */
import { queryOptions } from "@tanstack/react-query";
import type {
  BatchFileDetail,
  BatchFileItem,
  BatchFilesPage,
  InputPreview,
  RetryPlan,
  RetryResult,
} from "@/lib/jobs/batch-files";
import { apiFetch } from "./api-fetch";

/** CI's largest page of instances / media jobs (`size` ≤ 100): the failed-files export asks for whole pages. */
export const FILES_MAX_PAGE_SIZE = 100;
/** Rows per page on screen. */
export const FILES_PAGE_SIZE = 50;
/** The export stops after this many pages (100,000 files) rather than loop forever on a cursor that never ends. */
export const EXPORT_MAX_PAGES = 1_000;

export interface BatchFilesParams {
  /** Only these states (empty: all). */
  states?: readonly string[];
  /** Exact object key. */
  object?: string;
  size?: number;
  nextToken?: string;
}

export interface InputPreviewParams {
  bucket: string;
  kind: "Prefix" | "Object" | "UrlFile" | "Manifest";
  /** The prefix (may be empty: the whole bucket), object key, URL file key or manifest key. */
  value: string;
  /** TimeInterval bounds in CI's time format, as the trigger would send them (Prefix only). */
  start?: string;
  end?: string;
}

/**
 * The preview of what a form holds: null when there is nothing to look at (no bucket, or an empty key for anything
 * but a Prefix: an empty prefix is the whole bucket). The window applies to a Prefix only, as CI applies it.
 */
export function previewParamsOf(
  bucket: string,
  kind: string | undefined,
  value: string | undefined,
  start?: string,
  end?: string,
): InputPreviewParams | null {
  if (!bucket || !kind || !(kind in PREVIEW_PARAM)) return null;
  const k = kind as InputPreviewParams["kind"];
  const v = (value ?? "").trim();
  if (!v && k !== "Prefix") return null;
  return k === "Prefix"
    ? { bucket, kind: k, value: v, ...(start ? { start } : {}), ...(end ? { end } : {}) }
    : { bucket, kind: k, value: v };
}

const PREVIEW_PARAM: Record<InputPreviewParams["kind"], string> = {
  Prefix: "prefix",
  Object: "object",
  UrlFile: "urlFile",
  Manifest: "manifest",
};

export const batchFilesKeys = {
  all: ["batch-files"] as const,
  lists: (jobId: string, bucket: string | null) => [...batchFilesKeys.all, "list", jobId, bucket] as const,
  list: (jobId: string, bucket: string | null, params: BatchFilesParams) =>
    [...batchFilesKeys.lists(jobId, bucket), normalise(params)] as const,
  detail: (jobId: string, fileId: string, bucket: string | null) =>
    [...batchFilesKeys.all, "detail", jobId, fileId, bucket] as const,
  retryPlan: (jobId: string, bucket: string | null) => [...batchFilesKeys.all, "retry-plan", jobId, bucket] as const,
  preview: (p: InputPreviewParams) => ["input-preview", p.bucket, p.kind, p.value, p.start ?? "", p.end ?? ""] as const,
};

function normalise(p: BatchFilesParams) {
  return {
    states: [...(p.states ?? [])].sort().join(","),
    object: p.object ?? "",
    size: p.size ?? null,
    nextToken: p.nextToken ?? "",
  };
}

const jobPath = (jobId: string) => `/api/jobs/${encodeURIComponent(jobId)}`;

/** The query string of GET /api/jobs/{jobId}/files (empty values left out). */
export function filesSearch(params: BatchFilesParams, bucket: string | null): string {
  const q = new URLSearchParams();
  if (bucket) q.set("bucket", bucket);
  if (params.states?.length) q.set("states", params.states.join(","));
  if (params.object) q.set("object", params.object);
  if (params.size) q.set("size", String(params.size));
  if (params.nextToken) q.set("nextToken", params.nextToken);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** The query string of GET /api/inputs/preview: exactly one of prefix/object/urlFile/manifest, and the window. */
export function previewSearch(p: InputPreviewParams): string {
  const q = new URLSearchParams({ bucket: p.bucket, [PREVIEW_PARAM[p.kind]]: p.value });
  if (p.kind === "Prefix" && p.start) q.set("start", p.start);
  if (p.kind === "Prefix" && p.end) q.set("end", p.end);
  return `?${q.toString()}`;
}

const bucketSearch = (bucket: string | null) => (bucket ? `?bucket=${encodeURIComponent(bucket)}` : "");

export function fetchBatchFiles(
  jobId: string,
  bucket: string | null,
  params: BatchFilesParams,
  signal?: AbortSignal,
): Promise<BatchFilesPage> {
  return apiFetch<BatchFilesPage>(`${jobPath(jobId)}/files${filesSearch(params, bucket)}`, { signal });
}

export function fetchBatchFile(
  jobId: string,
  fileId: string,
  bucket: string | null,
  signal?: AbortSignal,
): Promise<BatchFileDetail> {
  return apiFetch<BatchFileDetail>(`${jobPath(jobId)}/files/${encodeURIComponent(fileId)}${bucketSearch(bucket)}`, {
    signal,
  });
}

export function fetchRetryPlan(jobId: string, bucket: string | null, signal?: AbortSignal): Promise<RetryPlan> {
  return apiFetch<RetryPlan>(`${jobPath(jobId)}/retry${bucketSearch(bucket)}`, { signal });
}

/** Starts the retry batch. The same key sent twice creates one job (the server's Idempotency-Key handling). */
export function postRetry(jobId: string, bucket: string | null, idempotencyKey: string): Promise<RetryResult> {
  return apiFetch<RetryResult>(`${jobPath(jobId)}/retry${bucketSearch(bucket)}`, {
    method: "POST",
    json: {},
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

export function fetchInputPreview(p: InputPreviewParams, signal?: AbortSignal): Promise<InputPreview> {
  return apiFetch<InputPreview>(`/api/inputs/preview${previewSearch(p)}`, { signal });
}

/**
 * Every failed file of a batch, page after page (CI's largest pages), for the CSV export. `onPage` reports how many
 * have arrived so far. Stops after EXPORT_MAX_PAGES pages and says so through `truncated`.
 */
export async function fetchAllFailedFiles(
  jobId: string,
  bucket: string | null,
  {
    signal,
    onPage,
    fetchPage = fetchBatchFiles,
  }: { signal?: AbortSignal; onPage?: (soFar: number) => void; fetchPage?: typeof fetchBatchFiles } = {},
): Promise<{ items: BatchFileItem[]; truncated: boolean }> {
  const items: BatchFileItem[] = [];
  const seen = new Set<string>();
  let nextToken: string | undefined;
  for (let page = 0; page < EXPORT_MAX_PAGES; page++) {
    const answer = await fetchPage(jobId, bucket, { states: ["Failed"], size: FILES_MAX_PAGE_SIZE, nextToken }, signal);
    for (const item of answer.items) {
      // A file seen on an earlier page (the list moved under the cursor) is written once.
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      items.push(item);
    }
    onPage?.(items.length);
    if (!answer.nextToken || answer.nextToken === nextToken) return { items, truncated: false };
    nextToken = answer.nextToken;
  }
  return { items, truncated: true };
}

export function batchFilesOptions(jobId: string, bucket: string | null, params: BatchFilesParams) {
  return queryOptions({
    queryKey: batchFilesKeys.list(jobId, bucket, params),
    queryFn: ({ signal }) => fetchBatchFiles(jobId, bucket, params, signal),
  });
}

export function batchFileOptions(jobId: string, fileId: string, bucket: string | null) {
  return queryOptions({
    queryKey: batchFilesKeys.detail(jobId, fileId, bucket),
    queryFn: ({ signal }) => fetchBatchFile(jobId, fileId, bucket, signal),
  });
}

export function retryPlanOptions(jobId: string, bucket: string | null) {
  return queryOptions({
    queryKey: batchFilesKeys.retryPlan(jobId, bucket),
    queryFn: ({ signal }) => fetchRetryPlan(jobId, bucket, signal),
    retry: false,
    staleTime: 0,
  });
}

export function inputPreviewOptions(p: InputPreviewParams) {
  return queryOptions({
    queryKey: batchFilesKeys.preview(p),
    queryFn: ({ signal }) => fetchInputPreview(p, signal),
    retry: false,
    staleTime: 30_000,
  });
}
