/**
 * `GET /inventorytriggerjob?…` (docs/ci-api.md §1.3). Parameters are read by routes/list-query.ts (the emulator's own
 * reading, not the app's schema); unknown parameters are ignored and empty ones count as absent.
 */
import { createHash } from "node:crypto";
import { parseCiTime } from "../model/ci-formats";
import { invalidArgument } from "../ci-error";
import type { JobRecord } from "../store/job-record";
import { renderJobDetail } from "../store/job-detail";
import { jobStatus } from "../store/lifecycle";
import { xmlResponse } from "../xml-response";
import type { CiResult } from "../types";
import type { RouteContext } from "./context";
import { decodeToken, encodeToken, type Cursor } from "./list-token";
import { readListQuery, type ListQuery } from "./list-query";

export const DEFAULT_LIST_SIZE = 10;

export function parseListQuery(query: ReadonlyMap<string, string>): ListQuery {
  const r = readListQuery(query);
  if (!r.ok) throw invalidArgument(`Invalid parameter ${r.field}: ${r.message}`);
  return r.query;
}

/** Identifies the filters (not the page size), so a token is only honoured for the query that issued it. */
function fingerprint(q: ListQuery): string {
  const { size: _size, nextToken: _token, ...filters } = q;
  const canonical = JSON.stringify(
    Object.entries(filters)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return createHash("sha1").update(canonical).digest("hex").slice(0, 10);
}

/** The jobs matching the filters, in the requested order (ties broken by JobId, so the order is total). */
export function filterJobs(jobs: Iterable<JobRecord>, q: ListQuery, now: number): JobRecord[] {
  const states = q.states ? new Set(q.states.split(",")) : null;
  // CI times have whole seconds; compare creation times at that resolution, both ends inclusive.
  const start = q.startCreationTime ? parseCiTime(q.startCreationTime)!.getTime() : null;
  const end = q.endCreationTime ? parseCiTime(q.endCreationTime)!.getTime() : null;
  const out: JobRecord[] = [];
  for (const job of jobs) {
    if (q.type && job.type !== q.type) continue;
    if (q.name !== undefined && job.name !== q.name) continue;
    if (q.jobId !== undefined && job.jobId !== q.jobId) continue;
    if (q.workflowId !== undefined && !(job.type === "Workflow" && job.operation.WorkflowIds === q.workflowId))
      continue;
    const createdSec = Math.floor(job.createdAt / 1000) * 1000;
    if (start !== null && createdSec < start) continue;
    if (end !== null && createdSec > end) continue;
    if (states && !states.has(jobStatus(job, now).state)) continue;
    out.push(job);
  }
  const dir = q.orderByTime === "Asc" ? 1 : -1;
  return out.sort((a, b) => dir * (a.createdAt - b.createdAt || (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0)));
}

/** True when `job` comes after `cursor` in the list's order. */
function isAfter(job: JobRecord, cursor: Cursor, asc: boolean): boolean {
  const cmp = job.createdAt - cursor.createdAt || (job.jobId < cursor.jobId ? -1 : job.jobId > cursor.jobId ? 1 : 0);
  return asc ? cmp > 0 : cmp < 0;
}

export function handleList(ctx: RouteContext): CiResult {
  const q = parseListQuery(ctx.query);
  const fp = fingerprint(q);
  const asc = q.orderByTime === "Asc";
  let jobs = filterJobs(ctx.store.jobs.values(), q, ctx.now);
  if (q.nextToken) {
    const cursor = decodeToken(q.nextToken, fp, ctx.tokenSecret);
    jobs = jobs.filter((j) => isAfter(j, cursor, asc));
  }
  const size = q.size ?? DEFAULT_LIST_SIZE;
  const page = jobs.slice(0, size);
  const last = page[page.length - 1];
  const body: Record<string, unknown> = { JobsDetail: page.map((j) => renderJobDetail(j, ctx.now, "query")) };
  // NextToken only when more results exist: a client stops when it is absent.
  if (jobs.length > size && last)
    body.NextToken = encodeToken({ createdAt: last.createdAt, jobId: last.jobId }, fp, ctx.tokenSecret);
  return xmlResponse(ctx.requestId, body);
}
