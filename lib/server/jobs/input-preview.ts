import "server-only";
/**
 * GET /api/inputs/preview (issue 13 item 4): what a batch's Input would touch, before it is triggered, in at most
 * MAX_COS_CALLS COS calls. Past that bound a count is a lower bound (`countExact: false`, shown as "more than N").
 *
 * - Prefix: listed (1000 keys a call), TimeInterval applied to LastModified (the doc's Input.TimeInterval filters on
 *   the objects' modification time); an empty prefix is the whole bucket.
 * - Object: HEAD: whether it exists, its size.
 * - UrlFile: its first MAX_LIST_BYTES read; lines counted; the first lines checked to be object URLs of this bucket
 *   (the form lib/ci/cos-client.ts cosObjectUrl writes) and the first few of those objects looked up.
 * - Manifest: a COS inventory manifest.json read: the data files it lists (count, bytes, names), its source bucket.
 */
import { cosHost, type CosTarget } from "@/lib/ci/cos-client";
import type { InputPreview, InputSampleObject } from "@/lib/jobs/batch-files";
import { ApiProblem } from "../problem";
import { resolveTarget } from "./target";
import { cosClient } from "./cos-runtime";
import { parseAnyCiTime } from "./file-times";

export const MAX_COS_CALLS = 10;
const SAMPLE_SIZE = 10;
const MAX_LIST_BYTES = 1024 * 1024;
const CHECK_LINES = 20;
const HEAD_LINES = 3;
const CONTROL = /[\u0000-\u001f\u007f]/;
const SOURCES = ["prefix", "object", "urlFile", "manifest"] as const;
type Source = (typeof SOURCES)[number];

/** InputPreview plus what a manifest describes, in words (an optional field beyond the contract). */
export type InputPreviewAnswer = InputPreview & { describes?: string };

export interface PreviewQuery {
  bucket?: string;
  source: Source;
  value: string;
  start?: Date;
  end?: Date;
}

const fieldProblem = (field: string, message: string) =>
  new ApiProblem(400, "ValidationError", `${field}: ${message}`, { fields: [{ path: field, message }] });

export function parsePreviewQuery(params: URLSearchParams): PreviewQuery {
  const known = new Set<string>(["bucket", "start", "end", ...SOURCES]);
  for (const [k, v] of params) {
    if (!known.has(k)) throw fieldProblem(k.slice(0, 40), "Unknown parameter");
    if (CONTROL.test(v)) throw fieldProblem(k, "Control characters are not allowed");
    if (v.length > 1024) throw fieldProblem(k, "At most 1024 characters");
    if (params.getAll(k).length > 1) throw fieldProblem(k, "Give it once");
  }
  const given = SOURCES.filter((s) => params.has(s));
  if (given.length !== 1) {
    throw new ApiProblem(
      400,
      "ValidationError",
      `Give exactly one of prefix, object, urlFile or manifest${given.length > 1 ? `, not ${given.join(" and ")}` : ""}`,
      {
        fields: [{ path: given[1] ?? "prefix", message: "Exactly one input source" }],
      },
    );
  }
  const source = given[0]!;
  const value = params.get(source)!;
  if (source !== "prefix" && value.trim() === "") throw fieldProblem(source, "Required");
  const time = (field: "start" | "end") => {
    const raw = params.get(field);
    if (!raw) return undefined;
    const d = parseAnyCiTime(raw);
    if (!d) throw fieldProblem(field, "Use CI's time format YYYY-MM-DDTHH:MM:SS+HHMM");
    return d;
  };
  const start = time("start");
  const end = time("end");
  if (start && end && start > end) throw fieldProblem("end", "End must be after start");
  if ((start || end) && source !== "prefix")
    throw fieldProblem(start ? "start" : "end", "A time interval applies to a prefix only");
  return { bucket: params.get("bucket") ?? undefined, source, value, start, end };
}

async function previewPrefix(t: CosTarget, prefix: string, start?: Date, end?: Date): Promise<InputPreviewAnswer> {
  const cos = cosClient();
  let count = 0;
  let bytes = 0;
  let calls = 0;
  let marker: string | undefined;
  let more = true;
  const sample: InputSampleObject[] = [];
  while (more && calls < MAX_COS_CALLS) {
    const page = await cos.listObjects(t, { prefix, marker, maxKeys: 1000 });
    calls++;
    for (const o of page.objects) {
      const modified = Date.parse(o.lastModified);
      if (start && !(modified >= start.getTime())) continue;
      if (end && !(modified <= end.getTime())) continue;
      count++;
      bytes += o.size;
      if (sample.length < SAMPLE_SIZE) sample.push(o);
    }
    more = page.isTruncated && page.nextMarker !== null;
    marker = page.nextMarker ?? undefined;
  }
  return { count, countExact: !more, bytes, sample, cosCalls: calls };
}

async function previewObject(t: CosTarget, key: string): Promise<InputPreviewAnswer> {
  const head = await cosClient().headObject(t, key);
  const sample = head.exists
    ? [{ key, size: head.size ?? 0, lastModified: head.lastModified ? new Date(head.lastModified).toISOString() : "" }]
    : [];
  return {
    count: head.exists ? 1 : 0,
    countExact: true,
    bytes: head.size ?? 0,
    sample,
    exists: head.exists,
    cosCalls: 1,
  };
}

/** The key a URL-list line names in this bucket, or a problem. */
export function keyFromUrlLine(t: CosTarget, line: string): { key: string } | { problem: string } {
  let url: URL;
  try {
    url = new URL(line);
  } catch {
    return { problem: "not a URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { problem: "not an http(s) URL" };
  if (url.hostname !== cosHost(t)) return { problem: `not an object of ${t.bucket} (${url.hostname.slice(0, 80)})` };
  try {
    const key = decodeURIComponent(url.pathname.slice(1));
    return key ? { key } : { problem: "no object key" };
  } catch {
    return { problem: "badly encoded object key" };
  }
}

/** The answer for a list or manifest file that is not there (one COS call found that out). */
const missingFile = (key: string): InputPreviewAnswer => ({
  count: 0,
  countExact: true,
  bytes: 0,
  sample: [],
  exists: false,
  problems: [`${key} does not exist`],
  cosCalls: 1,
});

async function previewUrlFile(t: CosTarget, key: string): Promise<InputPreviewAnswer> {
  const cos = cosClient();
  const file = await cos.getObject(t, key, { maxBytes: MAX_LIST_BYTES });
  if (!file) return missingFile(key);
  let text = file.body;
  if (file.truncated) text = text.slice(0, text.lastIndexOf("\n") + 1); // a cut last line is not counted
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const problems: string[] = [];
  const keys: string[] = [];
  lines.slice(0, CHECK_LINES).forEach((line, i) => {
    const r = keyFromUrlLine(t, line);
    if ("problem" in r) problems.push(`line ${i + 1}: ${r.problem}`);
    else keys.push(r.key);
  });
  const sample: InputSampleObject[] = [];
  let calls = 1;
  let bytes = 0;
  for (const k of keys.slice(0, HEAD_LINES)) {
    const head = await cos.headObject(t, k);
    calls++;
    if (!head.exists) problems.push(`${k.slice(0, 200)} does not exist`);
    else {
      bytes += head.size ?? 0;
      sample.push({
        key: k,
        size: head.size ?? 0,
        lastModified: head.lastModified ? new Date(head.lastModified).toISOString() : "",
      });
    }
  }
  return {
    count: lines.length,
    countExact: !file.truncated,
    bytes,
    sample,
    exists: true,
    ...(problems.length ? { problems } : {}),
    cosCalls: calls,
  };
}

async function previewManifest(t: CosTarget, key: string): Promise<InputPreviewAnswer> {
  const file = await cosClient().getObject(t, key, { maxBytes: MAX_LIST_BYTES });
  if (!file) return missingFile(key);
  let manifest: { sourceBucket?: unknown; fileFormat?: unknown; files?: unknown; creationTimestamp?: unknown };
  try {
    if (file.truncated) throw new Error("too large");
    manifest = JSON.parse(file.body) as typeof manifest;
  } catch {
    return {
      count: 0,
      countExact: false,
      bytes: 0,
      sample: [],
      exists: true,
      problems: ["not a readable inventory manifest (JSON)"],
      cosCalls: 1,
    };
  }
  const files = Array.isArray(manifest.files) ? manifest.files : [];
  const problems: string[] = [];
  if (!Array.isArray(manifest.files)) problems.push("the manifest lists no files");
  if (typeof manifest.sourceBucket === "string" && manifest.sourceBucket !== t.bucket)
    problems.push(`it describes bucket ${manifest.sourceBucket.slice(0, 80)}, not ${t.bucket}`);
  let bytes = 0;
  const sample: InputSampleObject[] = [];
  for (const f of files as { key?: unknown; size?: unknown }[]) {
    const size = Number(f?.size ?? 0);
    bytes += Number.isFinite(size) ? size : 0;
    if (typeof f?.key === "string" && sample.length < SAMPLE_SIZE)
      sample.push({ key: f.key, size: Number.isFinite(size) ? size : 0, lastModified: "" });
  }
  const of = typeof manifest.sourceBucket === "string" ? manifest.sourceBucket.slice(0, 80) : "an unnamed bucket";
  const format = typeof manifest.fileFormat === "string" ? ` (${manifest.fileFormat.slice(0, 20)})` : "";
  const describes = `COS inventory of ${of}: ${files.length} inventory file${files.length === 1 ? "" : "s"}${format}`;
  return {
    count: files.length,
    countExact: true,
    bytes,
    sample,
    exists: true,
    describes,
    ...(problems.length ? { problems } : {}),
    cosCalls: 1,
  };
}

export async function previewInput(q: PreviewQuery): Promise<InputPreviewAnswer> {
  const target = resolveTarget(q.bucket);
  switch (q.source) {
    case "prefix":
      return previewPrefix(target, q.value, q.start, q.end);
    case "object":
      return previewObject(target, q.value);
    case "urlFile":
      return previewUrlFile(target, q.value);
    case "manifest":
      return previewManifest(target, q.value);
  }
}
