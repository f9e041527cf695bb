/**
 * Walks a parsed `<Request>` against the model and answers what CI documents as errors: a missing required element,
 * a value outside its enum or format, an unknown Tag, an element in the wrong place. Every problem is reported with
 * the element's path; the emulator answers the first as 400 InvalidArgument (CI's code 1015 for "some request
 * parameters are invalid": CI documents no separate code for a missing one).
 *
 * Strictness (no CI page says what happens to an element it does not list): an element that no batch source lists
 * at that place is refused. CI's own server may ignore it; refusing it here makes an undocumented element the app
 * sends visible in tests, which is the emulator's job. Empty optional values count as absent.
 */
import { parseCiTime, CI_TIME_PATTERN } from "./ci-formats";
import type { ElementSpec } from "./element";
import { BY_PATH, CHILDREN, nameOf } from "./element-index";
import { JOB_PARAM_ROOT } from "./job-param-elements";
import { isModelTag, TAG_TABLE, type ModelTag } from "./tag-table";

export type XmlNode = string | { [key: string]: XmlNode } | XmlNode[];
export interface ModelProblem {
  path: string;
  message: string;
}
export type TriggerVerdict =
  | { ok: true; type: "Job" | "Workflow"; tag?: ModelTag }
  | { ok: false; code: "InvalidArgument"; problems: ModelProblem[] };

const INPUT_SOURCES = ["Prefix", "Object", "UrlFile", "Manifest"] as const;

type Obj = { [key: string]: XmlNode };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const asList = (v: XmlNode | undefined): XmlNode[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const isPresent = (v: XmlNode | undefined) => v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0);
/** The element's text when it is a plain value (single occurrence), else undefined. */
const text = (v: XmlNode | undefined): string | undefined => {
  const one = Array.isArray(v) && v.length === 1 ? v[0] : v;
  return typeof one === "string" ? one : undefined;
};
const block = (v: XmlNode | undefined): Obj => {
  const one = Array.isArray(v) && v.length === 1 ? v[0] : v;
  return isObj(one) ? one : {};
};

class Walk {
  readonly problems: ModelProblem[] = [];
  constructor(
    private readonly type: "Job" | "Workflow",
    private readonly tag: ModelTag | undefined,
  ) {}

  add(path: string, message: string) {
    this.problems.push({ path, message: `${path}: ${message}` });
  }

  value(spec: ElementSpec, v: string) {
    if (v === "") return;
    if (spec.enum && !spec.enum.includes(v))
      this.add(spec.path, `${JSON.stringify(v)} is not one of ${spec.enum.join(", ")}`);
    if (spec.maxLength !== undefined && [...v].length > spec.maxLength)
      this.add(spec.path, `is at most ${spec.maxLength} characters`);
    if (spec.pattern && !spec.pattern.test(v)) this.add(spec.path, `must be ${spec.format ?? `like ${spec.pattern}`}`);
    else if (spec.pattern === CI_TIME_PATTERN && parseCiTime(v) === null)
      this.add(spec.path, "is not a real date and time");
    if (spec.range) {
      const n = Number(v);
      if (!Number.isFinite(n) || n < spec.range[0] || n > spec.range[1])
        this.add(spec.path, `must be a number from ${spec.range[0]} to ${spec.range[1]}`);
    }
  }

  /** The children this container may hold: JobParam's depend on the Tag; Type-specific ones on the Type. */
  allowed(path: string): readonly ElementSpec[] {
    const all = CHILDREN.get(path) ?? [];
    // Without a valid Tag (reported on its own) any documented JobParam child is let through.
    if (path === JOB_PARAM_ROOT && this.tag) {
      const names: readonly string[] = TAG_TABLE[this.tag].jobParam;
      return all.filter((c) => names.includes(nameOf(c.path)));
    }
    return all.filter((c) => !c.onlyFor || c.onlyFor === this.type);
  }

  container(spec: ElementSpec, node: XmlNode) {
    if (typeof node === "string" && node !== "") return this.add(spec.path, "is a block of elements, not a value");
    const obj = isObj(node) ? node : {};
    const allowed = this.allowed(spec.path);
    for (const [name, v] of Object.entries(obj)) {
      const child = allowed.find((c) => nameOf(c.path) === name);
      if (!child) {
        this.add(`${spec.path}.${name}`, this.whyUnknown(spec.path, name));
        continue;
      }
      this.element(child, v);
    }
    for (const child of allowed)
      if (child.required && !isPresent(obj[nameOf(child.path)])) this.add(child.path, "is required");
  }

  whyUnknown(parent: string, name: string): string {
    const elsewhere = BY_PATH.get(`${parent}.${name}`);
    if (parent === JOB_PARAM_ROOT && elsewhere) return `is not a JobParam element of Tag ${this.tag ?? "(none)"}`;
    if (elsewhere?.onlyFor) return `is only for Type ${elsewhere.onlyFor} requests`;
    return "is not an element CI documents here";
  }

  element(spec: ElementSpec, v: XmlNode) {
    const items = asList(v);
    if (!spec.repeatable && items.length > 1)
      return this.add(spec.path, `appears ${items.length} times; it is not repeatable`);
    if (spec.maxOccurs !== undefined && items.length > spec.maxOccurs)
      return this.add(spec.path, `appears ${items.length} times; at most ${spec.maxOccurs}`);
    for (const item of items) {
      if (spec.kind === "container") this.container(spec, item);
      else if (typeof item === "string") this.value(spec, item);
      else this.add(spec.path, "is a value, not a block of elements");
    }
  }
}

/** Rules that span elements: one input source, the Tag's JobParam and Output needs, callback configs. */
function crossRules(w: Walk, request: Obj, type: "Job" | "Workflow", tag: ModelTag | undefined) {
  const input = block(request.Input);
  const given = INPUT_SOURCES.filter((k) => isPresent(input[k]));
  // The docs present the four as alternatives ("Prefix, or Manifest, UrlFile, Object"): exactly one is needed.
  if (isObj(request.Input) || request.Input === "")
    if (given.length !== 1)
      w.add(
        "Request.Input",
        given.length
          ? `give one of ${INPUT_SOURCES.join(", ")}, not ${given.join(" and ")}`
          : `give one of ${INPUT_SOURCES.join(", ")}`,
      );
  if (type !== "Job" || !tag) return;
  const op = block(request.Operation);
  const jobParam = block(op.JobParam);
  const rule = TAG_TABLE[tag];
  if (rule.oneOf && !rule.oneOf.some((k) => isPresent(jobParam[k])))
    w.add(JOB_PARAM_ROOT, `Tag ${tag} needs ${rule.oneOf.join(" or ")}`);
  for (const k of rule.required ?? [])
    if (!isPresent(jobParam[k])) w.add(`${JOB_PARAM_ROOT}.${k}`, `is required for Tag ${tag}`);
  if (rule.outputNeeds) {
    const output = block(op.Output);
    if (!isPresent(op.Output)) w.add("Request.Operation.Output", `is required for Tag ${tag}`);
    else if (!rule.outputNeeds.some((k) => isPresent(output[k])))
      w.add(`Request.Operation.Output.${rule.outputNeeds[0]}`, `Tag ${tag} needs ${rule.outputNeeds.join(" or ")}`);
  }
  const callBackType = text(op.CallBackType);
  if (callBackType === "TDMQ" && !isPresent(op.CallBackMqConfig))
    w.add("Request.Operation.CallBackMqConfig", "is required when CallBackType is TDMQ");
  // No source says so for Kafka; a Kafka callback has nowhere to go without it, so it is required the same way.
  if (callBackType === "Kafka" && !isPresent(op.CallBackKafkaConfig))
    w.add("Request.Operation.CallBackKafkaConfig", "is required when CallBackType is Kafka");
}

/** Validates the content of `<Request>` (as the XML codec parses it) against the model. */
export function validateTrigger(request: unknown): TriggerVerdict {
  const root = BY_PATH.get("Request")!;
  const req: Obj = isObj(request) ? request : {};
  const rawType = text(req.Type);
  const type = rawType === "Job" ? "Job" : "Workflow";
  const rawTag = text(block(req.Operation).Tag);
  const tag = type === "Job" && isModelTag(rawTag) ? rawTag : undefined;
  const w = new Walk(type, tag);
  // An unknown Type decides nothing else: report it alone rather than judging a Job request by the Workflow table.
  const typeSpec = BY_PATH.get("Request.Type")!;
  if (rawType !== undefined && rawType !== "" && !typeSpec.enum!.includes(rawType)) w.value(typeSpec, rawType);
  else if (!isObj(request)) w.add("Request", "must hold child elements");
  else {
    w.container(root, req);
    crossRules(w, req, type, tag);
  }
  return w.problems.length ? { ok: false, code: "InvalidArgument", problems: w.problems } : { ok: true, type, tag };
}
