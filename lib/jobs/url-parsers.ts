/**
 * The nuqs parsers behind the job table's URL state (./url-state.ts). Each rejects what it does not recognise, so a
 * stale or hostile URL falls back to the default instead of reaching CI. No zod: the table's bundle includes this.
 */
import { createParser } from "nuqs/server";
import { CONTROL_CHARACTER, JOB_ID_PATTERN, JOB_NAME_MAX, NEXT_TOKEN_MAX } from "./patterns";

// The rules come from ./patterns.ts (zod-free, so the table's bundle does not pull zod in).
export const ID_PATTERN = JOB_ID_PATTERN;
// CI's nextToken is opaque (no promised character set): only its length is bounded, as in list-query-schema.ts, and
// control characters (which no cursor carries and a URL should not) fall back to page one.
export const TOKEN_RULE = {
  test: (v: string) => v.length >= 1 && v.length <= NEXT_TOKEN_MAX && !CONTROL_CHARACTER.test(v),
};
// An absolute instant as Date.toISOString() writes it (seconds and milliseconds optional).
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z$/;
const NAME_MAX = JOB_NAME_MAX;

export function patternParser(pattern: Pick<RegExp, "test">) {
  return createParser({
    parse: (v: string) => (pattern.test(v) ? v : null),
    serialize: (v: string) => v,
  });
}

/** A job-name filter: trimmed, non-empty, at most 128 characters, no control characters. */
export const parseAsName = createParser({
  parse: (v: string) => {
    const t = v.trim();
    return t.length > 0 && t.length <= NAME_MAX && !CONTROL_CHARACTER.test(t) ? t : null;
  },
  serialize: (v: string) => v,
});

/** "My jobs": only `mine=1` turns it on; anything else (mine=0, mine=yes) reads as off. */
export const parseAsMine = createParser({
  parse: (v: string) => (v === "1" ? true : null),
  serialize: () => "1",
});

/** An absolute instant, kept as its ISO string so that query keys stay plain data. */
export const parseAsInstant = createParser({
  parse: (v: string) => {
    if (!ISO_INSTANT.test(v)) return null;
    const t = Date.parse(v);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  },
  serialize: (v: string) => v,
});
