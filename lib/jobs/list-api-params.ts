/**
 * A job-list view as the parameters our GET /api/jobs route (and CI) understand, and as that route's query string.
 * Its own file because it is the view's one way out to the API (lib/query/jobs.ts, the page's prefetch, benchmarks);
 * what each filter contributes is declared with the filter itself (JOB_FILTERS in url-state.ts).
 */
import type { ListQuery } from "./list-query-schema";
import { FILTER_KEYS, JOB_FILTERS, type JobsView } from "./url-state";

/**
 * CI's list parameters (docs/ci-api.md §1.3) for a view, with relative presets resolved against `now`: the route's
 * own query schema (lib/jobs/list-query-schema.ts), so a parameter added there needs no second declaration here.
 */
export type ApiListParams = Omit<Partial<ListQuery>, "orderByTime" | "size"> & {
  bucket?: string;
  orderByTime: "Desc" | "Asc";
  size: number;
  /** "1": the caller's own jobs (GET /api/jobs?mine=1); the server ignores CI's other filters then. */
  mine?: "1";
};

/** Resolves a view into the parameters our /api/jobs route (and CI) understand. */
export function toApiListParams(view: JobsView, now: Date = new Date()): ApiListParams {
  const out: ApiListParams = { orderByTime: view.order === "oldest" ? "Asc" : "Desc", size: view.size };
  if (view.bucket) out.bucket = view.bucket;
  if (view.mine) return { ...out, mine: "1" };
  for (const key of FILTER_KEYS) Object.assign(out, JOB_FILTERS[key].api(view, now));
  if (view.cursor) out.nextToken = view.cursor;
  return out;
}

/** The same parameters as a query string for GET /api/jobs (stable key order, empty values omitted). */
export function toApiSearch(params: ApiListParams): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== "") sp.set(k, String(v));
  }
  return sp.toString();
}
