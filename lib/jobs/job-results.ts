/**
 * What a finished job produced, as CI echoes it back under `Operation.JobParam` (batch jobs) or `Operation` (the
 * media jobs a batch starts): `MediaResult` (the files written), `MediaInfo` and the per-Tag `…Result` blocks
 * (cos-go-sdk-v5 ci_media.go: `InventoryTriggerJobOperationJobParam`, `MediaProcessJobOperation`, `MediaResult`).
 * Their repeatable parts (`ObjectName`, `Md5Info`, `Stream.Video`…) are always lists (lib/ci/repeatable-paths.ts).
 */

import { isResultElement } from "./result-elements";

/** One file CI reports it wrote. */
export interface ResultFile {
  bucket?: string;
  region?: string;
  object: string;
  md5?: string;
  /** "sprite" for a snapshot's sprite image. */
  kind: "output" | "sprite";
}

const record = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string" && x !== "");
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

function filesOf(outputFile: unknown, kind: ResultFile["kind"]): ResultFile[] {
  const f = record(outputFile);
  if (!f) return [];
  const md5s = new Map<string, string>();
  for (const m of Array.isArray(f.Md5Info) ? f.Md5Info : [f.Md5Info]) {
    const r = record(m);
    const name = str(r?.ObjectName);
    const md5 = str(r?.Md5);
    if (name && md5) md5s.set(name, md5);
  }
  const base = { bucket: str(f.Bucket), region: str(f.Region), kind };
  const files = strings(f.ObjectName).map((object) => ({ ...base, object, md5: md5s.get(object) }));
  const prefix = str(f.ObjectPrefix);
  if (files.length === 0 && prefix) files.push({ ...base, object: prefix, md5: undefined });
  return [...files, ...(kind === "output" ? filesOf(f.SpriteOutputFile, "sprite") : [])];
}

/** The result blocks of a job's Operation (JobParam first, then Operation itself), and the files they name. */
export function jobResults(operation: Record<string, unknown> | undefined): {
  blocks: [string, unknown][];
  files: ResultFile[];
} {
  const blocks: [string, unknown][] = [];
  const jobParam = record(operation?.JobParam);
  for (const source of [jobParam, operation]) {
    if (!source) continue;
    for (const [name, value] of Object.entries(source))
      if (isResultElement(name) && value !== "") blocks.push([name, value]);
  }
  const files = blocks
    .filter(([name]) => name === "MediaResult")
    .flatMap(([, v]) => (Array.isArray(v) ? v : [v]).flatMap((r) => filesOf(record(r)?.OutputFile, "output")));
  return { blocks, files };
}
