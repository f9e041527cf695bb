/**
 * `POST /__emulator/jobs/<jobId>/results`: attaches the result blocks CI echoes under `Operation.JobParam` once a
 * batch job has run (`MediaResult`, `MediaInfo`, the per-Tag `…Result` blocks), so a browser test can see the job
 * page show them. The emulator never invents results itself: nothing documents what a batch job's own JobParam
 * holds after it ran, only the Go SDK's struct that reads it.
 *
 * The body is checked against the emulator's own model (never the app's reader): the shapes of cos-go-sdk-v5
 * ci_media.go `InventoryTriggerJobOperationJobParam` (model/data/go-sdk-job-param.json), plus the children of the
 * anonymous structs inside `MediaResult` that the extractor does not descend into. Blocks are written in the
 * struct's element order, whatever the JSON's key order.
 */
import type { XmlObject, XmlValue } from "@/lib/ci/xml";
import { JOB_PARAM_ELEMENTS, JOB_PARAM_ROOT } from "./model/job-param-elements";
import type { JobRecord } from "./store/job-record";

const GO = "cos-go-sdk-v5 ci_media.go";

/** The result blocks of a batch job's JobParam: the fields of `InventoryTriggerJobOperationJobParam` CI fills in. */
export const RESULT_BLOCKS: readonly { name: string; source: string }[] = [
  { name: "MediaResult", source: `${GO} InventoryTriggerJobOperationJobParam.MediaResult (type MediaResult)` },
  { name: "MediaInfo", source: `${GO} InventoryTriggerJobOperationJobParam.MediaInfo (type MediaInfo)` },
  { name: "VideoTagResult", source: `${GO} InventoryTriggerJobOperationJobParam.VideoTagResult` },
  { name: "WordsGeneralizeResult", source: `${GO} InventoryTriggerJobOperationJobParam.WordsGeneralizeResult` },
  { name: "DnaResult", source: `${GO} InventoryTriggerJobOperationJobParam.DnaResult` },
  { name: "VocalScoreResult", source: `${GO} InventoryTriggerJobOperationJobParam.VocalScoreResult` },
  { name: "ImageInspectResult", source: `${GO} InventoryTriggerJobOperationJobParam.ImageInspectResult` },
];
const BLOCK_NAMES = new Set(RESULT_BLOCKS.map((b) => b.name));

interface Shape {
  kind: "container" | "value";
  repeatable: boolean;
}

/** `MediaResult.OutputFile`'s anonymous structs (ci_media.go `type MediaResult`), which the Go shape lists bare. */
const ANONYMOUS_STRUCT_CHILDREN: readonly [string, Shape][] = [
  ["MediaResult.OutputFile.Md5Info.Md5", { kind: "value", repeatable: false }],
  ["MediaResult.OutputFile.Md5Info.ObjectName", { kind: "value", repeatable: false }],
  ["MediaResult.OutputFile.SpriteOutputFile.Bucket", { kind: "value", repeatable: false }],
  ["MediaResult.OutputFile.SpriteOutputFile.Md5Info", { kind: "container", repeatable: true }],
  ["MediaResult.OutputFile.SpriteOutputFile.Md5Info.Md5", { kind: "value", repeatable: false }],
  ["MediaResult.OutputFile.SpriteOutputFile.Md5Info.ObjectName", { kind: "value", repeatable: false }],
  ["MediaResult.OutputFile.SpriteOutputFile.ObjectName", { kind: "value", repeatable: true }],
  ["MediaResult.OutputFile.SpriteOutputFile.ObjectPrefix", { kind: "value", repeatable: false }],
  ["MediaResult.OutputFile.SpriteOutputFile.Region", { kind: "value", repeatable: false }],
];

/** Result elements by path (relative to JobParam), and each container's children in struct order. */
const SHAPES = new Map<string, Shape>();
const CHILDREN = new Map<string, string[]>();
for (const [path, shape] of [
  ...JOB_PARAM_ELEMENTS.map((e): [string, Shape] => [
    e.path.slice(JOB_PARAM_ROOT.length + 1),
    { kind: e.kind, repeatable: e.repeatable === true },
  ]),
  ...ANONYMOUS_STRUCT_CHILDREN,
]) {
  if (!BLOCK_NAMES.has(path.split(".")[0]!)) continue;
  SHAPES.set(path, shape);
  const cut = path.lastIndexOf(".");
  if (cut < 0) continue;
  const parent = path.slice(0, cut);
  CHILDREN.set(parent, [...(CHILDREN.get(parent) ?? []), path.slice(cut + 1)]);
}

export class ResultsBodyError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const ELEMENT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const MAX_ITEMS = 1000;
const MAX_TEXT = 4096;
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function text(value: unknown, at: string): string {
  if (typeof value !== "string") throw new ResultsBodyError(`${at}: a text value (string)`);
  if (value.length > MAX_TEXT) throw new ResultsBodyError(`${at}: at most ${MAX_TEXT} characters`);
  return value;
}

/** Inside a struct the Go shape does not spell out (e.g. `MediaInfo.Stream.Video`): any XML-shaped JSON. */
function opaque(value: unknown, at: string, depth: number): XmlValue {
  if (depth > 12) throw new ResultsBodyError(`${at}: nested too deep`);
  if (Array.isArray(value)) {
    if (value.length === 0 || value.length > MAX_ITEMS)
      throw new ResultsBodyError(`${at}: a list of 1 to ${MAX_ITEMS} items`);
    return value.map((v, i) => opaque(v, `${at}[${i}]`, depth + 1));
  }
  if (!isPlainObject(value)) return text(value, at);
  const out: XmlObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (!ELEMENT_NAME.test(key)) throw new ResultsBodyError(`${at}.${key}: not an XML element name`);
    out[key] = opaque(child, `${at}.${key}`, depth + 1);
  }
  return out;
}

/** One element at `path` (relative to JobParam) as its shape allows; `at` is the path the error names. */
function element(value: unknown, path: string, at: string): XmlValue {
  const shape = SHAPES.get(path)!;
  if (Array.isArray(value)) {
    if (!shape.repeatable) throw new ResultsBodyError(`${at}: not repeatable (${GO}), give one value, not a list`);
    if (value.length === 0 || value.length > MAX_ITEMS)
      throw new ResultsBodyError(`${at}: a list of 1 to ${MAX_ITEMS} items`);
    return value.map((v, i) => single(v, path, shape, `${at}[${i}]`));
  }
  return single(value, path, shape, at);
}

function single(value: unknown, path: string, shape: Shape, at: string): XmlValue {
  if (shape.kind === "value") return text(value, at);
  if (!isPlainObject(value)) throw new ResultsBodyError(`${at}: an object of child elements`);
  const known = CHILDREN.get(path);
  if (!known) return opaque(value, at, 0);
  for (const key of Object.keys(value))
    if (!known.includes(key)) throw new ResultsBodyError(`${at}.${key}: not an element of ${path} (${GO})`);
  const out: XmlObject = {};
  for (const name of known)
    if (value[name] !== undefined) out[name] = element(value[name], `${path}.${name}`, `${at}.${name}`);
  return out;
}

/** The admin body checked and put in CI's element order; `{}` clears a job's results. */
export function parseResultsBody(body: unknown): XmlObject {
  if (!isPlainObject(body)) throw new ResultsBodyError("body: an object of result blocks");
  for (const name of Object.keys(body))
    if (!BLOCK_NAMES.has(name))
      throw new ResultsBodyError(
        `${name}: not a result block CI echoes under JobParam (one of ${[...BLOCK_NAMES].join(", ")})`,
      );
  const out: XmlObject = {};
  for (const { name } of RESULT_BLOCKS) if (body[name] !== undefined) out[name] = element(body[name], name, name);
  return out;
}

/**
 * Attaches (replaces) a job's result blocks. Only Job-type batches: a Workflow batch's Operation has no JobParam,
 * its results are in its workflow instances.
 */
export function attachResults(job: JobRecord, body: unknown): void {
  if (job.type !== "Job")
    throw new ResultsBodyError(`Job ${job.jobId} is a ${job.type} batch: only Job-type batches echo a JobParam`, 409);
  const results = parseResultsBody(body);
  if (Object.keys(results).length === 0) delete job.results;
  else job.results = results;
}
