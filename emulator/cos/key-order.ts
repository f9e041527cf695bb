/**
 * Helpers shared by the COS object listing and the per-file children of a batch: COS's key order (UTF-8 bytes,
 * "按照 UTF-8 字典序", COS 436/7734) and a small stable hash, so everything seeded is a pure function of a key.
 */

/**
 * Compares two strings in UTF-8 byte order without encoding them. JavaScript compares UTF-16 code units, which agrees
 * with UTF-8 order except that surrogates (U+10000 and up) sort below U+E000–U+FFFF; shifting those two ranges fixes it.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    return fix(x) - fix(y);
  }
  return a.length - b.length;
}

const fix = (c: number) => (c >= 0xd800 && c <= 0xdfff ? c + 0x2000 : c >= 0xe000 ? c - 0x800 : c);

/** FNV-1a over the UTF-16 code units, as an unsigned 32-bit number. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // A final avalanche so that keys differing in one digit spread over the whole range.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** 8 hex characters of hash32. */
export const hashHex = (text: string) => hash32(text).toString(16).padStart(8, "0");

/** The first index in [0, length) for which `isAfter` holds, given that it is false then true (binary search). */
export function firstIndex(length: number, isAfter: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isAfter(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
