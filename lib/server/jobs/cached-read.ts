import "server-only";
import { withPriority } from "../ci-budget";
import { getRuntime } from "../ci-runtime";
import type { Identity } from "../identity";
import { stableStringify } from "@/lib/jobs/stable-json";

/**
 * A cached CI read. Only a read the cache cannot answer is charged to the person (429 past their allowance), and
 * its CI calls go out at the priority their usage earns (lib/server/ci-budget.ts). Without a person (health
 * checks), nothing is charged and calls get the lowest priority.
 */
export function budgetedRead<T>(
  identity: Identity | undefined,
  key: string,
  ttlMs: number,
  load: () => Promise<T>,
): Promise<T> {
  const { reads, budget } = getRuntime();
  if (!identity || reads.has(key)) return reads.run(key, ttlMs, load);
  const priority = budget.charge(identity.id);
  return withPriority(priority, () => reads.run(key, ttlMs, load));
}

/** Cache key of one CI list page: shared by the job list and "My jobs", so both read the same page once. */
export const listKey = (bucket: string, ciQuery: object) => `${bucket}|list|${stableStringify(ciQuery)}`;
