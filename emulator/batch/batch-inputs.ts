/**
 * Which files a batch job covers (issue 13, docs/ci-api.md §8): the objects under its `Input.Prefix` (with
 * `Operation.TimeInterval` applied to LastModified), its one `Input.Object`, the lines of its `Input.UrlFile` (COS
 * URLs of this bucket), or the keys its `Input.Manifest` (a COS inventory report) lists. Resolved once per batch when
 * first needed and cached: CI scans its input when the batch starts, so objects written after the batch was created
 * are not in it.
 */
import { gunzipSync } from "node:zlib";
import { parseCiTime } from "@/lib/jobs/ci-time";
import type { XmlObject } from "@/lib/ci/xml";
import type { CosBucket } from "../cos/cos-bucket";
import { compareUtf8 } from "../cos/key-order";
import { keyFromObjectUrl } from "../cos/object-url";
import { seek, type ObjectSource } from "../cos/object-source";
import type { JobRecord } from "../store/job-record";

const cache = new WeakMap<JobRecord, readonly string[]>();

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** The object keys of a batch, in the order CI works through them (key order for a prefix, line order for lists). */
export function batchFileKeys(job: JobRecord, objects: CosBucket): readonly string[] {
  let keys = cache.get(job);
  if (!keys) {
    keys = resolve(job, objects);
    cache.set(job, keys);
  }
  return keys;
}

function resolve(job: JobRecord, objects: CosBucket): string[] {
  const input = job.input as Record<string, unknown>;
  const prefix = str(input.Prefix);
  if (prefix !== undefined) return prefixKeys(job, objects, prefix);
  const object = str(input.Object);
  if (object) return [object];
  const urlFile = str(input.UrlFile);
  if (urlFile) return urlFileKeys(objects, urlFile);
  const manifest = str(input.Manifest);
  if (manifest) return manifestKeys(objects, manifest);
  return [];
}

function prefixKeys(job: JobRecord, objects: CosBucket, prefix: string): string[] {
  const interval = (job.operation.TimeInterval ?? {}) as XmlObject;
  // Start defaults to 0 and End to "now" (the batch's creation), per the trigger doc (docs/ci-api.md §1.1).
  const start = parseCiTime(str(interval.Start))?.getTime() ?? 0;
  const end = parseCiTime(str(interval.End))?.getTime() ?? Number.POSITIVE_INFINITY;
  const timed = str(interval.Start) !== undefined || str(interval.End) !== undefined;
  const seen = new Set<string>();
  const out: string[] = [];
  const sources: ObjectSource[] = objects.sources();
  sources.forEach((s, sourceIndex) => {
    for (let i = seek(s, prefix, true); i < s.length; i++) {
      const key = s.keyAt(i);
      if (!key.startsWith(prefix)) break;
      if (seen.has(key)) continue;
      seen.add(key);
      // Source 0 holds what clients wrote: only objects that existed when the batch was created count.
      const needsObject = timed || sourceIndex === 0;
      if (needsObject) {
        const o = s.objectAt(i);
        if (sourceIndex === 0 && o.lastModified > job.createdAt) continue;
        if (o.lastModified < start || o.lastModified > end) continue;
      }
      out.push(key);
    }
  });
  return out.sort(compareUtf8);
}

function text(objects: CosBucket, key: string): string | null {
  const o = objects.get(key);
  if (!o?.content) return null;
  const bytes = o.content();
  try {
    return (key.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
  } catch {
    return null;
  }
}

/** Lines that are not COS URLs of this bucket are skipped (the emulator's choice; CI's behaviour is not documented). */
function urlFileKeys(objects: CosBucket, key: string): string[] {
  const body = text(objects, key);
  if (body === null) return [];
  return body
    .split(/\r?\n/)
    .map((line) => keyFromObjectUrl(line, objects.bucket, objects.region))
    .filter((k): k is string => k !== null);
}

/** manifest.json → its data files (CSV, maybe gzipped) → the second column, URL-encoded as COS inventory writes it. */
function manifestKeys(objects: CosBucket, key: string): string[] {
  const body = text(objects, key);
  if (body === null) return [];
  let files: unknown;
  try {
    files = (JSON.parse(body) as { files?: unknown }).files;
  } catch {
    return [];
  }
  if (!Array.isArray(files)) return [];
  const out: string[] = [];
  for (const f of files) {
    const dataKey = str((f as Record<string, unknown> | null)?.key);
    const csv = dataKey ? text(objects, dataKey) : null;
    if (!csv) continue;
    for (const line of csv.split(/\r?\n/)) {
      const cell = /^"(?:[^"]|"")*","((?:[^"]|"")*)"/.exec(line)?.[1];
      if (!cell) continue;
      try {
        out.push(decodeURIComponent(cell.replace(/""/g, '"')));
      } catch {
        // an undecodable key is skipped
      }
    }
  }
  return out;
}
