/**
 * The job table's view as URL search params (nuqs parsers shared by the server page and the client table).
 * Every parser rejects what it does not recognise, so a stale or hostile URL falls back to the defaults instead of
 * reaching CI or crashing the page. Imports nuqs/server (no "use client", no React cache) and nothing heavy:
 * the table's client bundle includes this file.
 */
import {
  createLoader,
  parseAsArrayOf,
  parseAsNumberLiteral,
  parseAsStringLiteral,
  type inferParserType,
} from "nuqs/server";
import { formatCiTime } from "./ci-time";
import type { ApiListParams } from "./list-api-params";
import { MAX_BACK_STACK, pageNumber } from "./url-paging";
import { BUCKET_PATTERN } from "./patterns";
import { ID_PATTERN, parseAsInstant, parseAsMine, parseAsName, patternParser, TOKEN_RULE } from "./url-parsers";
import { JOB_STATES, JOB_TYPES, type JobState, type JobType } from "./states";

export const CREATED_PRESETS = ["1h", "24h", "7d", "30d", "custom"] as const;
export type CreatedPreset = (typeof CREATED_PRESETS)[number];

/** Length of each relative preset, in milliseconds. */
export const PRESET_MS: Record<Exclude<CreatedPreset, "custom">, number> = {
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
};

export const PRESET_LABELS: Record<CreatedPreset, string> = {
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  custom: "Custom range",
};

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 20;

export const ORDERS = ["newest", "oldest"] as const;
export type Order = (typeof ORDERS)[number];

export const jobsSearchParams = {
  bucket: patternParser(BUCKET_PATTERN),
  type: parseAsStringLiteral(JOB_TYPES),
  states: parseAsArrayOf(parseAsStringLiteral(JOB_STATES)).withDefault([]),
  created: parseAsStringLiteral(CREATED_PRESETS),
  from: parseAsInstant,
  to: parseAsInstant,
  name: parseAsName,
  jobId: patternParser(ID_PATTERN),
  workflowId: patternParser(ID_PATTERN),
  order: parseAsStringLiteral(ORDERS).withDefault("newest"),
  size: parseAsNumberLiteral(PAGE_SIZES).withDefault(DEFAULT_PAGE_SIZE),
  /** CI's nextToken for the page on screen (absent on the first page). */
  cursor: patternParser(TOKEN_RULE),
  /** Cursors of the pages before this one, oldest first; the first page (no cursor) is implied. */
  back: parseAsArrayOf(patternParser(TOKEN_RULE)).withDefault([]),
  /**
   * Beyond page one, the instant a relative preset ("last hour") is measured from. CI's nextToken belongs to the
   * query that issued it, so later pages must ask with the same start time as the page that gave the token.
   */
  at: parseAsInstant,
  /**
   * "My jobs": the caller's own jobs from the audit log (newest first, one page of `size`). CI's filters, order and
   * paging do not apply; they stay in the URL for when the toggle is turned off again.
   */
  mine: parseAsMine,
};

export type JobsSearchState = inferParserType<typeof jobsSearchParams>;

/** Parses the `searchParams` page prop (or any URLSearchParams) on the server. Invalid values become defaults. */
export const loadJobsSearchParams = createLoader(jobsSearchParams);

/** The filters (everything but paging, order, size and the bucket); changing one of them returns to the first page. */
export const FILTER_KEYS = ["type", "states", "created", "name", "jobId", "workflowId"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/**
 * The normalised view: plain, stable data that serves as the react-query key, so that the server's prefetch and
 * the browser's first render share one cache entry. Presets stay symbolic here; they become CI times at fetch time.
 */
export interface JobsView {
  bucket: string | null;
  type: JobType | null;
  states: JobState[];
  created: CreatedPreset | null;
  from: string | null;
  to: string | null;
  name: string | null;
  jobId: string | null;
  workflowId: string | null;
  order: Order;
  size: PageSize;
  cursor: string | null;
  back: string[];
  at: string | null;
  /** "My jobs" is on: only bucket and size matter (everything else is neutral in the view). */
  mine: boolean;
}

/** Normalises parsed URL state: de-duplicates and orders states, drops a custom range that makes no sense. */
export function toJobsView(s: JobsSearchState): JobsView {
  if (s.mine) {
    // The audit log decides the rows: CI's filters, order and cursors do not apply, so they are not in the key.
    return {
      bucket: s.bucket,
      type: null,
      states: [],
      created: null,
      from: null,
      to: null,
      name: null,
      jobId: null,
      workflowId: null,
      order: "newest",
      size: s.size,
      cursor: null,
      back: [],
      at: null,
      mine: true,
    };
  }
  const states = JOB_STATES.filter((st) => s.states.includes(st));
  let created = s.created;
  let from = s.from;
  let to = s.to;
  if (created !== "custom") {
    from = null;
    to = null;
  } else if ((!from && !to) || (from && to && Date.parse(from) > Date.parse(to))) {
    // An empty or reversed custom range filters nothing sensible: fall back to "any time".
    created = null;
    from = null;
    to = null;
  }
  const cursor = s.cursor;
  return {
    bucket: s.bucket,
    type: s.type,
    states: states.length === JOB_STATES.length ? [] : states,
    created,
    from,
    to,
    name: s.name,
    jobId: s.jobId,
    workflowId: s.workflowId,
    order: s.order,
    size: s.size,
    cursor,
    // A back stack without a cursor is meaningless (we are on page one); cap its length.
    back: cursor ? s.back.slice(-MAX_BACK_STACK) : [],
    at: cursor && created && created !== "custom" ? s.at : null,
    mine: false,
  };
}

/**
 * Everything the screen does with a filter, per filter: the URL parameters it owns (cleared with it), its chip (the
 * active-filter list and the empty state), its words in the CSV file name and the list parameters it sends. Its URL
 * parser is in jobsSearchParams, its place in the view in JobsView / toJobsView, its control in jobs-filters.tsx.
 */
interface JobFilter {
  params: readonly (keyof JobsSearchState)[];
  chip: (view: JobsView) => { label: string; value: string } | null;
  fileNamePart: (view: JobsView) => string | null;
  api: (view: JobsView, now: Date) => Partial<ApiListParams>;
}

/** A filter held in one URL parameter and sent to CI as is. */
function plainFilter(key: "name" | "jobId" | "workflowId", label: string, filePrefix: string): JobFilter {
  return {
    params: [key],
    chip: (v) => (v[key] ? { label, value: v[key] } : null),
    fileNamePart: (v) => (v[key] ? `${filePrefix}-${v[key]}` : null),
    api: (v) => (v[key] ? { [key]: v[key] } : {}),
  };
}

const utcMinute = (iso: string) => iso.slice(0, 16).replace("T", " ") + " UTC";

export const JOB_FILTERS: Record<FilterKey, JobFilter> = {
  type: {
    params: ["type"],
    chip: (v) => (v.type ? { label: "Type", value: v.type } : null),
    fileNamePart: (v) => (v.type ? `type-${v.type}` : null),
    api: (v) => (v.type ? { type: v.type } : {}),
  },
  states: {
    params: ["states"],
    chip: (v) => (v.states.length ? { label: "State", value: v.states.join(", ") } : null),
    fileNamePart: (v) => (v.states.length ? `states-${v.states.join("+")}` : null),
    api: (v) => (v.states.length ? { states: v.states.join(",") } : {}),
  },
  created: {
    params: ["created", "from", "to"],
    chip: (v) => {
      if (v.created === "custom")
        return { label: "Created", value: `${v.from ? utcMinute(v.from) : "…"} to ${v.to ? utcMinute(v.to) : "now"}` };
      return v.created ? { label: "Created", value: PRESET_LABELS[v.created].toLowerCase() } : null;
    },
    fileNamePart: (v) => {
      if (v.created === "custom")
        return `created-${v.from ? v.from.slice(0, 16) : "start"}-to-${v.to ? v.to.slice(0, 16) : "now"}`;
      return v.created ? `created-last-${v.created}` : null;
    },
    api: (v, now) => {
      if (v.created === "custom") {
        return {
          ...(v.from ? { startCreationTime: formatCiTime(new Date(v.from)) } : {}),
          ...(v.to ? { endCreationTime: formatCiTime(new Date(v.to)) } : {}),
        };
      }
      if (!v.created) return {};
      const from = v.at ? Date.parse(v.at) : now.getTime();
      return { startCreationTime: formatCiTime(new Date(from - PRESET_MS[v.created])) };
    },
  },
  name: plainFilter("name", "Name", "name"),
  jobId: plainFilter("jobId", "JobId", "job"),
  workflowId: plainFilter("workflowId", "WorkflowId", "workflow"),
};

/** Which filters are active, as short human labels (empty-state message, active-filter chips). */
export function activeFilters(view: JobsView): { key: FilterKey; label: string; value: string }[] {
  return FILTER_KEYS.flatMap((key) => {
    const chip = JOB_FILTERS[key].chip(view);
    return chip ? [{ key, ...chip }] : [];
  });
}

type ClearPatch = Partial<Record<keyof JobsSearchState, null>>;
const clearing = (params: readonly (keyof JobsSearchState)[]): ClearPatch =>
  Object.fromEntries(params.map((p) => [p, null]));

/** The URL patch that removes one filter (all its parameters). */
export function removeFilterPatch(key: FilterKey): ClearPatch {
  return clearing(JOB_FILTERS[key].params);
}

/** The URL patch that clears every filter (and paging), keeping bucket, order and page size. */
export const CLEAR_FILTERS: ClearPatch = clearing([
  ...FILTER_KEYS.flatMap((k) => JOB_FILTERS[k].params),
  "cursor",
  "back",
  "at",
]);

/** Words for the CSV file name, so the file says which view it came from. */
export function viewFileNameParts(view: JobsView): string[] {
  const parts: string[] = [];
  if (view.bucket) parts.push(view.bucket);
  if (view.mine) parts.push("mine");
  for (const key of FILTER_KEYS) {
    const part = JOB_FILTERS[key].fileNamePart(view);
    if (part) parts.push(part);
  }
  if (view.order === "oldest") parts.push("oldest-first");
  const page = pageNumber(view);
  if (page > 1) parts.push(`page-${page}`);
  return parts;
}

/**
 * A bucket this dashboard does not serve (an old link, a typo) reads as the default bucket rather than an error
 * on every poll. Server and browser apply it with the same list (the configured buckets), so they agree.
 */
export function withKnownBucket(view: JobsView, buckets: readonly { bucket: string }[]): JobsView {
  if (!view.bucket || buckets.some((b) => b.bucket === view.bucket)) return view;
  return { ...view, bucket: null };
}
