/**
 * The contract of "files inside a batch" (issue 13): the JSON shapes /api/jobs/{jobId}/files, /files/{fileId},
 * /retry and /api/inputs/preview answer with. Declared once here and imported by the routes (lib/server) and by the
 * screens (lib/query, components). Zod-free types; the routes own their query schemas.
 *
 * One "file" is one object the batch touched: for a Workflow batch a workflow instance (RunId), for a Job batch the
 * media job CI created for it (JobId). See docs/ci-api.md ("One level down").
 */

/** States a file can be in, as CI spells them (workflow instances never report Submitted or Pause). */
export const FILE_STATES = ["Submitted", "Running", "Success", "Failed", "Pause", "Cancel"] as const;
export type FileState = (typeof FILE_STATES)[number];
/** Ended states: a file in one of these is never read again by the counter. */
export const FILE_END_STATES: readonly FileState[] = ["Success", "Failed", "Cancel"];

export type FileKind = "workflowInstance" | "mediaJob";

export interface BatchFileItem {
  /** The object key (COS key, no leading slash), as CI reports it. */
  object: string;
  /** One of FILE_STATES, or CI's own word when it reports another one (shown as is, never dropped). */
  state: string;
  kind: FileKind;
  /** RunId of the workflow instance, or JobId of the media job: the `fileId` of /files/{fileId}. */
  id: string;
  /** ISO-8601 instants (converted from CI's time formats); absent when CI gives none. */
  createdAt?: string;
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  /** CI's error code and message for a failed file (for a workflow instance: those of its first failed step). */
  code?: string;
  message?: string;
  /** Output object keys, where CI reports them. */
  outputs?: string[];
}

/** State → number of files; only states seen are present. */
export type FileCounts = Partial<Record<string, number>>;

export interface BatchFilesPage {
  counts: FileCounts;
  /** False while the counter has not yet seen every file (or the batch is still running): the screen says so. */
  countsComplete: boolean;
  /** When the counts were last refreshed (ISO); null before the first pass. */
  countsAt: string | null;
  items: BatchFileItem[];
  /** Opaque cursor for the next page of `items`; absent on the last page. */
  nextToken?: string;
  requestId: string;
}

/** One step of a workflow instance (or the single media job of a Job batch). */
export interface FileStep {
  type: string;
  name?: string;
  state: string;
  jobId?: string;
  templateId?: string;
  templateName?: string;
  createdAt?: string;
  endedAt?: string;
  code?: string;
  message?: string;
  outputs?: string[];
}

export interface BatchFileDetail extends BatchFileItem {
  workflowId?: string;
  workflowName?: string;
  steps: FileStep[];
  requestId: string;
}

/** GET /api/jobs/{jobId}/retry: what a retry would do (the review step); nothing is written or sent. */
export interface RetryPlan {
  sourceJobId: string;
  /** Number of failed files the retry would cover (exact: a plan is only offered for a finished batch). */
  fileCount: number;
  /** The COS key the URL list would be written to (under RETRY_LIST_PREFIX). */
  listKey: string;
  /** The exact XML body the trigger would send. */
  xml: string;
}

/** POST /api/jobs/{jobId}/retry → 201. */
export interface RetryResult {
  jobId: string;
  sourceJobId: string;
  fileCount: number;
  listKey: string;
  requestId: string;
}

export interface InputSampleObject {
  key: string;
  size: number;
  lastModified: string;
}

/** GET /api/inputs/preview. */
export interface InputPreview {
  /** Matching objects (Prefix), lines (UrlFile), 1/0 (Object), entries (Manifest). */
  count: number;
  /** False when the 10-COS-call bound was reached: `count` is then a lower bound, shown as "more than N". */
  countExact: boolean;
  bytes: number;
  sample: InputSampleObject[];
  /** Object previews: whether it exists. */
  exists?: boolean;
  /** Problems found (a UrlFile line that is not a COS URL of this bucket, a manifest that cannot be read…). */
  problems?: string[];
  /** How many COS calls this preview made (≤ 10). */
  cosCalls: number;
  requestId?: string;
}

/**
 * How a retry batch and its source link to each other (from the audit log). Added to the job detail answer
 * (GET /api/jobs/{jobId}) as `retryLinks`, absent when neither applies.
 */
export interface RetryLinks {
  /** This job retries the failed files of that one. */
  retryOf?: string;
  /** Retries started from this job, newest first. */
  retriedBy: string[];
}

/** Error codes of the retry routes (409 unless noted), so the screen can explain each one. */
export const RETRY_ERROR_CODES = [
  "RetryNotConfigured", // RETRY_LIST_PREFIX is not set: the answer's message names it
  "RetryBatchNotFinished", // the batch is still running: counts are not final
  "RetryNothingToRetry", // the batch has no failed files
  "RetryTooManyFiles", // more failed files than one URL list may hold (413)
] as const;
export type RetryErrorCode = (typeof RETRY_ERROR_CODES)[number];
