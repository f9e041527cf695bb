/**
 * GET Bucket (List Objects) over several sorted sources (COS 436/7734): keys after `marker` in UTF-8 order, limited
 * to `prefix`, grouped by `delimiter` into CommonPrefixes, at most `maxKeys` entries (Contents and CommonPrefixes
 * together). Walks only as far as the page needs: a 20,000-key prefix costs a few binary searches per page.
 */
import { compareUtf8 } from "./key-order";
import { seek, seekPastPrefix, type CosObject, type ObjectSource } from "./object-source";

export interface ListParams {
  prefix: string;
  delimiter: string;
  marker: string;
  maxKeys: number;
}

export interface ListPage {
  contents: CosObject[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key or common prefix returned, when truncated: the next request's marker. */
  nextMarker?: string;
}

/** Sources earlier in the list win when two hold the same key (written objects over seeded ones). */
export function listObjects(sources: readonly ObjectSource[], p: ListParams): ListPage {
  const pos = sources.map((s) => Math.max(seek(s, p.prefix, true), p.marker ? seek(s, p.marker, false) : 0));
  const contents: CosObject[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;

  /** The smallest current key among the sources still inside the prefix, or null when all are done. */
  const next = (): { index: number; key: string } | null => {
    let best: { index: number; key: string } | null = null;
    sources.forEach((s, i) => {
      if (pos[i]! >= s.length) return;
      const key = s.keyAt(pos[i]!);
      if (!key.startsWith(p.prefix)) {
        pos[i] = s.length; // sorted: past the prefix's run nothing matches any more
        return;
      }
      if (!best || compareUtf8(key, best.key) < 0) best = { index: i, key };
    });
    return best;
  };
  const skipPrefix = (cp: string) => sources.forEach((s, i) => (pos[i] = Math.max(pos[i]!, seekPastPrefix(s, cp))));
  // The head source moves on by one; another source moves on only if it holds the same key (a written copy wins).
  const skipKey = (key: string) =>
    sources.forEach((s, i) => {
      if (pos[i]! < s.length && s.keyAt(pos[i]!) === key) pos[i] = pos[i]! + 1;
    });

  for (;;) {
    const head = next();
    if (!head) return { contents, commonPrefixes, isTruncated: false };
    const rest = head.key.slice(p.prefix.length);
    const d = p.delimiter ? rest.indexOf(p.delimiter) : -1;
    const commonPrefix = d >= 0 ? p.prefix + rest.slice(0, d + p.delimiter.length) : null;
    // A marker inside a common prefix means that prefix was already returned (it was the previous NextMarker).
    if (commonPrefix && p.marker.startsWith(commonPrefix)) {
      skipPrefix(commonPrefix);
      continue;
    }
    if (contents.length + commonPrefixes.length >= p.maxKeys)
      return { contents, commonPrefixes, isTruncated: true, nextMarker: last };
    if (commonPrefix) {
      commonPrefixes.push(commonPrefix);
      last = commonPrefix;
      skipPrefix(commonPrefix);
    } else {
      contents.push(sources[head.index]!.objectAt(pos[head.index]!));
      last = head.key;
      skipKey(head.key);
    }
  }
}
