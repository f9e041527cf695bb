/**
 * Cursor paging in the job table's URL (./url-state.ts): CI pages by nextToken only, so the URL keeps the cursor of
 * the page on screen and a back-stack of the ones before it.
 */
import type { JobsView } from "./url-state";

/** How many previous-page cursors a URL may carry (a longer, hand-made stack is cut to its newest entries). */
export const MAX_BACK_STACK = 200;

/** The URL patch that returns to page one (every filter change does this). */
export const FIRST_PAGE = { cursor: null, back: null, at: null } as const;

/** 1-based page number of a view: the back stack holds the pages between page one and this one. */
export function pageNumber(view: JobsView): number {
  return view.cursor ? view.back.length + 2 : 1;
}

/**
 * URL patch for "Next": push the current cursor (if any) and move to CI's nextToken. `queriedAt` is the instant the
 * current page's query was resolved at; it pins a relative preset for the pages that follow.
 */
export function nextPagePatch(
  view: JobsView,
  nextToken: string,
  queriedAt: string | null,
): { cursor: string; back: string[]; at: string | null } {
  const back = view.cursor ? [...view.back, view.cursor].slice(-MAX_BACK_STACK) : [];
  const relative = view.created !== null && view.created !== "custom";
  return { cursor: nextToken, back, at: relative ? (view.at ?? queriedAt) : null };
}

/** URL patch for "Previous": pop the last cursor; an empty stack means page one. */
export function previousPagePatch(view: JobsView): { cursor: string | null; back: string[] | null; at: string | null } {
  if (!view.cursor || view.back.length === 0) return FIRST_PAGE;
  const back = view.back.slice(0, -1);
  return { cursor: view.back[view.back.length - 1] ?? null, back: back.length ? back : null, at: view.at };
}
