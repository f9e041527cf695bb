import "server-only";
/**
 * One level down (docs/ci-api.md §8): the workflow instances a Workflow batch started (DescribeWorkflowExecutions,
 * `GET /workflowexecution`, and `GET /workflowexecution/<runId>`) and the media jobs a Job batch created
 * (DescribeMediaJobs, `GET /jobs`, and `GET /jobs/<jobId>`), as cos-go-sdk-v5 ci_media.go calls them.
 *
 * Tolerant reading: an entry we cannot use (no RunId/JobId, not an element) is skipped and counted in `skipped`,
 * never fatal to the page. Both spellings of an instance's creation time are read: the doc's sample says
 * `CreateTime`, the Go SDK's struct `CreationTime`.
 */
import { readJobDetail, type JobDetail } from "@/lib/jobs/job-detail-schema";
import { CiError } from "./errors";
import { badResponse, decodeResponse, listOf, xmlText } from "./responses";
import type { Caller, CallSpec, CallTarget } from "./signed-call";
import type { XmlObject, XmlValue } from "./xml";

export interface ListPageOf<T> {
  items: T[];
  /** Entries that could not be read at all (skipped, never fatal). */
  skipped: number;
  nextToken: string | null;
  requestId: string;
}

export interface WorkflowExecutionEntry {
  runId: string;
  workflowId?: string;
  object: string;
  state: string;
  createTime?: string;
}

export interface WorkflowTask {
  type: string;
  name?: string;
  state: string;
  jobId?: string;
  templateId?: string;
  templateName?: string;
  createTime?: string;
  endTime?: string;
  code?: string;
  message?: string;
  outputs: string[];
}

export interface WorkflowExecutionDetail extends WorkflowExecutionEntry {
  workflowName?: string;
  tasks: WorkflowTask[];
}

/** DescribeWorkflowExecutions query, CI's spelling (DescribeWorkflowExecutionsOptions in the Go SDK). */
export interface WorkflowExecutionQuery {
  workflowId: string;
  jobId?: string;
  name?: string;
  orderByTime?: "Asc" | "Desc";
  size?: number;
  states?: string;
  startCreationTime?: string;
  endCreationTime?: string;
  nextToken?: string;
}

/** DescribeMediaJobs query, CI's spelling (DescribeMediaJobsOptions in the Go SDK). */
export interface MediaJobQuery {
  tag?: string;
  queueId?: string;
  queueType?: string;
  workflowId?: string;
  inventoryTriggerJobId?: string;
  inputObject?: string;
  orderByTime?: "Asc" | "Desc";
  size?: number;
  states?: string;
  startCreationTime?: string;
  endCreationTime?: string;
  nextToken?: string;
}

export interface BatchFileReads {
  listWorkflowExecutions(t: CallTarget, q: WorkflowExecutionQuery): Promise<ListPageOf<WorkflowExecutionEntry>>;
  /** null when CI does not know the RunId (an empty answer or 404 NoSuchKey-like refusal). */
  getWorkflowExecution(
    t: CallTarget,
    runId: string,
  ): Promise<{ execution: WorkflowExecutionDetail | null; requestId: string }>;
  listMediaJobs(t: CallTarget, q: MediaJobQuery): Promise<ListPageOf<JobDetail>>;
  getMediaJob(t: CallTarget, jobId: string): Promise<{ job: JobDetail | null; requestId: string }>;
}

/** RunIds and JobIds go into the path; anything else could address another resource. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

const isObject = (v: XmlValue | undefined): v is XmlObject => !!v && typeof v === "object" && !Array.isArray(v);
const str = (o: XmlObject, key: string) => xmlText(o[key]);

function checkId(id: string, what: string): string {
  if (!ID_PATTERN.test(id))
    throw new CiError({ status: 0, code: "InvalidArgument", message: `Not a valid ${what}`, retryable: false });
  return id;
}

function toQuery(q: object): CallSpec["query"] {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== "") out[k] = String(v);
  return out;
}

export function readExecutionEntry(v: XmlValue): WorkflowExecutionEntry | null {
  if (!isObject(v)) return null;
  const runId = str(v, "RunId");
  if (!runId) return null;
  return {
    runId,
    workflowId: str(v, "WorkflowId"),
    object: str(v, "Object") ?? "",
    state: str(v, "State") ?? "Unknown",
    createTime: str(v, "CreateTime") ?? str(v, "CreationTime"),
  };
}

/** Output object keys anywhere in a result block (`Output.Object`, `OutputFile.ObjectName`…), a few levels deep. */
export function collectOutputs(v: XmlValue | undefined, depth = 0, inOutput = false, out: string[] = []): string[] {
  if (depth > 5 || v === undefined) return out;
  if (Array.isArray(v)) {
    for (const x of v) collectOutputs(x, depth + 1, inOutput, out);
    return out;
  }
  if (!isObject(v)) return out;
  for (const [k, child] of Object.entries(v)) {
    const outputish = inOutput || /^Output/.test(k);
    if (outputish && (k === "Object" || k === "ObjectName")) {
      // ObjectName is repeatable (lib/ci/repeatable-paths.ts): one name or a list of them.
      for (const name of Array.isArray(child) ? child : [child])
        if (typeof name === "string" && name !== "") out.push(name);
    } else if (typeof child === "object") collectOutputs(child, depth + 1, outputish, out);
  }
  return out;
}

function readTask(v: XmlValue): WorkflowTask | null {
  if (!isObject(v)) return null;
  return {
    type: str(v, "Type") ?? "Unknown",
    name: str(v, "Name"),
    state: str(v, "State") ?? "Unknown",
    jobId: str(v, "JobId"),
    templateId: str(v, "TemplateId"),
    templateName: str(v, "TemplateName"),
    createTime: str(v, "CreateTime") ?? str(v, "CreationTime"),
    endTime: str(v, "EndTime"),
    code: str(v, "Code"),
    message: str(v, "Message"),
    outputs: [...new Set(collectOutputs(v))],
  };
}

export function readExecutionDetail(v: XmlValue): WorkflowExecutionDetail | null {
  const entry = readExecutionEntry(v);
  if (!entry || !isObject(v)) return null;
  const tasks = listOf(v, "Tasks").flatMap((t) => readTask(t) ?? []);
  return { ...entry, workflowName: str(v, "WorkflowName"), tasks };
}

export function createBatchFileReads(caller: Pick<Caller, "call">): BatchFileReads {
  const { call } = caller;
  return {
    async listWorkflowExecutions(t, q) {
      const res = await call(t, { method: "GET", path: "/workflowexecution", query: toQuery(q), kind: "read" });
      const { root, requestId } = decodeResponse(res, "read");
      const raw = listOf(root, "WorkflowExecutionList");
      const items = raw.flatMap((e) => readExecutionEntry(e) ?? []);
      return { items, skipped: raw.length - items.length, nextToken: xmlText(root.NextToken) ?? null, requestId };
    },

    async getWorkflowExecution(t, runId) {
      const path = `/workflowexecution/${checkId(runId, "RunId")}`;
      const res = await call(t, { method: "GET", path, kind: "read" });
      const { root, requestId } = decodeResponse(res, "read");
      const found = listOf(root, "WorkflowExecution");
      if (found.length === 0) return { execution: null, requestId };
      const execution = readExecutionDetail(found[0]!);
      if (!execution) throw badResponse(res, "read", "WorkflowExecution without RunId", requestId);
      return { execution, requestId };
    },

    async listMediaJobs(t, q) {
      const res = await call(t, { method: "GET", path: "/jobs", query: toQuery(q), kind: "read" });
      const { root, requestId } = decodeResponse(res, "read");
      const raw = listOf(root, "JobsDetail");
      // An odd JobsDetail is kept and marked (detailsProblem); one without even a JobId is skipped and counted.
      const items = raw.map(readJobDetail).filter((j) => j.JobId !== "");
      return { items, skipped: raw.length - items.length, nextToken: xmlText(root.NextToken) ?? null, requestId };
    },

    async getMediaJob(t, jobId) {
      const res = await call(t, { method: "GET", path: `/jobs/${checkId(jobId, "job ID")}`, kind: "read" });
      const { root, requestId } = decodeResponse(res, "read");
      const job = listOf(root, "JobsDetail")
        .map(readJobDetail)
        .find((j) => j.JobId === jobId);
      return { job: job ?? null, requestId };
    },
  };
}
