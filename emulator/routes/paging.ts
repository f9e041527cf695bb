/** `pageNumber` / `pageSize` of the picker endpoints (docs/ci-api.md §6): default 1 and 10, pageSize at most 100. */
import { invalidArgument } from "../ci-error";

export interface Page {
  pageNumber: number;
  pageSize: number;
}

function positiveInt(query: ReadonlyMap<string, string>, name: string, def: number, max: number): number {
  const raw = query.get(name);
  if (raw === undefined || raw === "") return def;
  if (!/^\d{1,9}$/.test(raw)) throw invalidArgument(`Invalid parameter ${name}: a whole number is expected`);
  const n = Number(raw);
  if (n < 1 || n > max) throw invalidArgument(`Invalid parameter ${name}: ${name} is 1 to ${max}`);
  return n;
}

export function readPage(query: ReadonlyMap<string, string>): Page {
  return {
    pageNumber: positiveInt(query, "pageNumber", 1, 1_000_000),
    pageSize: positiveInt(query, "pageSize", 10, 100),
  };
}

export function pageOf<T>(items: readonly T[], page: Page): T[] {
  const from = (page.pageNumber - 1) * page.pageSize;
  return items.slice(from, from + page.pageSize);
}

/** Comma-separated IDs (`ids`, `queueIds`), trimmed and de-duplicated; undefined when absent or empty. */
export function idList(query: ReadonlyMap<string, string>, name: string, max = 100): string[] | undefined {
  const raw = query.get(name);
  if (!raw) return undefined;
  const ids = [
    ...new Set(
      raw
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (ids.length > max) throw invalidArgument(`Invalid parameter ${name}: at most ${max} IDs`);
  return ids.length ? ids : undefined;
}
