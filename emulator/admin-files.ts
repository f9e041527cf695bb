/**
 * Admin endpoints for the files inside batches and for COS (issue 13), under `/__emulator/`: what clients wrote to
 * COS (to check a retry URL list), a batch's files and their states (to know which ones failed), finishing a batch
 * now, and moving the lifecycle clock. Same loopback/Origin/Content-Type rules as the rest of the admin API.
 */
import { z } from "zod";
import { childAt, childCount } from "./batch/batch-children";
import { batchFileKeys } from "./batch/batch-inputs";
import type { EmulatorStore, BucketStore } from "./store/emulator-store";
import type { JobRecord } from "./store/job-record";
import { jobStatus } from "./store/lifecycle";

export interface AdminClock {
  /** The lifecycle clock's lead over the emulator's clock (ms). */
  offsetMs(): number;
  advance(ms: number): void;
}

export interface FilesAdminDeps {
  store: EmulatorStore;
  /** The lifecycle clock (emulator clock + offset). */
  now: () => number;
  clock: AdminClock;
}

/** A written object as the admin API shows it; `body` is the UTF-8 text of the object. */
export interface AdminCosObject {
  key: string;
  size: number;
  etag: string;
  contentType: string | null;
  lastModified: string;
  writtenAt: string;
  body: string;
}

/** One file of a batch as the admin API shows it. */
export interface AdminBatchFile {
  key: string;
  /** RunId (Workflow batch) or media JobId (Job batch). */
  id: string;
  workflowId?: string;
  state: string;
  code?: string;
  message?: string;
}

export interface AdminBatchFiles {
  jobId: string;
  type: "Workflow" | "Job";
  batchState: string;
  /** Files the batch covers (its input resolved), whether their children exist yet or not. */
  fileCount: number;
  /** Children in total (files × workflows for a Workflow batch). */
  childCount: number;
  /** Children that exist now, by state. */
  counts: Record<string, number>;
  /** The children that exist now (filtered by `state` if given), in file order, at most `limit`. */
  files: AdminBatchFile[];
}

export class FilesAdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const advanceSchema = z.strictObject({
  ms: z
    .number()
    .int()
    .min(1)
    .max(30 * 86_400_000),
});

function bucketOf(store: EmulatorStore, query: ReadonlyMap<string, string>): BucketStore {
  const name = query.get("bucket");
  const region = query.get("region");
  const all = store.allBuckets();
  const found = name ? all.find((b) => b.bucket === name && (!region || b.region === region)) : all[0];
  if (!found) throw new FilesAdminError(404, `No bucket ${name ?? ""}${region ? `@${region}` : ""}`);
  return found;
}

function batchFiles(
  job: JobRecord,
  bucket: BucketStore,
  now: number,
  query: ReadonlyMap<string, string>,
): AdminBatchFiles {
  const state = query.get("state") || undefined;
  const rawLimit = query.get("limit");
  const limit = rawLimit ? Number(rawLimit) : 100_000;
  if (!Number.isInteger(limit) || limit < 0 || limit > 100_000)
    throw new FilesAdminError(400, "limit: a whole number from 0 to 100000");
  const total = childCount(job, bucket.objects);
  const counts: Record<string, number> = {};
  const files: AdminBatchFile[] = [];
  for (let i = 0; i < total; i++) {
    const c = childAt(job, bucket.objects, i, now);
    if (!c) continue;
    counts[c.status.state] = (counts[c.status.state] ?? 0) + 1;
    if ((state && c.status.state !== state) || files.length >= limit) continue;
    const f: AdminBatchFile = { key: c.key, id: c.id, state: c.status.state };
    if (c.workflowId) f.workflowId = c.workflowId;
    if (c.status.failure) Object.assign(f, { code: c.status.failure.code, message: c.status.failure.message });
    files.push(f);
  }
  return {
    jobId: job.jobId,
    type: job.type,
    batchState: jobStatus(job, now).state,
    fileCount: batchFileKeys(job, bucket.objects).length,
    childCount: total,
    counts,
    files,
  };
}

function parseBody(body: string): unknown {
  try {
    return body.trim() === "" ? {} : JSON.parse(body);
  } catch {
    throw new FilesAdminError(400, "The body is not valid JSON");
  }
}

/** Answers the files/COS admin endpoints, or returns null when `path` is not one of them. */
export function routeFilesAdmin(
  deps: FilesAdminDeps,
  method: string,
  path: string,
  query: ReadonlyMap<string, string>,
  body: string,
): [number, unknown] | null {
  const now = deps.now();
  if (path === "cos/objects") {
    if (method !== "GET") throw new FilesAdminError(405, `${method} is not allowed here`);
    const bucket = bucketOf(deps.store, query);
    const objects: AdminCosObject[] = bucket.objects.writtenObjects(query.get("prefix") ?? "").map((o) => ({
      key: o.key,
      size: o.size,
      etag: o.etag,
      contentType: o.contentType ?? null,
      lastModified: iso(o.lastModified),
      writtenAt: iso(o.writtenAt),
      body: o.content!().toString("utf8"),
    }));
    return [200, { bucket: bucket.bucket, region: bucket.region, objects }];
  }
  const batch = /^batches\/([^/]+)\/(files|finish)$/.exec(path);
  if (batch) {
    const job = deps.store.findJob(batch[1]!);
    if (!job) throw new FilesAdminError(404, `No job ${batch[1]}`);
    const bucket = deps.store.bucket(job.bucket, job.region)!;
    if (batch[2] === "files" && method === "GET") return [200, batchFiles(job, bucket, now, query)];
    if (batch[2] === "finish" && method === "POST") {
      // The batch's running window is squeezed to end now: every file is created and ended by now.
      // (A batch triggered this very millisecond starts 1 ms before its creation: invisible at CI's whole seconds.)
      job.timeline.startAt = Math.min(job.timeline.startAt, now - 1);
      job.timeline.endAt = Math.min(job.timeline.endAt, now);
      return [200, batchFiles(job, bucket, now, new Map([["limit", "0"]]))];
    }
    throw new FilesAdminError(405, `${method} is not allowed here`);
  }
  if (path === "clock") {
    if (method === "GET") return [200, { now: iso(now), offsetMs: deps.clock.offsetMs() }];
    if (method === "POST") {
      const parsed = advanceSchema.safeParse(parseBody(body));
      if (!parsed.success) throw new FilesAdminError(400, `ms: ${parsed.error.issues[0]!.message}`);
      deps.clock.advance(parsed.data.ms);
      return [200, { now: iso(deps.now()), offsetMs: deps.clock.offsetMs() }];
    }
    throw new FilesAdminError(405, `${method} is not allowed here`);
  }
  return null;
}
