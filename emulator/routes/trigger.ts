/**
 * `POST /inventorytriggerjob` (docs/ci-api.md §1.1–1.2): parse the XML, validate it with the emulator's own model of
 * CI's documented elements (emulator/model/, never the app's schemas), check the IDs it names against this bucket,
 * create the job, and answer its JobsDetail (State Submitted).
 */
import { randomBytes } from "node:crypto";
import { parseXml, XmlParseError, type XmlObject } from "@/lib/ci/xml";
import { CiFault, invalidArgument } from "../ci-error";
import { validateTrigger } from "../model/validate";
import type { TemplateRecord } from "../seed/catalog";
import type { BucketStore } from "../store/emulator-store";
import { renderJobDetail } from "../store/job-detail";
import type { JobRecord } from "../store/job-record";
import { failureFor, planFromInput, timelineFor } from "../store/lifecycle";
import { xmlResponse } from "../xml-response";
import type { CiResult } from "../types";
import type { RouteContext } from "./context";

const isObject = (v: unknown): v is XmlObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** The `<Request>` element as plain objects; CI-style errors for an empty, malformed or foreign document. */
export function readRequestDocument(body: string, contentType: string | undefined): XmlObject {
  if (body.trim() === "")
    throw new CiFault(400, "MissingContent", "The request body is empty; send the <Request> XML document");
  if (contentType && /json|form-urlencoded/i.test(contentType))
    throw new CiFault(400, "InvalidContentType", `Content-Type ${contentType} is not supported; send application/xml`);
  let doc: XmlObject;
  try {
    doc = parseXml(body);
  } catch (e) {
    if (e instanceof XmlParseError)
      throw new CiFault(400, "InvalidContent", `The request body is not well-formed XML: ${e.message}`);
    throw e;
  }
  const request = doc.Request;
  if (!isObject(request)) throw invalidArgument("The root element must be <Request> with child elements");
  return request;
}

interface ValidRequest {
  Type: "Job" | "Workflow";
  Name: string;
  Tag?: string;
  Operation: XmlObject;
}

/** The model's first complaint as `Request.Operation.Output.Bucket: …`, naming the field. */
function validate(request: XmlObject): ValidRequest {
  const verdict = validateTrigger(request);
  if (!verdict.ok) throw invalidArgument(verdict.problems[0]!.message);
  return {
    Type: verdict.type,
    Name: String(request.Name),
    Tag: verdict.tag,
    Operation: isObject(request.Operation) ? request.Operation : {},
  };
}

const texts = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string" && x !== "");

function template(store: BucketStore, id: string, wantTag: string, field: string): TemplateRecord {
  const t = store.templates.find((x) => x.templateId === id);
  if (!t)
    throw new CiFault(400, "TemplateNotFound", `Request.Operation.JobParam.${field}: template ${id} does not exist`);
  if (t.tag !== wantTag)
    throw invalidArgument(`Request.Operation.JobParam.${field}: template ${id} is a ${t.tag} template, not ${wantTag}`);
  return t;
}

/** The IDs a request names must exist in this bucket (docs/ci-api.md §3.3 codes QueueNotFound, TemplateNotFound). */
function checkReferences(store: BucketStore, request: ValidRequest): void {
  const op = request.Operation;
  if (request.Type === "Workflow") {
    // One ID, or several separated by commas (cos-java-sdk-v5 BatchJobDemo): each must exist and be Active.
    for (const id of String(op.WorkflowIds).split(",")) {
      const wf = store.workflows.find((w) => w.workflowId === id);
      if (!wf) throw invalidArgument(`Request.Operation.WorkflowIds: workflow ${id} does not exist in this bucket`);
      if (wf.state !== "Active")
        throw invalidArgument(
          `Request.Operation.WorkflowIds: workflow ${id} is ${wf.state}; only Active workflows can be triggered`,
        );
    }
    return;
  }
  const queueId = texts(op.QueueId)[0];
  if (queueId && !store.queues.some((q) => q.queueId === queueId))
    throw new CiFault(400, "QueueNotFound", `Request.Operation.QueueId: queue ${queueId} does not exist`);
  const jp = isObject(op.JobParam) ? op.JobParam : {};
  for (const id of texts(jp.TemplateId)) template(store, id, request.Tag!, "TemplateId");
  for (const id of texts(jp.TranscodeTemplateId)) template(store, id, "Transcode", "TranscodeTemplateId");
  for (const id of texts(jp.WatermarkTemplateId)) template(store, id, "Watermark", "WatermarkTemplateId");
}

export function createJob(ctx: RouteContext, raw: XmlObject, request: ValidRequest): JobRecord {
  const jobId = "b" + randomBytes(16).toString("hex");
  const input = raw.Input as XmlObject;
  const plan = planFromInput(input);
  const job: JobRecord = {
    jobId,
    bucket: ctx.store.bucket,
    region: ctx.store.region,
    type: request.Type,
    name: request.Name,
    tag: request.Tag,
    // Echo what was sent (CI echoes Input and Operation).
    input,
    operation: raw.Operation as XmlObject,
    createdAt: ctx.now,
    timeline: timelineFor(ctx.now, ctx.stepMs, plan),
    failure: plan.final === "Failed" ? failureFor(jobId) : undefined,
    requestXml: ctx.body,
    source: "trigger",
  };
  ctx.store.addJob(job);
  return job;
}

export function handleTrigger(ctx: RouteContext): CiResult {
  const log = (jobId: string | null, status: number, code?: string) =>
    ctx.emulator.logTrigger({
      receivedAt: ctx.now,
      bucket: ctx.store.bucket,
      region: ctx.store.region,
      jobId,
      status,
      code,
      xml: ctx.body,
    });
  try {
    const raw = readRequestDocument(ctx.body, ctx.header("content-type"));
    const request = validate(raw);
    checkReferences(ctx.store, request);
    const job = createJob(ctx, raw, request);
    log(job.jobId, 200);
    return xmlResponse(ctx.requestId, { JobsDetail: [renderJobDetail(job, ctx.now, "trigger")] });
  } catch (e) {
    if (e instanceof CiFault) log(null, e.status, e.code);
    throw e;
  }
}
