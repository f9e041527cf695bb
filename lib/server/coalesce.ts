/**
 * Single flight plus a short reuse window: identical CI reads that are in flight together share one call, and an
 * answer is reused for `ttlMs` afterwards, so a hundred open dashboards polling one view cost CI about one call per
 * window. Failures are shared while in flight but never cached.
 */
export interface Coalescer {
  run<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T>;
  /** Whether `run(key)` would be answered without loading (in flight, or settled and still fresh), in this process. */
  has(key: string): boolean;
  /** Forgets answers (all, or those whose key starts with `prefix`); a shared cache resolves once they are gone. */
  clear(prefix?: string): void | Promise<void>;
  readonly size: number;
}

/** How a read was answered: a fresh settled answer, an in-flight load joined, or a new load. */
export type LookupResult = "hit" | "joined" | "miss";

interface Entry {
  promise: Promise<unknown>;
  /** When the settled value stops being reusable (ms since epoch); Infinity while in flight. */
  expiresAt: number;
}

export function createCoalescer(
  now: () => number = Date.now,
  maxEntries = 2_000,
  onLookup?: (key: string, result: LookupResult) => void,
): Coalescer {
  const entries = new Map<string, Entry>();

  function sweep() {
    if (entries.size <= maxEntries) return;
    const t = now();
    for (const [k, e] of entries) if (e.expiresAt <= t) entries.delete(k);
    // Still too many (all in flight or fresh): drop the oldest; they will simply be loaded again.
    for (const k of entries.keys()) {
      if (entries.size <= maxEntries) break;
      entries.delete(k);
    }
  }

  return {
    run<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
      const existing = entries.get(key);
      if (existing && existing.expiresAt > now()) {
        onLookup?.(key, existing.expiresAt === Number.POSITIVE_INFINITY ? "joined" : "hit");
        return existing.promise as Promise<T>;
      }
      onLookup?.(key, "miss");
      const entry: Entry = { promise: Promise.resolve(), expiresAt: Number.POSITIVE_INFINITY };
      entry.promise = load().then(
        (value) => {
          if (entries.get(key) === entry) {
            if (ttlMs > 0) entry.expiresAt = now() + ttlMs;
            else entries.delete(key);
          }
          return value;
        },
        (error: unknown) => {
          if (entries.get(key) === entry) entries.delete(key);
          throw error;
        },
      );
      entries.set(key, entry);
      sweep();
      return entry.promise as Promise<T>;
    },
    has(key: string): boolean {
      const existing = entries.get(key);
      return !!existing && existing.expiresAt > now();
    },
    clear(prefix?: string) {
      if (!prefix) return entries.clear();
      for (const k of entries.keys()) if (k.startsWith(prefix)) entries.delete(k);
    },
    get size() {
      return entries.size;
    },
  };
}
