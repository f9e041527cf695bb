/**
 * The one CSV encoder of both exports (the jobs table in the browser, the audit log on the server). Values come
 * from users and from CI, and spreadsheets run a cell that starts with = + - @ (or tab / CR) as a formula. A
 * spreadsheet in a `;` locale (de-DE Excel) splits on `;`, and some importers split on tabs or `|` or ignore quotes,
 * so a trigger is neutralised not only at the start of a value but after every separator-like character (and any
 * spaces after it), by an apostrophe that spreadsheets show as text. Every field is quoted (RFC 4180), so a
 * quote-aware reader gets the value back whole. No imports: the browser bundle includes this file.
 */

const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);
const SEPARATOR_LIKE = new Set([",", ";", "\t", "|", "\r", "\n"]);

/** Joins a list inside one cell with a character no spreadsheet splits on (unlike `,` or `;`). */
export const CSV_LIST_JOINER = "·";

/** The value with an apostrophe before each formula trigger at the start or after a separator-like character. */
export function neutraliseFormulas(value: string): string {
  let out = "";
  let atBoundary = true;
  for (const ch of value) {
    if (atBoundary && FORMULA_TRIGGERS.has(ch)) out += "'";
    out += ch;
    atBoundary = SEPARATOR_LIKE.has(ch) || (atBoundary && ch === " ");
  }
  return out;
}

/** One CSV field: neutralised, always quoted, quotes doubled. null/undefined → an empty (quoted) field. */
export function csvField(value: string | null | undefined): string {
  return `"${neutraliseFormulas(value ?? "").replace(/"/g, '""')}"`;
}

/** One CSV record with CRLF, as RFC 4180 says. */
export function csvRecord(values: readonly (string | null | undefined)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
