/**
 * Single flight plus a short reuse window: identical CI reads that are in flight together share one call, and an
 * answer is reused for `ttlMs` afterwards, so a hundred open dashboards polling one view cost CI about one call per
 * window. Failures are shared while in flight but never cached.
 */
export interface Coalescer {
  run<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T>;
  /** Whether `run(key)` would be answered without loading (in flight, or settled and still fresh). */
  has(key: string): boolean;
  clear(prefix?: string): void;
  readonly size: number;
}

interface Entry {
  promise: Promise<unknown>;
  /** When the settled value stops being reusable (ms since epoch); Infinity while in flight. */
  expiresAt: number;
}

export function createCoalescer(now: () => number = Date.now, maxEntries = 2_000): Coalescer {
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
      if (existing && existing.expiresAt > now()) return existing.promise as Promise<T>;
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
