/**
 * Children as CI writes them. Workflow instances (DescribeWorkflowExecutions 460/80050, DescribeWorkflowExecution
 * 460/45949) use times with a colon in the offset, `2022-08-09T14:54:17+08:00`, as the doc sample shows; media jobs
 * (DescribeMediaJobs 460/48235 / 1045/50356) use the batch API's `2019-07-07T12:12:12+0800`. Unset times are `-`.
 */
import type { XmlObject } from "@/lib/ci/xml";
import { basenameOf, resolveOutput } from "./outputs";
import type { BatchStoreView } from "./store-view";
import { ciTime } from "../store/job-detail";
import type { BatchChild } from "./batch-children";
import { hashHex } from "../cos/key-order";

/** `2022-08-09T14:54:17+08:00`: CI's time with the offset written `+08:00`. */
export function ciTimeColon(ms: number | null): string {
  const t = ciTime(ms);
  return t === "-" ? t : `${t.slice(0, -2)}:${t.slice(-2)}`;
}

const codeOf = (c: BatchChild) =>
  c.status.failure ? c.status.failure.code : c.status.state === "Success" ? "Success" : "";
const messageOf = (c: BatchChild) => c.status.failure?.message ?? "";

/** One `WorkflowExecutionList` entry, elements in the doc sample's order. */
export function renderExecutionSummary(c: BatchChild): XmlObject {
  return {
    RunId: c.id,
    WorkflowId: c.workflowId ?? "",
    Object: c.key,
    CreateTime: ciTimeColon(c.status.createdAt),
    State: c.status.state,
  };
}

/** The processing nodes of the instance's workflow (every node but Start), each one task. */
function tasks(c: BatchChild, view: BatchStoreView): XmlObject[] {
  const wf = view.workflows.find((w) => w.workflowId === c.workflowId);
  const nodes = (wf?.topology.Nodes ?? {}) as Record<string, XmlObject>;
  const names = Object.keys(nodes).filter((n) => nodes[n]!.Type !== "Start");
  return names.map((name, i) => {
    const node = nodes[name]!;
    const op = (node.Operation ?? {}) as XmlObject;
    const templateId = typeof op.TemplateId === "string" ? op.TemplateId : "";
    const template = view.templates.find((t) => t.templateId === templateId);
    const s = c.status;
    const task: XmlObject = {
      Type: String(node.Type ?? ""),
      CreateTime: ciTimeColon(s.startAt ?? s.createdAt),
      EndTime: ciTimeColon(s.endAt),
      State: s.state,
      JobId: `j${hashHex(`${c.id}|${name}`)}${hashHex(`${name}|${c.id}`)}${hashHex(`${c.id}#${i}`)}${hashHex(`#${c.id}`)}`,
      Name: name,
      TemplateId: templateId,
      TemplateName: template?.name ?? "",
      Code: codeOf(c),
      Message: messageOf(c),
    };
    const output = op.Output as XmlObject | undefined;
    if (s.state === "Success" && output && typeof output.Object === "string") {
      const object = resolveOutput(output.Object, c, String(node.Type));
      task.ResultInfo = {
        ObjectCount: "1",
        ObjectInfo: [
          {
            ObjectName: object,
            ObjectUrl: `https://${String(output.Bucket ?? view.bucket)}.cos.${String(output.Region ?? view.region)}.myqcloud.com/${object}`,
            InputObjectName: basenameOf(c.key),
            Code: "Success",
            Message: "",
          },
        ],
      };
    }
    return task;
  });
}

/** `WorkflowExecution` of GET /workflowexecution/<runId>. */
export function renderExecutionDetail(c: BatchChild, view: BatchStoreView): XmlObject {
  const wf = view.workflows.find((w) => w.workflowId === c.workflowId);
  return {
    RunId: c.id,
    BucketId: view.bucket,
    Object: c.key,
    WorkflowId: c.workflowId ?? "",
    WorkflowName: wf?.name ?? "",
    CreateTime: ciTimeColon(c.status.createdAt),
    State: c.status.state,
    Tasks: tasks(c, view),
  };
}

/** A media job's `JobsDetail` (CreateMediaJobs shape): the batch's JobParam becomes the job's Operation. */
export function renderMediaJob(c: BatchChild, view: BatchStoreView, now: number): XmlObject {
  const s = c.status;
  const op = c.batch.operation;
  const jobParam = (op.JobParam ?? {}) as XmlObject;
  const operation: XmlObject = { ...jobParam };
  const output = op.Output as XmlObject | undefined;
  if (output) {
    const resolved: XmlObject = {};
    for (const [k, v] of Object.entries(output))
      resolved[k] = typeof v === "string" && /Object$/.test(k) ? resolveOutput(v, c, c.batch.tag ?? "") : v;
    operation.Output = resolved;
  }
  if (op.UserData !== undefined) operation.UserData = op.UserData;
  if (op.JobLevel !== undefined) operation.JobLevel = op.JobLevel;
  const detail: XmlObject = {
    Code: codeOf(c),
    Message: messageOf(c),
    JobId: c.id,
    Tag: c.batch.tag ?? "",
  };
  if (s.state === "Running" && s.startAt !== null && s.endAt === null)
    detail.Progress = String(
      Math.min(99, Math.max(0, Math.floor((100 * (now - s.startAt)) / Math.max(1, s.plannedEndAt - s.startAt)))),
    );
  if (s.state === "Success") detail.Progress = "100";
  Object.assign(detail, {
    State: s.state,
    CreationTime: ciTime(s.createdAt),
    StartTime: ciTime(s.startAt),
    EndTime: ciTime(s.endAt),
    QueueId: view.queueIdOf(c.batch),
    Input: { Region: view.region, Bucket: view.bucket, Object: c.key },
    Operation: operation,
  });
  return detail;
}
