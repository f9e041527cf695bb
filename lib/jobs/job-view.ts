/**
 * Pure helpers that turn a CI job into what a person reads: durations, relative times, the input and operation in
 * one line, CSV rows. No React, no zod: the job table's client bundle includes this file.
 */
import type { JobDetail } from "./job-detail-schema";
import { CSV_NAME_COLUMNS, csvNameCells, type CiNames } from "./ci-names";
import { parseCiTime } from "./ci-time";
import { csvRecord } from "./csv";
import { isCancellable, isFinishedState } from "./states";
import { INPUT_SOURCE_VALUES, type InputSourceValue } from "./draft";

/** A CI XML value as text: strings as they are, lists joined, anything else empty. */
export function xmlText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map(xmlText).filter(Boolean).join(", ");
  return "";
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** "45 s", "3 min 12 s", "2 h 5 min", "3 d 4 h". Negative or NaN durations read as 0 s. */
export function formatDuration(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return h ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

export interface JobDuration {
  ms: number;
  /** True when the job is still active and the figure is "so far". */
  running: boolean;
}

/**
 * How long the job ran: StartTime (or CreationTime) to EndTime; for a job CI is still working on, to `now`.
 * Null when CI gave no usable start, or a finished job has no end time.
 */
export function jobDuration(
  job: Pick<JobDetail, "State" | "CreationTime" | "StartTime" | "EndTime">,
  now: number,
): JobDuration | null {
  const start = parseCiTime(job.StartTime) ?? parseCiTime(job.CreationTime);
  if (!start) return null;
  const end = parseCiTime(job.EndTime);
  if (end) return { ms: Math.max(0, end.getTime() - start.getTime()), running: false };
  if (isFinishedState(job.State)) return null;
  return { ms: Math.max(0, now - start.getTime()), running: true };
}

/** "just now", "12 s ago", "5 min ago", "3 h ago", "4 d ago"; a time slightly in the future (clock skew) is "just now". */
export function formatRelative(at: number, now: number): string {
  const diff = Math.floor((now - at) / 1000);
  if (diff < 5) return "just now";
  if (diff < 60) return `${diff} s ago`;
  if (diff < 3600) return `${Math.floor(diff / 60)} min ago`;
  if (diff < 86_400) return `${Math.floor(diff / 3600)} h ago`;
  return `${Math.floor(diff / 86_400)} d ago`;
}

/** The exact instant with its time zone, e.g. "12 Jun 2025, 14:03:09 GMT+8" (the runtime's zone unless given). */
export function formatExact(at: number | Date, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    year: "numeric",
    month: "short",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
    timeZoneName: "short",
    ...(timeZone ? { timeZone } : {}),
  }).format(at);
}

/** CI's input elements (one home: the wizard's input sources, lib/jobs/draft.ts). */
export type InputKind = InputSourceValue;

/** The job's input as kind + value (Prefix, Object, Manifest or UrlFile); null when CI sent none we know. */
export function inputSummary(job: Pick<JobDetail, "Input">): { kind: InputKind; value: string } | null {
  const input = asRecord(job.Input);
  if (!input) return null;
  for (const kind of INPUT_SOURCE_VALUES) {
    if (kind in input) return { kind, value: xmlText(input[kind]) };
  }
  return null;
}

/** Workflow jobs name their workflow(s); Job jobs their Tag. */
export function tagOrWorkflow(
  job: Pick<JobDetail, "Type" | "Tag" | "Operation">,
): { kind: "Tag" | "Workflow"; value: string } | null {
  const op = asRecord(job.Operation);
  const workflows = xmlText(op?.WorkflowIds);
  const tag = xmlText(op?.Tag) || (job.Tag ?? "");
  if (job.Type === "Workflow" || (!tag && workflows)) return workflows ? { kind: "Workflow", value: workflows } : null;
  return tag ? { kind: "Tag", value: tag } : null;
}

/** The name part of an SSO identity ("olivia.operator" for olivia.operator@example.com); the table shows this. */
export function actorName(actor: string): string {
  const at = actor.indexOf("@");
  return at > 0 ? actor.slice(0, at) : actor;
}

interface CsvRow {
  now: number;
  triggeredBy: Readonly<Record<string, { actor: string; at: string }>>;
  names?: CiNames;
}

/** One or more CSV columns: their headers and the cells of one job (as many as headers). */
interface CsvColumn {
  headers: readonly string[];
  cells: (job: JobDetail, row: CsvRow) => readonly string[];
}

const one = (header: string, value: (job: JobDetail, row: CsvRow) => string): CsvColumn => ({
  headers: [header],
  cells: (job, row) => [value(job, row)],
});
const failed = (job: JobDetail, v: string | undefined) => (job.State === "Failed" ? (v ?? "") : "");

/** The export's columns, in order: a new CSV column is one entry here. */
export const JOBS_CSV_COLUMNS: readonly CsvColumn[] = [
  one("JobId", (job) => job.JobId),
  one("Name", (job) => job.Name ?? ""),
  one("Type", (job) => job.Type ?? ""),
  one("TagOrWorkflow", (job) => tagOrWorkflow(job)?.value ?? ""),
  { headers: CSV_NAME_COLUMNS, cells: (job, row) => csvNameCells(job, row.names) },
  one("State", (job) => job.State),
  one("Code", (job) => failed(job, job.Code)),
  one("Message", (job) => failed(job, job.Message)),
  one("CreationTime", (job) => job.CreationTime ?? ""),
  one("StartTime", (job) => job.StartTime ?? ""),
  one("EndTime", (job) => job.EndTime ?? ""),
  one("DurationSeconds", (job, row) => {
    const dur = jobDuration(job, row.now);
    return dur ? String(Math.floor(dur.ms / 1000)) : "";
  }),
  one("InputKind", (job) => inputSummary(job)?.kind ?? ""),
  one("Input", (job) => inputSummary(job)?.value ?? ""),
  one("TriggeredBy", (job, row) => row.triggeredBy[job.JobId]?.actor ?? ""),
  one("TriggeredAt", (job, row) => row.triggeredBy[job.JobId]?.at ?? ""),
];

/**
 * The rows on screen as CSV (header row, CRLF line ends as RFC 4180 says). `triggeredBy` (JobId → full identity and
 * time, from the audit log) fills the last two columns; jobs triggered outside the dashboard leave them empty.
 * `names` (server look-up) fills a name column beside each workflow, queue and template ID column.
 */
export function buildJobsCsv(
  jobs: readonly JobDetail[],
  now: number,
  triggeredBy: Readonly<Record<string, { actor: string; at: string }>> = {},
  names?: CiNames,
): string {
  const row: CsvRow = { now, triggeredBy, names };
  let csv = csvRecord(JOBS_CSV_COLUMNS.flatMap((c) => c.headers));
  for (const job of jobs) csv += csvRecord(JOBS_CSV_COLUMNS.flatMap((c) => c.cells(job, row)));
  return csv;
}

/** A file name that says what is in the file: `jobs_<bucket>_<filters>_<timestamp>.csv`, safe on every OS. */
export function csvFileName(parts: readonly string[], now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, "-");
  const body = ["jobs", ...parts, stamp]
    .map((p) => p.replace(/[^0-9A-Za-z._-]+/g, "-").replace(/^-+|-+$/g, ""))
    .filter(Boolean)
    .join("_");
  return `${body.slice(0, 180)}.csv`;
}

/** Splits a selection into the jobs CI can still cancel and those it cannot (already finished). */
export function cancelPlan<T extends Pick<JobDetail, "State">>(jobs: readonly T[]): { cancellable: T[]; skipped: T[] } {
  const cancellable: T[] = [];
  const skipped: T[] = [];
  for (const job of jobs) (isCancellable(job.State) ? cancellable : skipped).push(job);
  return { cancellable, skipped };
}

/**
 * Runs `task` over `items` with at most `limit` at once (bulk cancel uses 3, so a large selection does not burst CI),
 * and returns each outcome in input order. Never rejects: failures are returned as outcomes.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: "fulfilled", value: await task(items[i]!, i) };
      } catch (reason) {
        results[i] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
