/**
 * Names for the workflow, template and queue IDs a job or request refers to: the one contract between the server's
 * look-up (lib/server/ci-names.ts) and every screen and CSV that shows an ID. Pure: the job table's bundle uses it.
 *
 * A `NameMap` entry is the name CI gave; `null` means a complete look-up did not find the ID (deleted in CI); an ID
 * that is absent could not be looked up (CI failed, the list was incomplete or still loading), so the ID shows alone.
 */
import { CSV_LIST_JOINER } from "./csv";

export const CI_REF_KINDS = ["workflows", "templates", "queues"] as const;
export type CiRefKind = (typeof CI_REF_KINDS)[number];

export type NameMap = Record<string, string | null>;
export type CiNames = Record<CiRefKind, NameMap>;

/** What a screen shows for an ID that a complete look-up no longer finds. */
export const GONE_LABEL = "(no longer in CI)";

export function emptyNames(): CiNames {
  return { workflows: {}, templates: {}, queues: {} };
}

/** Template Tags CI lists templates for (`GET /template?tag=`, docs/ci-api.md §6.1); others have no templates. */
export const TEMPLATE_LOOKUP_TAGS = [
  "Transcode",
  "Snapshot",
  "Animation",
  "Concat",
  "SmartCover",
  "VideoProcess",
  "SuperResolution",
  "VoiceSeparate",
  "VideoMontage",
  "PicProcess",
  "Watermark",
  "TranscodePro",
  "Tts",
  "SpeechRecognition",
  "NoiseReduction",
] as const;

/** One ID found in a job or request. `tag` (templates only) is the Tag to list the template under. */
export interface CiRef {
  kind: CiRefKind;
  id: string;
  /** Where it was found, e.g. `Operation.JobParam.WatermarkTemplateId`. */
  path: string;
  tag?: string;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** IDs in an XML value: one string, a comma-separated list (several WorkflowIds), or a repeated element. */
export function idsOf(value: unknown): string[] {
  if (typeof value === "string")
    return value
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(value)) return value.flatMap(idsOf);
  return [];
}

const isTemplateTag = (tag: string | undefined): tag is string =>
  !!tag && (TEMPLATE_LOOKUP_TAGS as readonly string[]).includes(tag);

/** `TranscodeTemplateId` is a Transcode template, `WatermarkTemplateId` a Watermark one; `TemplateId` the job's Tag's. */
function templateTag(key: string, opTag: string | undefined): string | undefined {
  const named = key.slice(0, -"TemplateId".length);
  if (isTemplateTag(named)) return named;
  return isTemplateTag(opTag) ? opTag : undefined;
}

/**
 * Every workflow, template and queue ID in an Operation (a job's as CI reports it, or a request's as sent), in the
 * order they appear. `jobTag`/`jobQueueId` are the job-level copies CI also reports.
 */
export function operationRefs(operation: unknown, extra: { tag?: string; queueId?: string } = {}): CiRef[] {
  const op = asRecord(operation) ?? {};
  const refs: CiRef[] = [];
  for (const id of idsOf(op.WorkflowIds)) refs.push({ kind: "workflows", id, path: "Operation.WorkflowIds" });
  const queueIds = idsOf(op.QueueId);
  if (queueIds.length === 0 && extra.queueId) queueIds.push(extra.queueId);
  for (const id of queueIds) refs.push({ kind: "queues", id, path: "Operation.QueueId" });
  const opTag = (typeof op.Tag === "string" && op.Tag) || extra.tag;
  const jobParam = asRecord(op.JobParam) ?? {};
  for (const [key, value] of Object.entries(jobParam)) {
    if (!key.endsWith("TemplateId")) continue;
    const tag = templateTag(key, opTag);
    for (const id of idsOf(value))
      refs.push({ kind: "templates", id, path: `Operation.JobParam.${key}`, ...(tag ? { tag } : {}) });
  }
  return refs;
}

/** The IDs a job (as CI reports it) refers to. */
export function jobRefs(job: { Tag?: string; QueueId?: string; Operation?: unknown }): CiRef[] {
  return operationRefs(job.Operation, { tag: job.Tag, queueId: job.QueueId });
}

/** The IDs a trigger request (as sent, or as the audit log stored it) refers to. */
export function requestRefs(request: unknown): CiRef[] {
  return operationRefs(asRecord(request)?.Operation);
}

/** Which kind of ID a request path holds (for the duplicate diff), or null for any other element. */
export function refKindOfPath(path: string): CiRefKind | null {
  const leaf = path.replace(/\[\d+\]$/, "");
  if (leaf === "Operation.WorkflowIds") return "workflows";
  if (leaf === "Operation.QueueId") return "queues";
  if (/^Operation\.JobParam\.\w*TemplateId$/.test(leaf)) return "templates";
  return null;
}

export type ResolvedName = { state: "named"; name: string } | { state: "gone" } | { state: "unknown" };

/** The name for an ID: named, gone from CI, or unknown (show the ID alone). An empty name counts as unknown. */
export function resolveName(names: CiNames | undefined, kind: CiRefKind, id: string): ResolvedName {
  const map = names?.[kind];
  if (!map || !Object.hasOwn(map, id)) return { state: "unknown" };
  const name = map[id];
  if (name === null) return { state: "gone" };
  return name ? { state: "named", name } : { state: "unknown" };
}

/** The text for a name cell in a CSV: the name, "(no longer in CI)", or empty when unknown. */
export function nameText(names: CiNames | undefined, kind: CiRefKind, id: string): string {
  const r = resolveName(names, kind, id);
  return r.state === "named" ? r.name : r.state === "gone" ? GONE_LABEL : "";
}

/** Merges name maps (later ones win), e.g. a source job's names with the wizard's picker names. */
export function mergeNames(...all: (CiNames | undefined)[]): CiNames {
  const out = emptyNames();
  for (const names of all) {
    if (!names) continue;
    for (const kind of CI_REF_KINDS) Object.assign(out[kind], names[kind]);
  }
  return out;
}

/** ID and name cells for each kind, several values joined with "; ": [workflow IDs, names, queue IDs, names, template IDs, names]. */
export function refCsvCells(refs: readonly CiRef[], names: CiNames | undefined): string[] {
  return (["workflows", "queues", "templates"] as const).flatMap((kind) => {
    const ids = [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.id))];
    const texts = ids.map((id) => nameText(names, kind, id));
    // A name is empty when unknown and "(no longer in CI)" when CI no longer has the ID.
    // Joined with the one list joiner no spreadsheet reads as a separator (lib/jobs/csv.ts).
    return [ids.join(CSV_LIST_JOINER), texts.some(Boolean) ? texts.join(CSV_LIST_JOINER) : ""];
  });
}

/** The jobs CSV's name columns (its TagOrWorkflow column already holds the workflow IDs). */
export const CSV_NAME_COLUMNS = ["WorkflowName", "QueueId", "QueueName", "TemplateIds", "TemplateNames"] as const;

export function csvNameCells(
  job: { Tag?: string; QueueId?: string; Operation?: unknown },
  names: CiNames | undefined,
): string[] {
  return refCsvCells(jobRefs(job), names).slice(1);
}
