import "server-only";
import type { CiClient, CiTarget, PickerPage } from "@/lib/ci/client";
import { emptyNames, mergeNames, type CiNames, type CiRef, type CiRefKind } from "@/lib/jobs/ci-names";
import type { Coalescer } from "./coalesce";
import { getRuntime } from "./ci-runtime";
import { getConfig } from "./config";
import { logEvent } from "./logger";

/**
 * Names for the IDs on screen, from CI's picker lists (docs/ci-api.md §6). One cached look-up per bucket and kind
 * (templates: per Tag, as CI lists them), shared by every concurrent request through the read coalescer and reused
 * for NAMES_TTL_MS: a page of jobs, or a hundred polling dashboards, cost CI no extra call per row or per poll.
 * Never throws: a failed or slow look-up leaves IDs without names.
 */

/** Names change rarely; a rename shows within five minutes. */
export const NAMES_TTL_MS = 5 * 60_000;
/** A failed look-up is remembered this long, so a failing CI is not asked again on every poll. */
export const NAMES_RETRY_MS = 30_000;
/** How long an answer waits for a look-up still in flight; after that it goes out with IDs only (names next poll). */
export const NAMES_WAIT_MS = 1_500;
const PAGE_SIZE = 100;
const MAX_PAGES = 5;

type Catalog = { ok: true; names: Map<string, string>; complete: boolean } | { ok: false; failedAt: number };

export interface NameResolverDeps {
  client: Pick<CiClient, "listWorkflows" | "listQueues" | "listTemplates">;
  reads: Coalescer;
  now?: () => number;
  waitMs?: number;
}

/** All pages of a picker list (up to MAX_PAGES × 100); `complete` is false when CI has more than we read. */
async function allPages(
  page: (pageNumber: number) => Promise<PickerPage>,
): Promise<{ items: PickerPage["items"]; complete: boolean }> {
  const items: PickerPage["items"] = [];
  for (let n = 1; n <= MAX_PAGES; n++) {
    const p = await page(n);
    items.push(...p.items);
    if (p.items.length === 0 || items.length >= p.total) return { items, complete: items.length >= p.total };
  }
  return { items, complete: false };
}

function fetchCatalog(client: NameResolverDeps["client"], target: CiTarget, kind: CiRefKind, tag: string) {
  const size = { pageSize: PAGE_SIZE };
  if (kind === "workflows") return allPages((pageNumber) => client.listWorkflows(target, { ...size, pageNumber }));
  // CateAll: the picker lists Transcoding queues only, but a job may name any queue.
  if (kind === "queues")
    return allPages((pageNumber) => client.listQueues(target, { ...size, pageNumber, category: "CateAll" }));
  // CI lists Custom templates unless asked for Official ones; a job may use either.
  const list = (category: "Custom" | "Official") =>
    allPages((pageNumber) => client.listTemplates(target, { ...size, pageNumber, tag, category }));
  return list("Custom").then(async (custom) => {
    const official = await list("Official");
    return { items: [...custom.items, ...official.items], complete: custom.complete && official.complete };
  });
}

/** The name look-up with its dependencies given (tests pass a stub client and a fake clock). */
export function createNameResolver(deps: NameResolverDeps) {
  const now = deps.now ?? Date.now;
  const waitMs = deps.waitMs ?? NAMES_WAIT_MS;

  async function catalog(target: CiTarget, kind: CiRefKind, tag = ""): Promise<Catalog> {
    const key = `${target.bucket}|names|${kind}|${tag}|`;
    const result = await deps.reads.run<Catalog>(key, NAMES_TTL_MS, async () => {
      try {
        const { items, complete } = await fetchCatalog(deps.client, target, kind, tag);
        return { ok: true, names: new Map(items.map((i) => [i.id, i.name])), complete };
      } catch (e) {
        logEvent({
          level: "warn",
          event: "ci-names-unavailable",
          kind,
          error: e instanceof Error ? e.message.slice(0, 200) : "unknown",
        });
        return { ok: false, failedAt: now() };
      }
    });
    // Keep the failure for a short while only: the next request after that asks CI again.
    if (!result.ok && now() - result.failedAt >= NAMES_RETRY_MS) deps.reads.clear(key);
    return result;
  }

  /** Names for the given IDs in one bucket. Waits at most `waitMs` for look-ups in flight. */
  return async function resolve(target: CiTarget, refs: readonly CiRef[]): Promise<CiNames> {
    const names = emptyNames();
    const groups = new Map<string, { kind: CiRefKind; tag: string; ids: Set<string> }>();
    for (const ref of refs) {
      if (ref.kind === "templates" && !ref.tag) continue; // no Tag to list it under: the ID shows alone
      const tag = ref.kind === "templates" ? ref.tag! : "";
      const key = `${ref.kind}|${tag}`;
      const group = groups.get(key) ?? { kind: ref.kind, tag, ids: new Set<string>() };
      group.ids.add(ref.id);
      groups.set(key, group);
    }
    if (groups.size === 0) return names;
    // One kind after another (each shared and cached), so a page with many Tags never sends CI a burst of lists.
    const work = (async () => {
      for (const { kind, tag, ids } of groups.values()) {
        const found = await catalog(target, kind, tag);
        if (!found.ok) continue;
        for (const id of ids) {
          const name = found.names.get(id);
          if (name !== undefined) names[kind][id] = name;
          else if (found.complete) names[kind][id] = null;
        }
      }
    })();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
    });
    await Promise.race([work, deadline]);
    clearTimeout(timer);
    // A copy: look-ups that land after the deadline fill the cache for the next answer, not this one.
    return { workflows: { ...names.workflows }, templates: { ...names.templates }, queues: { ...names.queues } };
  };
}

/** Names for the IDs in `refs`, in the given bucket, through the process-wide client and read cache. */
export function resolveCiNames(target: CiTarget, refs: readonly CiRef[]): Promise<CiNames> {
  const { client, reads } = getRuntime();
  return createNameResolver({ client, reads })(target, refs);
}

/**
 * Names for IDs found in several buckets (the audit log spans them), merged into one map: IDs are unique across
 * buckets. Buckets this dashboard no longer serves are skipped (their IDs show alone).
 */
export async function resolveCiNamesAcross(
  items: readonly { bucket: string; refs: readonly CiRef[] }[],
): Promise<CiNames> {
  const byBucket = new Map<string, CiRef[]>();
  for (const { bucket, refs } of items)
    if (refs.length) byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), ...refs]);
  const { buckets } = getConfig();
  const all = await Promise.all(
    [...byBucket].map(([bucket, refs]) => {
      const target = buckets.find((b) => b.bucket === bucket);
      return target ? resolveCiNames(target, refs) : Promise.resolve(emptyNames());
    }),
  );
  return mergeNames(...all);
}
