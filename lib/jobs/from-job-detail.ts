/**
 * A finished or running job (JobsDetail, as parsed from CI's XML) → the trigger Request that would create it again,
 * for "Duplicate". XML parsing cannot know whether `<WatermarkTemplateId>` is a list when it appears once, so shapes
 * are normalised against the Tag's field metadata: lists become arrays, groups objects, scalars strings. Elements the
 * form does not know are reported (not silently sent, not silently lost).
 */
import type { JobDetail } from "./job-detail-schema";
import { isTagName, TAGS_WITHOUT_OUTPUT } from "./tags/names";
import type { FieldSpec } from "./tags/types";
import { INPUT_SOURCE_VALUES, type ParamValue } from "./draft";
import type { TagLookup } from "./draft-request";

export interface DuplicatedRequest {
  /** Request-shaped (keys are CI element names); not validated. */
  request: Record<string, unknown>;
  /** Dotted paths of source elements that were left out because the form cannot express them. */
  dropped: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A scalar from XML-ish input: strings kept, numbers/booleans stringified, a one-item array unwrapped. */
function scalar(v: unknown, path: string, dropped: string[]): string | undefined {
  if (Array.isArray(v)) {
    if (v.length > 1) dropped.push(`${path}[1..]`);
    return scalar(v[0], path, dropped);
  }
  if (typeof v === "string") return v === "" ? undefined : v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v !== undefined && v !== null) dropped.push(path);
  return undefined;
}

const asArray = (v: unknown): unknown[] =>
  Array.isArray(v) ? v : v === undefined || v === null || v === "" ? [] : [v];

/** Normalises a parameter object against field metadata; unknown children are dropped and reported. */
export function normalizeParams(
  value: unknown,
  fields: readonly FieldSpec[],
  path: string,
  dropped: string[],
): Record<string, ParamValue> | undefined {
  const obj = Array.isArray(value) ? value[0] : value;
  if (Array.isArray(value) && value.length > 1) dropped.push(`${path}[1..]`);
  if (!isRecord(obj)) return undefined;
  const out: Record<string, ParamValue> = {};
  for (const [key, v] of Object.entries(obj)) {
    const field = fields.find((f) => f.name === key);
    const childPath = path ? `${path}.${key}` : key;
    if (!field) {
      if (v !== "" && v !== undefined) dropped.push(childPath);
      continue;
    }
    let kept: ParamValue | undefined;
    switch (field.kind) {
      case "group":
        kept = normalizeParams(v, field.fields, childPath, dropped);
        break;
      case "list": {
        const items = asArray(v)
          .map((item, i) => normalizeParams(item, field.fields, `${childPath}[${i}]`, dropped))
          .filter((x): x is Record<string, ParamValue> => !!x);
        kept = items.length ? items : undefined;
        break;
      }
      case "stringList": {
        const items = asArray(v)
          .map((item, i) => scalar(item, `${childPath}[${i}]`, dropped))
          .filter((x): x is string => !!x);
        kept = items.length ? items : undefined;
        break;
      }
      default:
        kept = scalar(v, childPath, dropped);
    }
    if (kept !== undefined) out[key] = kept;
  }
  return Object.keys(out).length ? out : undefined;
}

function pickScalars(
  src: Record<string, unknown>,
  keys: readonly string[],
  path: string,
  dropped: string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = scalar(src[k], `${path}.${k}`, dropped);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

const JOB_OPERATION_SCALARS = [
  "QueueId",
  "QueueType",
  "FreeTranscode",
  "UserData",
  "JobLevel",
  "CallBack",
  "CallBackFormat",
  "CallBackType",
] as const;
const KNOWN_JOB_OPERATION = new Set<string>([
  ...JOB_OPERATION_SCALARS,
  "TimeInterval",
  "Tag",
  "JobParam",
  "Output",
  "CallBackMqConfig",
  "CallBackKafkaConfig",
]);
const OUTPUT_SCALARS = [
  "Region",
  "Bucket",
  "Object",
  "AuObject",
  "BassObject",
  "DrumObject",
  "Force",
  "SpriteObject",
] as const;

/** JobDetail → the Request that would trigger the same job again, plus what could not be carried over. */
export function fromJobDetail(job: JobDetail, lookup: TagLookup): DuplicatedRequest {
  const dropped: string[] = [];
  const input = isRecord(job.Input) ? job.Input : {};
  const Input = pickScalars(input, INPUT_SOURCE_VALUES, "Input", dropped);
  const op = isRecord(job.Operation) ? job.Operation : {};
  const timeSrc = isRecord(op.TimeInterval) ? op.TimeInterval : {};
  // CI answers `-` for an unset time; it is not a value to send back.
  const TimeInterval = Object.fromEntries(
    Object.entries(pickScalars(timeSrc, ["Start", "End"], "Operation.TimeInterval", dropped)).filter(
      ([, v]) => v !== "-",
    ),
  );
  const withTime = Object.keys(TimeInterval).length ? { TimeInterval } : {};
  const isWorkflow = job.Type === "Workflow" || (job.Type !== "Job" && op.WorkflowIds !== undefined);

  if (isWorkflow) {
    const WorkflowIds = scalar(op.WorkflowIds, "Operation.WorkflowIds", dropped);
    for (const k of Object.keys(op)) if (k !== "TimeInterval" && k !== "WorkflowIds") dropped.push(`Operation.${k}`);
    return {
      request: {
        Name: job.Name ?? "",
        Type: "Workflow",
        Input,
        Operation: { ...withTime, ...(WorkflowIds ? { WorkflowIds } : {}) },
      },
      dropped,
    };
  }

  const tagRaw = scalar(op.Tag, "Operation.Tag", dropped) ?? job.Tag;
  const tag = isTagName(tagRaw) ? tagRaw : undefined;
  const operation: Record<string, unknown> = { ...withTime };
  if (tagRaw) operation.Tag = tagRaw;
  if (op.JobParam !== undefined) {
    const mod = tag ? lookup(tag) : undefined;
    const fields: readonly FieldSpec[] = [
      { kind: "text", name: "TemplateId", label: "Template" },
      ...(mod?.fields ?? []).filter((f) => f.name !== "TemplateId"),
    ];
    const jp = normalizeParams(op.JobParam, fields, "Operation.JobParam", dropped);
    if (jp) operation.JobParam = jp;
  }
  const outSrc = isRecord(op.Output) ? op.Output : undefined;
  if (outSrc && !(tag && TAGS_WITHOUT_OUTPUT.includes(tag))) {
    const Output: Record<string, unknown> = pickScalars(outSrc, OUTPUT_SCALARS, "Operation.Output", dropped);
    const streams = asArray(outSrc.StreamExtract)
      .filter(isRecord)
      .map((s, i) => pickScalars(s, ["Index", "Object"], `Operation.Output.StreamExtract[${i}]`, dropped))
      .filter((s) => Object.keys(s).length > 0);
    if (streams.length) Output.StreamExtract = streams;
    for (const k of Object.keys(outSrc))
      if (![...OUTPUT_SCALARS, "StreamExtract"].includes(k)) dropped.push(`Operation.Output.${k}`);
    operation.Output = Output;
  }
  Object.assign(operation, pickScalars(op, JOB_OPERATION_SCALARS, "Operation", dropped));
  if (isRecord(op.CallBackMqConfig)) {
    const mq = pickScalars(
      op.CallBackMqConfig,
      ["MqRegion", "MqMode", "MqName"],
      "Operation.CallBackMqConfig",
      dropped,
    );
    if (Object.keys(mq).length) operation.CallBackMqConfig = mq;
  }
  if (isRecord(op.CallBackKafkaConfig)) {
    const kafka = pickScalars(
      op.CallBackKafkaConfig,
      ["Region", "InstanceId", "Topic"],
      "Operation.CallBackKafkaConfig",
      dropped,
    );
    if (Object.keys(kafka).length) operation.CallBackKafkaConfig = kafka;
  }
  for (const k of Object.keys(op)) if (!KNOWN_JOB_OPERATION.has(k) && op[k] !== "") dropped.push(`Operation.${k}`);
  return { request: { Name: job.Name ?? "", Type: "Job", Input, Operation: operation }, dropped };
}
