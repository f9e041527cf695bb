import "server-only";
/**
 * Where a batch's files are listed (docs/ci-api.md §8): a Workflow batch's files are the workflow instances it
 * started, one list per workflow (`GET /workflowexecution?workflowId=&jobId=`); a Job batch's files are the media
 * jobs it created (`GET /jobs?tag=&inventoryTriggerJobId=`). Each list is one "stream"; a batch with several
 * WorkflowIds has several streams, read one after the other.
 */
import type { CiTarget } from "@/lib/ci/client";
import type { WorkflowExecutionEntry } from "@/lib/ci/batch-file-reads";
import type { BatchFileItem, FileKind, FileState } from "@/lib/jobs/batch-files";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { getRuntime } from "../ci-runtime";
import { ApiProblem } from "../problem";
import { toIso } from "./file-times";
import { collectOutputs } from "@/lib/ci/batch-file-reads";

export interface BatchSource {
  kind: FileKind;
  /** One per stream: a WorkflowId, or the Tag of a Job batch. */
  streams: string[];
}

/** States each list accepts in its `states` filter (docs/ci-api.md §8.1, §8.2). */
const WORKFLOW_STATES: readonly string[] = ["Success", "Failed", "Running", "Cancel"];

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/** The batch's source of files, from its own JobsDetail; a batch we cannot place is a 409 naming what is missing. */
export function batchSource(job: JobDetail): BatchSource {
  const op = (job.Operation ?? {}) as Record<string, unknown>;
  if (job.Type === "Workflow" || op.WorkflowIds !== undefined) {
    const ids = (text(op.WorkflowIds) ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.length === 0)
      throw new ApiProblem(
        409,
        "BatchFilesUnavailable",
        `Job ${job.JobId} names no WorkflowIds, so its files cannot be listed`,
      );
    return { kind: "workflowInstance", streams: ids };
  }
  const tag = text(op.Tag) ?? text(job.Tag);
  if (!tag)
    throw new ApiProblem(
      409,
      "BatchFilesUnavailable",
      `Job ${job.JobId} names no Operation.Tag, so its media jobs cannot be listed`,
    );
  return { kind: "mediaJob", streams: [tag] };
}

export interface StreamQuery {
  states?: readonly FileState[];
  object?: string;
  size: number;
  nextToken?: string;
  orderByTime?: "Asc" | "Desc";
  startCreationTime?: string;
}

export interface StreamPage {
  items: BatchFileItem[];
  skipped: number;
  nextToken: string | null;
  requestId: string;
}

function fromExecution(e: WorkflowExecutionEntry): BatchFileItem {
  return { object: e.object, state: e.state, kind: "workflowInstance", id: e.runId, createdAt: toIso(e.createTime) };
}

export function fromMediaJob(j: JobDetail): BatchFileItem {
  const input = (j.Input ?? {}) as Record<string, unknown>;
  const op = (j.Operation ?? {}) as Record<string, unknown>;
  const startedAt = toIso(j.StartTime);
  const endedAt = toIso(j.EndTime);
  const outputs = [...new Set(collectOutputs(op as never))];
  const failed = j.State === "Failed";
  return {
    object: text(input.Object) ?? "",
    state: j.State,
    kind: "mediaJob",
    id: j.JobId,
    createdAt: toIso(j.CreationTime),
    ...(startedAt ? { startedAt } : {}),
    ...(endedAt ? { endedAt } : {}),
    ...(startedAt && endedAt ? { durationMs: Date.parse(endedAt) - Date.parse(startedAt) } : {}),
    // CI reports Code "Success" on good jobs; only a failure's code and message are the file's error.
    ...(failed && j.Code ? { code: j.Code } : {}),
    ...(failed && j.Message ? { message: j.Message } : {}),
    ...(outputs.length > 0 ? { outputs } : {}),
  };
}

/**
 * One page of one stream, as CI lists it. A state filter CI's list cannot express (Submitted or Pause on a workflow
 * list) matches nothing there: answered empty without a CI call.
 */
export async function listStream(
  target: CiTarget,
  batchJobId: string,
  source: BatchSource,
  stream: number,
  q: StreamQuery,
): Promise<StreamPage> {
  const { client } = getRuntime();
  const key = source.streams[stream]!;
  if (source.kind === "workflowInstance") {
    const states = q.states?.filter((s) => WORKFLOW_STATES.includes(s));
    if (q.states && q.states.length > 0 && states!.length === 0)
      return { items: [], skipped: 0, nextToken: null, requestId: "" };
    const page = await client.listWorkflowExecutions(target, {
      workflowId: key,
      jobId: batchJobId,
      name: q.object,
      size: q.size,
      states: states && states.length > 0 ? states.join(",") : undefined,
      nextToken: q.nextToken,
      orderByTime: q.orderByTime,
      startCreationTime: q.startCreationTime,
    });
    return {
      items: page.items.map(fromExecution),
      skipped: page.skipped,
      nextToken: page.nextToken,
      requestId: page.requestId,
    };
  }
  const page = await client.listMediaJobs(target, {
    tag: key,
    inventoryTriggerJobId: batchJobId,
    inputObject: q.object,
    size: q.size,
    states: q.states && q.states.length > 0 ? q.states.join(",") : undefined,
    nextToken: q.nextToken,
    orderByTime: q.orderByTime,
    startCreationTime: q.startCreationTime,
  });
  return {
    items: page.items.map(fromMediaJob),
    skipped: page.skipped,
    nextToken: page.nextToken,
    requestId: page.requestId,
  };
}
