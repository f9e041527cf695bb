/**
 * The JSON our job routes answer with, declared once: the route handlers and server loaders (lib/server/jobs/*,
 * lib/server/me.ts) build these, the browser fetchers (lib/query/jobs.ts) read them. Types only. The files routes
 * have their own contract (./batch-files.ts); errors are `{ error: ApiErrorBody }` (lib/query/api-fetch.ts).
 */
import type { Attribution, JobHistory } from "./audit-types";
import type { RetryLinks } from "./batch-files";
import type { CiNames } from "./ci-names";
import type { JobDetail } from "./job-detail-schema";
import type { PickerItem } from "./picker-schema";

/** GET /api/jobs: one page of CI's job list. */
export interface JobsPageAnswer {
  jobs: JobDetail[];
  nextToken: string | null;
  requestId: string;
  /** ISO instant at which our server got CI's answer. */
  fetchedAt: string;
  /**
   * JobId → who triggered it through this dashboard, from the audit log (CI runs every job under one shared key, so
   * CI cannot say). Jobs triggered elsewhere are absent.
   */
  triggeredBy: Record<string, Attribution>;
  /** Names of the workflows, templates and queues the jobs refer to (lib/jobs/ci-names.ts). */
  names: CiNames;
}

/** GET /api/jobs/[jobId]: one job with CI's raw XML (callback credentials redacted) and its audit history. */
export interface JobAnswer {
  job: JobDetail;
  requestId: string;
  rawXml: string;
  /** Null when the audit log could not be read. */
  history: JobHistory | null;
  /** Names of the workflows, templates and queues this job refers to. */
  names: CiNames;
  /** A retry and its source batch, both ways (lib/jobs/batch-files.ts); absent when neither applies. */
  retryLinks?: RetryLinks;
}

/** POST /api/jobs: 201 with the job CI created (callback credentials redacted). */
export interface TriggerAnswer {
  job: JobDetail;
  requestId: string;
}

/** GET /api/ci/{templates,queues,workflows}: picker data. */
export interface PickerAnswer {
  items: PickerItem[];
}

/** POST /api/jobs/[jobId]/cancel. */
export interface CancelAnswer {
  ok: true;
  requestId: string;
}

/** GET /api/me (and what the pages put in the query cache under the same key). */
export interface MeAnswer {
  user: { id: string; name: string; groups: string[] };
  canTrigger: boolean;
  role: "operator" | "viewer";
  /** Where "Sign out" goes, when the sign-in mode has one. */
  signOutUrl: string | null;
  buckets: { bucket: string; region: string }[];
  emulator: boolean;
}
