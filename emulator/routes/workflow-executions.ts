/**
 * `GET /workflowexecution` (DescribeWorkflowExecutions, CI 436/80048 / 460/80050, English 1045/51276) and `GET /workflowexecution/<runId>`
 * (DescribeWorkflowExecution, 460/45949): the workflow instances a Workflow batch started, one per file and workflow.
 * Choices where the doc is silent (README, "Files inside a batch"): `workflowId` is required (400 InvalidArgument; the Chinese page marks it required, the English one not);
 * a workflow not in this bucket is 400 InvalidArgument; a `jobId` that is not a Workflow batch of that workflow
 * gives an empty list; `name` is the object key, exact; an unknown runId is 400 InvalidArgument.
 */
import { invalidArgument } from "../ci-error";
import { findChild, kindOf, workflowIdsOf } from "../batch/batch-children";
import { renderExecutionDetail, renderExecutionSummary } from "../batch/render-children";
import { storeView } from "../batch/store-view";
import { xmlResponse } from "../xml-response";
import type { CiResult } from "../types";
import type { RouteContext } from "./context";
import { fingerprintOf, pageChildren, parseChildQuery } from "./child-paging";

/** The states the doc lists for workflow instances. */
export const EXECUTION_STATES = ["Success", "Failed", "Running", "Cancel"] as const;

export function handleListExecutions(ctx: RouteContext): CiResult {
  const q = ctx.query;
  const workflowId = q.get("workflowId") || undefined;
  if (!workflowId) throw invalidArgument("Invalid parameter workflowId: required");
  if (!ctx.store.workflows.some((w) => w.workflowId === workflowId))
    throw invalidArgument(`Invalid parameter workflowId: workflow ${workflowId} does not exist in this bucket`);
  const query = parseChildQuery(q, EXECUTION_STATES);
  const jobId = q.get("jobId") || undefined;
  const name = q.get("name") || undefined;
  const batches = [...ctx.store.jobs.values()].filter(
    (b) =>
      kindOf(b) === "workflow" && workflowIdsOf(b).includes(workflowId) && (jobId === undefined || b.jobId === jobId),
  );
  const page = pageChildren(
    batches,
    ctx.store.objects,
    ctx.now,
    query,
    fingerprintOf(q),
    ctx.tokenSecret,
    (c) => c.workflowId === workflowId && (name === undefined || c.key === name),
  );
  const body: Record<string, unknown> = { WorkflowExecutionList: page.items.map(renderExecutionSummary) };
  if (page.nextToken) body.NextToken = page.nextToken;
  return xmlResponse(ctx.requestId, body);
}

export function handleDescribeExecution(ctx: RouteContext): CiResult {
  const runId = ctx.jobId ?? "";
  const child = findChild(ctx.store, runId, "workflow", ctx.now);
  if (!child) throw invalidArgument(`Invalid parameter runId: workflow instance ${runId} does not exist`);
  return xmlResponse(ctx.requestId, { WorkflowExecution: renderExecutionDetail(child, storeView(ctx.store)) });
}
