/**
 * `GET /jobs` (DescribeMediaJobs, CI 460/48235, 1045/50356) and `GET /jobs/<jobId>` (DescribeMediaJob): the media
 * jobs a Job batch created, one per file. Choices where the docs disagree or are silent (README, "Files inside a
 * batch"): `tag` is required (400 InvalidArgument) and `queueId` is not (a batch need not name a queue); `queueType`
 * must be one of the documented five and only applies without `queueId`; `workflowId` lists nothing (jobs started by
 * workflow instances are not listed here); an `inventoryTriggerJobId` that is not a Job batch of this bucket gives an
 * empty list; `inputObject` is an exact match; an unknown job ID is a 200 with `<NonExistJobIds>`.
 */
import { JOB_STATES } from "../store/job-states";
import { invalidArgument } from "../ci-error";
import { findChild, kindOf } from "../batch/batch-children";
import { renderMediaJob } from "../batch/render-children";
import { storeView } from "../batch/store-view";
import { xmlResponse } from "../xml-response";
import type { CiResult } from "../types";
import type { RouteContext } from "./context";
import { fingerprintOf, pageChildren, parseChildQuery } from "./child-paging";

export const QUEUE_TYPES = ["Transcoding", "Speeching", "PicProcess", "AIProcess", "SpeedTranscoding"] as const;

export function handleListMediaJobs(ctx: RouteContext): CiResult {
  const q = ctx.query;
  const tag = q.get("tag") || undefined;
  if (!tag) throw invalidArgument("Invalid parameter tag: required");
  const queueId = q.get("queueId") || undefined;
  const queueType = q.get("queueType") || undefined;
  if (queueType !== undefined && !(QUEUE_TYPES as readonly string[]).includes(queueType))
    throw invalidArgument(`Invalid parameter queueType: one of ${QUEUE_TYPES.join(", ")}`);
  const query = parseChildQuery(q, JOB_STATES);
  const batchId = q.get("inventoryTriggerJobId") || undefined;
  const inputObject = q.get("inputObject") || undefined;
  const view = storeView(ctx.store);
  const queueOk = (batchQueue: string) => {
    if (queueId !== undefined) return batchQueue === queueId;
    if (queueType === undefined) return true;
    return ctx.store.queues.find((x) => x.queueId === batchQueue)?.category === queueType;
  };
  const batches = q.get("workflowId")
    ? []
    : [...ctx.store.jobs.values()].filter(
        (b) =>
          kindOf(b) === "media" &&
          b.tag === tag &&
          (batchId === undefined || b.jobId === batchId) &&
          queueOk(view.queueIdOf(b)),
      );
  const page = pageChildren(
    batches,
    ctx.store.objects,
    ctx.now,
    query,
    fingerprintOf(q),
    ctx.tokenSecret,
    (c) => inputObject === undefined || c.key === inputObject,
  );
  const body: Record<string, unknown> = { JobsDetail: page.items.map((c) => renderMediaJob(c, view, ctx.now)) };
  if (page.nextToken) body.NextToken = page.nextToken;
  return xmlResponse(ctx.requestId, body);
}

export function handleDescribeMediaJob(ctx: RouteContext): CiResult {
  const jobId = ctx.jobId ?? "";
  const child = findChild(ctx.store, jobId, "media", ctx.now);
  if (!child) return xmlResponse(ctx.requestId, { NonExistJobIds: [jobId] });
  return xmlResponse(ctx.requestId, { JobsDetail: [renderMediaJob(child, storeView(ctx.store), ctx.now)] });
}
