/**
 * The children of a batch, one per file: a workflow instance per file and workflow (Workflow batches) or a media job
 * per file (Job batches). Computed on demand from the batch and an index; their IDs encode both, so any child can be
 * found again without storing it: `i` (RunId) or `j` (media JobId) + 16 hex of the batch JobId + 8 hex index + 8 hex
 * check, 33 characters like CI's IDs.
 */
import type { CosBucket } from "../cos/cos-bucket";
import { hashHex } from "../cos/key-order";
import type { BucketStore } from "../store/emulator-store";
import type { JobRecord } from "../store/job-record";
import { batchFileKeys } from "./batch-inputs";
import {
  FILE_FAILURES,
  failureIndex,
  fileFailure,
  fileStatus,
  fileTiming,
  timingHash,
  type FileStatus,
} from "./file-outcome";

export type ChildKind = "workflow" | "media";

export interface BatchChild {
  kind: ChildKind;
  batch: JobRecord;
  /** Position in the batch's child order (file index × workflows + workflow index). */
  index: number;
  key: string;
  /** Workflow batches: the workflow this instance runs. */
  workflowId?: string;
  /** RunId or media JobId. */
  id: string;
  status: FileStatus;
}

/** `Operation.WorkflowIds` may name several workflows, comma-separated: one instance per file and workflow. */
export function workflowIdsOf(batch: JobRecord): string[] {
  const raw = batch.operation.WorkflowIds;
  return typeof raw === "string"
    ? raw
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

export const kindOf = (batch: JobRecord): ChildKind => (batch.type === "Workflow" ? "workflow" : "media");

/** How many children the batch has in total (existing now or later). */
export function childCount(batch: JobRecord, objects: CosBucket): number {
  const files = batchFileKeys(batch, objects).length;
  return batch.type === "Workflow" ? files * workflowIdsOf(batch).length : files;
}

const check = (batchId: string, index: number) => hashHex(`child|${batchId}|${index}`);

export function childId(kind: ChildKind, batchId: string, index: number): string {
  return `${kind === "workflow" ? "i" : "j"}${batchId.slice(1, 17)}${index.toString(16).padStart(8, "0")}${check(batchId, index)}`;
}

/**
 * What never changes about a batch's files, drawn once per batch (numbers, not objects: 20,000 files are a few
 * typed arrays): each file's timing draw and failure (-1 none, -2 missing object → ResourceNotFound).
 */
interface FileDraws {
  keys: readonly string[];
  workflows: string[];
  timing: Uint32Array;
  failure: Int8Array;
}
const draws = new WeakMap<JobRecord, FileDraws>();

function drawsOf(batch: JobRecord, objects: CosBucket): FileDraws {
  let d = draws.get(batch);
  if (!d) {
    const keys = batchFileKeys(batch, objects);
    // A prefix's keys exist by construction; a listed key (Object, UrlFile, Manifest) may not: it fails ResourceNotFound.
    const listed = typeof batch.input.Prefix !== "string";
    const timing = new Uint32Array(keys.length);
    const failure = new Int8Array(keys.length);
    keys.forEach((key, i) => {
      timing[i] = timingHash(batch.jobId, key);
      failure[i] = listed && objects.get(key) === undefined ? -2 : failureIndex(key);
    });
    d = { keys, workflows: kindOf(batch) === "workflow" ? workflowIdsOf(batch) : [], timing, failure };
    draws.set(batch, d);
  }
  return d;
}

/** The child at `index`, or null when it does not exist at `now` (not created yet, or never). */
export function childAt(batch: JobRecord, objects: CosBucket, index: number, now: number): BatchChild | null {
  const d = drawsOf(batch, objects);
  const kind = kindOf(batch);
  const per = Math.max(1, d.workflows.length);
  const fileIndex = Math.floor(index / per);
  const key = d.keys[fileIndex];
  if (key === undefined) return null;
  const timing = fileTiming(batch, fileIndex, d.keys.length, key, d.timing[fileIndex]);
  if (timing.createdAt > now) return null; // the cheap check first: most of a running batch's files are not there yet
  const f = d.failure[fileIndex]!;
  const status = fileStatus(
    batch,
    timing,
    f === -2 ? fileFailure(key, false) : f < 0 ? null : FILE_FAILURES[f]!,
    now,
    kind,
  );
  if (!status) return null;
  let id: string | undefined;
  const child: BatchChild = {
    kind,
    batch,
    index,
    key,
    // Built only for the children a page returns.
    get id() {
      return (id ??= childId(kind, batch.jobId, index));
    },
    status,
  };
  if (kind === "workflow") child.workflowId = d.workflows[index % per];
  return child;
}

/** A child by its ID, in this bucket; null when the ID is not one we issued or the child does not exist yet. */
export function findChild(store: BucketStore, id: string, kind: ChildKind, now: number): BatchChild | null {
  const m = /^([ij])([0-9a-f]{16})([0-9a-f]{8})([0-9a-f]{8})$/.exec(id);
  if (!m || (m[1] === "i") !== (kind === "workflow")) return null;
  const index = parseInt(m[3]!, 16);
  for (const batch of store.jobs.values()) {
    if (batch.jobId.slice(1, 17) !== m[2] || check(batch.jobId, index) !== m[4] || kindOf(batch) !== kind) continue;
    return childAt(batch, store.objects, index, now);
  }
  return null;
}
