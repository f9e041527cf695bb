/**
 * Wizard values ⇄ CI trigger Request. The form keeps everything the person typed (all four inputs, every Tag's
 * leftovers, empty strings); the Request that is validated, previewed and sent is the minimal one: only the chosen
 * input, only the current Tag's visible parameters, no empty strings or empty groups.
 */
import { formatCiTime, parseCiTime } from "./ci-time";
import { splitWorkflowIds } from "./patterns";
import { requestType } from "@/lib/jobs/request-type";
import { emptyWizardValues, INPUT_SOURCE_VALUES, type ParamValue, type WizardValues } from "./draft";
import { isTagName, TAGS_WITHOUT_OUTPUT, type TagName } from "./tags/names";
import type { FieldSpec, OutputKind, TagModule } from "./tags/types";
import { isRecord, pruneParams } from "./prune-params";
import { stableStringify } from "./stable-json";

/** Finds a Tag's module (the registry's getTag); a parameter so that this file does not pull every Tag in tests. */
export type TagLookup = (
  tag: TagName,
) => Pick<TagModule, "fields" | "output" | "templateTag" | "paramElement"> | undefined;

/** Which Output elements each output kind writes (docs/ci-api.md §4.0, last column). */
export const OUTPUT_FIELDS: Record<
  OutputKind,
  readonly ("Object" | "AuObject" | "BassObject" | "DrumObject" | "SpriteObject" | "StreamExtract")[]
> = {
  none: [],
  object: ["Object"],
  snapshot: ["Object", "SpriteObject"],
  voiceSeparate: ["Object", "AuObject", "BassObject", "DrumObject"],
  streamExtract: ["StreamExtract"],
};

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const pad = (n: number) => String(n).padStart(2, "0");

/** `datetime-local` value (browser zone) → CI time; anything unparsable comes back unchanged for the schema to reject. */
export function localInputToCiTime(local: string, offsetMinutes?: (d: Date) => number): string {
  const m = LOCAL_INPUT.exec(local.trim());
  if (!m) return local.trim();
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  if (Number.isNaN(date.getTime()) || date.getDate() !== Number(d)) return local.trim();
  return offsetMinutes ? formatCiTime(date, offsetMinutes(date)) : formatCiTime(date);
}

/** CI time → `datetime-local` value in the browser's zone (seconds kept); "" for `-`, empty or malformed. */
export function ciTimeToLocalInput(ci: string | undefined): string {
  const date = parseCiTime(ci);
  if (!date) return "";
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v !== undefined && v.trim() !== "" ? v.trim() : undefined;
}

/** Drops undefined members so the object serialises and compares cleanly. */
function compact<T extends Record<string, unknown>>(obj: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return out as Partial<T>;
}

function timeInterval(values: WizardValues, offset?: (d: Date) => number): Record<string, string> | undefined {
  const Start = nonEmpty(values.Operation.TimeInterval.Start);
  const End = nonEmpty(values.Operation.TimeInterval.End);
  const t = compact({ Start: Start && localInputToCiTime(Start, offset), End: End && localInputToCiTime(End, offset) });
  return Object.keys(t).length ? (t as Record<string, string>) : undefined;
}

/** The Tag's JobParam as it will be sent: TemplateId replaces the inline element, everything else pruned. */
export function buildJobParam(
  values: WizardValues,
  tag: TagName,
  lookup: TagLookup,
): Record<string, ParamValue> | undefined {
  const mod = lookup(tag);
  const jobParam = values.Operation.JobParam;
  const fields = (mod?.fields ?? []).filter((f) => f.name !== "TemplateId");
  const templateId = typeof jobParam.TemplateId === "string" ? jobParam.TemplateId.trim() : "";
  if (values.paramMode === "template" && mod?.templateTag) {
    // TemplateId replaces the Tag's own parameter element (docs/ci-api.md §4.0); other JobParam children still apply.
    const inline = mod.paramElement;
    const rest = pruneParams(
      jobParam,
      fields.filter((f) => f.name !== inline),
      jobParam,
    );
    return templateId || rest ? { ...(templateId ? { TemplateId: templateId } : {}), ...rest } : undefined;
  }
  return pruneParams(jobParam, fields, jobParam);
}

/**
 * The workflow picker's value (one ID per chosen workflow, joined by commas, in the order chosen) as sent: blanks
 * around IDs and empty entries (a workflow row added but left unset) are dropped; "" when none is left.
 */
export function joinWorkflowIds(raw: string): string {
  return splitWorkflowIds(raw).join(",");
}

/** The minimal Request for these values (not yet validated: the caller runs triggerRequestSchema on it). */
export function draftToRequest(
  values: WizardValues,
  lookup: TagLookup,
  offset?: (d: Date) => number,
): Record<string, unknown> {
  const source = values.inputSource;
  const inputValue = nonEmpty(values.Input[source]);
  const Input = inputValue ? { [source]: inputValue } : {};
  const TimeInterval = timeInterval(values, offset);
  const op = values.Operation;

  if (values.Type === "Workflow") {
    return {
      Name: values.Name.trim(),
      Type: "Workflow",
      Input,
      Operation: compact({ TimeInterval, WorkflowIds: joinWorkflowIds(op.WorkflowIds) }),
    };
  }

  const tag = isTagName(op.Tag) ? op.Tag : undefined;
  const mod = tag ? lookup(tag) : undefined;
  const outputKind: OutputKind =
    tag && (TAGS_WITHOUT_OUTPUT as readonly string[]).includes(tag) ? "none" : (mod?.output ?? "object");
  let Output: Record<string, unknown> | undefined;
  if (outputKind !== "none") {
    Output = compact({ Region: op.Output.Region.trim(), Bucket: op.Output.Bucket.trim() });
    for (const f of OUTPUT_FIELDS[outputKind]) {
      if (f === "StreamExtract") {
        const items = op.Output.StreamExtract.map((s) =>
          compact({ Index: nonEmpty(s.Index), Object: nonEmpty(s.Object) }),
        ).filter((s) => Object.keys(s).length > 0);
        if (items.length) Output.StreamExtract = items;
      } else {
        const v = nonEmpty(op.Output[f]);
        if (v) Output[f] = v;
      }
    }
    // Any Tag that writes output may carry Force (request-schema.ts outputSchema; cos-go-sdk-v5 JobOutput).
    const force = nonEmpty(op.Output.Force);
    if (force) Output.Force = force;
  }
  const tdmq = op.CallBackType === "TDMQ";
  const kafka = op.CallBackType === "Kafka";
  return {
    Name: values.Name.trim(),
    Type: "Job",
    Input,
    Operation: compact({
      TimeInterval,
      Tag: tag ?? (op.Tag || undefined),
      JobParam: tag ? buildJobParam(values, tag, lookup) : undefined,
      Output,
      QueueId: nonEmpty(op.QueueId),
      QueueType: nonEmpty(op.QueueType),
      FreeTranscode: nonEmpty(op.FreeTranscode),
      // UserData is passed through to CI as typed: only a completely empty value is dropped.
      UserData: op.UserData !== "" ? op.UserData : undefined,
      JobLevel: nonEmpty(op.JobLevel),
      CallBack: nonEmpty(op.CallBack),
      CallBackFormat: nonEmpty(op.CallBackFormat),
      CallBackType: nonEmpty(op.CallBackType),
      CallBackMqConfig: tdmq
        ? compact({
            MqRegion: nonEmpty(op.CallBackMqConfig.MqRegion),
            MqMode: nonEmpty(op.CallBackMqConfig.MqMode),
            MqName: nonEmpty(op.CallBackMqConfig.MqName),
          })
        : undefined,
      CallBackKafkaConfig: kafka
        ? compact({
            Region: nonEmpty(op.CallBackKafkaConfig.Region),
            InstanceId: nonEmpty(op.CallBackKafkaConfig.InstanceId),
            Topic: nonEmpty(op.CallBackKafkaConfig.Topic),
          })
        : undefined,
    }),
  };
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/**
 * Request (e.g. a duplicated job's, already normalised by fromJobDetail) → wizard values. Unknown shapes fall back to
 * empty values: this fills a form, it does not judge the request.
 */
export function requestToDraft(
  request: Record<string, unknown>,
  target?: { bucket: string; region: string },
): WizardValues {
  const values = emptyWizardValues(target);
  values.Name = str(request.Name);
  const input = isRecord(request.Input) ? request.Input : {};
  for (const k of INPUT_SOURCE_VALUES) values.Input[k] = str(input[k]);
  values.inputSource = INPUT_SOURCE_VALUES.find((k) => values.Input[k] !== "") ?? "Prefix";
  const op = isRecord(request.Operation) ? request.Operation : {};
  values.Type =
    requestType(request.Type) === "Workflow" || (request.Type !== "Job" && op.WorkflowIds !== undefined)
      ? "Workflow"
      : "Job";
  const ti = isRecord(op.TimeInterval) ? op.TimeInterval : {};
  values.Operation.TimeInterval = { Start: ciTimeToLocalInput(str(ti.Start)), End: ciTimeToLocalInput(str(ti.End)) };
  values.Operation.WorkflowIds = str(op.WorkflowIds);
  values.Operation.Tag = isTagName(op.Tag) ? op.Tag : "";
  const jobParam = isRecord(op.JobParam) ? (op.JobParam as Record<string, ParamValue>) : {};
  values.Operation.JobParam = structuredClone(jobParam);
  values.paramMode = typeof jobParam.TemplateId === "string" && jobParam.TemplateId !== "" ? "template" : "inline";
  for (const k of [
    "QueueId",
    "QueueType",
    "FreeTranscode",
    "UserData",
    "JobLevel",
    "CallBack",
    "CallBackFormat",
    "CallBackType",
  ] as const)
    values.Operation[k] = str(op[k]);
  const mq = isRecord(op.CallBackMqConfig) ? op.CallBackMqConfig : {};
  values.Operation.CallBackMqConfig = { MqRegion: str(mq.MqRegion), MqMode: str(mq.MqMode), MqName: str(mq.MqName) };
  const kafka = isRecord(op.CallBackKafkaConfig) ? op.CallBackKafkaConfig : {};
  values.Operation.CallBackKafkaConfig = {
    Region: str(kafka.Region),
    InstanceId: str(kafka.InstanceId),
    Topic: str(kafka.Topic),
  };
  const out = isRecord(op.Output) ? op.Output : undefined;
  if (out) {
    values.Operation.Output = {
      Region: str(out.Region),
      Bucket: str(out.Bucket),
      Object: str(out.Object),
      AuObject: str(out.AuObject),
      BassObject: str(out.BassObject),
      DrumObject: str(out.DrumObject),
      SpriteObject: str(out.SpriteObject),
      StreamExtract: (Array.isArray(out.StreamExtract) ? out.StreamExtract : [])
        .filter(isRecord)
        .map((s) => ({ Index: str(s.Index), Object: str(s.Object) })),
      Force: str(out.Force),
    };
  }
  return values;
}

/** A stable string for "is this the same request?" (key order does not matter): the server's fingerprint rule. */
export function requestFingerprint(request: unknown): string {
  return stableStringify(request);
}

/**
 * Starting values for a Tag's parameters: each field's defaultValue, required groups (and `alwaysInclude`, the Tag's
 * own parameter element) filled in, lists with their minimum number of items. Optional groups stay absent until the
 * person adds them, since for CI an absent group often means something (no Video = drop the video stream).
 */
export function paramDefaults(fields: readonly FieldSpec[], alwaysInclude?: string | null): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const f of fields) {
    switch (f.kind) {
      case "group":
        if (f.required || f.name === alwaysInclude) out[f.name] = paramDefaults(f.fields);
        break;
      case "list":
        if (f.minItems) out[f.name] = Array.from({ length: f.minItems }, () => paramDefaults(f.fields));
        break;
      case "stringList":
        break;
      default:
        if (f.defaultValue !== undefined) out[f.name] = f.defaultValue;
    }
  }
  return out;
}
