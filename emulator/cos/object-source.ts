/**
 * Where a bucket's objects come from: sorted, indexable sources that produce an object only when asked, so a seeded
 * prefix of 20,000 keys costs nothing until it is listed, and then only the page listed.
 */
import { compareUtf8, firstIndex, hash32, hashHex } from "./key-order";

export interface CosObject {
  key: string;
  /** Bytes, as listed. For metadata-only seeded media this is a nominal size (see README, "COS"). */
  size: number;
  /** ms since epoch. */
  lastModified: number;
  /** Without the quotes COS writes around it. */
  etag: string;
  /** The object's bytes when it has real content (written objects, URL lists, manifests); absent = metadata only. */
  content?: () => Buffer;
  contentType?: string;
}

/** Keys strictly ascending in UTF-8 order; objectAt(i).key === keyAt(i). */
export interface ObjectSource {
  readonly length: number;
  keyAt(i: number): string;
  objectAt(i: number): CosObject;
}

/** The first index whose key is after `key` (exclusive) or at/after it (inclusive). */
export function seek(source: ObjectSource, key: string, inclusive: boolean): number {
  return firstIndex(source.length, (i) => {
    const c = compareUtf8(source.keyAt(i), key);
    return inclusive ? c >= 0 : c > 0;
  });
}

/** The first index whose key neither starts with `prefix` nor sorts before it: the end of the prefix's run. */
export function seekPastPrefix(source: ObjectSource, prefix: string): number {
  return firstIndex(source.length, (i) => {
    const k = source.keyAt(i);
    return !k.startsWith(prefix) && compareUtf8(k, prefix) > 0;
  });
}

export interface GeneratedPrefixSpec {
  /** Ends with `/`. */
  prefix: string;
  count: number;
  /** File name stem; the index is zero-padded to the width of `count`, so keys sort in index order. */
  stem: string;
  extensions: readonly string[];
  /** Nominal sizes are drawn in [min, max] bytes. */
  minSize: number;
  maxSize: number;
  /** LastModified dates are drawn in [from, to] (ms). */
  from: number;
  to: number;
  /** Mixed into every hash, so buckets differ. */
  salt: string;
}

/** `stem-00001.mp4`, `stem-00002.mov`, …: a prefix of `count` metadata-only objects. */
export function generatedPrefix(spec: GeneratedPrefixSpec): ObjectSource {
  const width = String(spec.count).length;
  const keyAt = (i: number) =>
    `${spec.prefix}${spec.stem}-${String(i + 1).padStart(width, "0")}.${spec.extensions[i % spec.extensions.length]}`;
  return {
    length: spec.count,
    keyAt,
    objectAt(i) {
      const key = keyAt(i);
      const h = hash32(`${spec.salt}|${key}`);
      const h2 = hash32(`${key}|${spec.salt}`);
      return {
        key,
        size: spec.minSize + (h % Math.max(1, spec.maxSize - spec.minSize + 1)),
        // Whole seconds, like COS shows them (…T03:37:30.000Z).
        lastModified: spec.from + (h2 % Math.max(1, Math.floor((spec.to - spec.from) / 1000))) * 1000,
        etag: (hashHex(key) + hashHex(spec.salt + key) + hashHex(key + "#") + hashHex("#" + key)).slice(0, 32),
      };
    },
  };
}

/** A small, explicit list of objects (sorted here). */
export function listSource(objects: CosObject[]): ObjectSource {
  const sorted = [...objects].sort((a, b) => compareUtf8(a.key, b.key));
  return { length: sorted.length, keyAt: (i) => sorted[i]!.key, objectAt: (i) => sorted[i]! };
}
