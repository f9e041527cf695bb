import "server-only";
/**
 * GET /api/jobs/{jobId}/files and /files/{fileId} (issue 13 item 1): the files inside a batch, their counts
 * (lib/server/jobs/file-counts.ts) and one file in detail. Contract: lib/jobs/batch-files.ts.
 */
import { z } from "zod";
import type { CiTarget } from "@/lib/ci/client";
import { CiError } from "@/lib/ci/errors";
import type { WorkflowExecutionDetail } from "@/lib/ci/batch-file-reads";
import {
  FILE_STATES,
  type BatchFileDetail,
  type BatchFileItem,
  type BatchFilesPage,
  type FileState,
  type FileStep,
} from "@/lib/jobs/batch-files";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { isFinishedState } from "@/lib/jobs/states";
import { getRuntime } from "../ci-runtime";
import { getConfig } from "../config";
import type { Identity } from "../identity";
import { budgetedRead } from "./cached-read";
import { assertJobId } from "./job";
import { resolveTarget } from "./target";
import { ApiProblem, validationProblem } from "../problem";
import { stableStringify } from "@/lib/jobs/stable-json";
import { batchSource, fromMediaJob, listStream, type BatchSource } from "./batch-source";
import { batchCounts, COUNT_SETTINGS } from "./file-counts";
import { decodeFilesCursor, encodeFilesCursor, MAX_CURSOR_LENGTH } from "./files-cursor";
import { toIso } from "./file-times";

const CONTROL = /[\u0000-\u001f\u007f]/;

export const filesQuerySchema = z.strictObject({
  bucket: z.string().max(80).optional(),
  states: z
    .string()
    .max(200)
    .optional()
    .transform((v, ctx) => {
      const list = (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      for (const s of list) {
        if (!(FILE_STATES as readonly string[]).includes(s)) {
          ctx.addIssue({ code: "custom", message: `Unknown state ${s.slice(0, 20)}; use ${FILE_STATES.join(", ")}` });
          return z.NEVER;
        }
      }
      return [...new Set(list)].sort() as FileState[];
    }),
  object: z
    .string()
    .max(850)
    .refine((v) => !CONTROL.test(v), "Control characters are not allowed")
    .optional(),
  size: z.coerce.number().int().min(1).max(100).default(20),
  nextToken: z.string().min(1).max(MAX_CURSOR_LENGTH).optional(),
});
export type FilesQuery = z.infer<typeof filesQuerySchema>;

export function parseFilesQuery(params: URLSearchParams): FilesQuery {
  const raw: Record<string, string> = {};
  for (const [k, v] of params) raw[k] = v;
  const parsed = filesQuerySchema.safeParse(raw);
  if (!parsed.success) throw validationProblem(parsed.error, "query");
  return parsed.data;
}

/** Finished batches never change: their JobsDetail is kept (bounded) so their file pages cost no batch read. */
const finishedBatches = new Map<string, JobDetail>();

/** The batch job, or 404 naming it (a JobId of another bucket is unknown to this bucket's CI). */
export async function loadBatchJob(target: CiTarget, jobId: string, identity?: Identity): Promise<JobDetail> {
  assertJobId(jobId);
  const key = `${target.bucket}|${jobId}`;
  const known = finishedBatches.get(key);
  if (known) return known;
  const { client } = getRuntime();
  const { job } = await budgetedRead(identity, `${target.bucket}|batch|${jobId}`, COUNT_SETTINGS.batchTtlMs, () =>
    client.getJob(target, jobId),
  );
  if (!job) throw new ApiProblem(404, "NoSuchJob", `Job ${jobId} does not exist in ${target.bucket}`);
  if (isFinishedState(job.State)) {
    finishedBatches.set(key, job);
    if (finishedBatches.size > 1_000) finishedBatches.delete(finishedBatches.keys().next().value!);
  }
  return job;
}

export async function loadBatchFiles(jobId: string, q: FilesQuery, identity?: Identity): Promise<BatchFilesPage> {
  const target = resolveTarget(q.bucket);
  assertJobId(jobId);
  const binding = stableStringify({ b: target.bucket, j: jobId, s: q.states ?? [], o: q.object ?? "", n: q.size });
  // The cursor is checked before anything reaches CI.
  const cursor = q.nextToken ? decodeFilesCursor(binding, q.nextToken) : { stream: 0 };
  const job = await loadBatchJob(target, jobId, identity);
  const source = batchSource(job);
  if (cursor.stream >= source.streams.length)
    throw new ApiProblem(400, "ValidationError", "nextToken: not a cursor of this batch's file list", {
      fields: [{ path: "nextToken", message: "Not a cursor of this file list" }],
    });
  const [counts, page] = await Promise.all([
    batchCounts(target, job, source),
    budgetedRead(
      identity,
      `${target.bucket}|files|${jobId}|${binding}|${cursor.stream}|${cursor.ciToken ?? ""}`,
      Math.max(COUNT_SETTINGS.pageTtlMs, getConfig().cacheMs),
      () =>
        // Inside the shared loader: the failed instances' errors are read once per page window, not once per viewer.
        listStream(target, jobId, source, cursor.stream, {
          states: q.states,
          object: q.object,
          size: q.size,
          nextToken: cursor.ciToken,
        }).then(async (p) => ({
          ...p,
          items: await withFailureDetails(target, p.items),
        })),
    ),
  ]);
  const items = page.items;
  const next = page.nextToken
    ? encodeFilesCursor(binding, { stream: cursor.stream, ciToken: page.nextToken })
    : cursor.stream + 1 < source.streams.length
      ? encodeFilesCursor(binding, { stream: cursor.stream + 1 })
      : undefined;
  const { countCalls, ...shown } = counts;
  return {
    ...shown,
    countCalls,
    items,
    ...(next ? { nextToken: next } : {}),
    requestId: page.requestId,
    ...(page.skipped ? { skipped: page.skipped } : {}),
  } as BatchFilesPage;
}

/** Failed workflow instances' first failed step (code, message): an ended instance never changes, so it is kept. */
const failureDetails = new Map<string, { code?: string; message?: string }>();
const MAX_DETAILS_PER_PAGE = 10;

/**
 * CI's instance list carries no error; the table shows one for each failed instance on the page, read from the
 * instance's detail once (at most MAX_DETAILS_PER_PAGE new reads a page; the rest on a later poll).
 */
async function withFailureDetails(target: CiTarget, items: BatchFileItem[]): Promise<BatchFileItem[]> {
  const { client } = getRuntime();
  const missing = items
    .filter((i) => i.kind === "workflowInstance" && i.state === "Failed" && !failureDetails.has(i.id))
    .slice(0, MAX_DETAILS_PER_PAGE);
  await Promise.all(
    missing.map(async (i) => {
      try {
        const { execution } = await client.getWorkflowExecution(target, i.id);
        const failed = execution?.tasks.find((t) => t.state === "Failed");
        failureDetails.set(i.id, { code: failed?.code, message: failed?.message });
        if (failureDetails.size > 20_000) failureDetails.delete(failureDetails.keys().next().value!);
      } catch {
        // Shown without its error this time; read again on the next poll.
      }
    }),
  );
  return items.map((i) => {
    const d = i.kind === "workflowInstance" && i.state === "Failed" ? failureDetails.get(i.id) : undefined;
    return d ? { ...i, ...(d.code ? { code: d.code } : {}), ...(d.message ? { message: d.message } : {}) } : i;
  });
}

const FILE_ID = /^[A-Za-z0-9_-]{1,128}$/;

function stepsOf(e: WorkflowExecutionDetail): FileStep[] {
  return e.tasks.map((t) => ({
    type: t.type,
    state: t.state,
    ...(t.name ? { name: t.name } : {}),
    ...(t.jobId ? { jobId: t.jobId } : {}),
    ...(t.templateId ? { templateId: t.templateId } : {}),
    ...(t.templateName ? { templateName: t.templateName } : {}),
    ...(toIso(t.createTime) ? { createdAt: toIso(t.createTime) } : {}),
    ...(toIso(t.endTime) ? { endedAt: toIso(t.endTime) } : {}),
    ...(t.code && t.state === "Failed" ? { code: t.code } : {}),
    ...(t.message && t.state === "Failed" ? { message: t.message } : {}),
    ...(t.outputs.length > 0 ? { outputs: t.outputs } : {}),
  }));
}

/** CI answers an ID it does not know with 400 InvalidArgument (or 404): for the person that is "no such file". */
const unknownIsNull =
  (notFound: () => ApiProblem) =>
  (e: unknown): never => {
    if (e instanceof CiError && (e.status === 404 || (e.status === 400 && e.code === "InvalidArgument")))
      throw notFound();
    throw e;
  };

/** One file: a workflow instance with its steps, or the media job (one step). */
export async function loadBatchFile(
  jobId: string,
  fileId: string,
  bucket: string | null,
  identity?: Identity,
): Promise<BatchFileDetail> {
  const target = resolveTarget(bucket);
  if (!FILE_ID.test(fileId))
    throw new ApiProblem(400, "ValidationError", "fileId: letters, digits, - and _ only", {
      fields: [{ path: "fileId", message: "Not a file ID" }],
    });
  const job = await loadBatchJob(target, jobId, identity);
  const source: BatchSource = batchSource(job);
  const { client } = getRuntime();
  const notFound = () => new ApiProblem(404, "NoSuchFile", `File ${fileId} is not a file of job ${jobId}`);
  const ttl = getConfig().cacheMs;
  if (source.kind === "workflowInstance") {
    const { execution, requestId } = await budgetedRead(identity, `${target.bucket}|file|${fileId}`, ttl, () =>
      client.getWorkflowExecution(target, fileId),
    ).catch(unknownIsNull(notFound));
    if (!execution || (execution.workflowId && !source.streams.includes(execution.workflowId))) throw notFound();
    const steps = stepsOf(execution);
    const failed = steps.find((s) => s.state === "Failed");
    return {
      object: execution.object,
      state: execution.state,
      kind: "workflowInstance",
      id: execution.runId,
      ...(toIso(execution.createTime) ? { createdAt: toIso(execution.createTime) } : {}),
      ...(failed?.code ? { code: failed.code } : {}),
      ...(failed?.message ? { message: failed.message } : {}),
      ...(execution.workflowId ? { workflowId: execution.workflowId } : {}),
      ...(execution.workflowName ? { workflowName: execution.workflowName } : {}),
      steps,
      requestId,
    };
  }
  const { job: media, requestId } = await budgetedRead(identity, `${target.bucket}|file|${fileId}`, ttl, () =>
    client.getMediaJob(target, fileId),
  ).catch(unknownIsNull(notFound));
  if (!media) throw notFound();
  const item = fromMediaJob(media);
  const step: FileStep = {
    type: media.Tag ?? source.streams[0]!,
    state: media.State,
    jobId: media.JobId,
    ...(item.createdAt ? { createdAt: item.createdAt } : {}),
    ...(item.endedAt ? { endedAt: item.endedAt } : {}),
    ...(item.code ? { code: item.code } : {}),
    ...(item.message ? { message: item.message } : {}),
    ...(item.outputs ? { outputs: item.outputs } : {}),
  };
  return { ...item, steps: [step], requestId };
}
