/**
 * CI's time format `YYYY-MM-DDTHH:MM:SS+HHMM` (docs/ci-api.md §1.1: the doc's `%Y-%m-%dT%H:%m:%S%z`).
 * CI writes `-` (or nothing) for a time that is not set yet.
 */
export const CI_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2})(\d{2})$/;

const pad = (n: number, width = 2) => String(Math.abs(Math.trunc(n))).padStart(width, "0");

/**
 * Formats an instant in CI's format at a given UTC offset in minutes (default: the offset of this process's
 * local time zone at that instant; +480 is China Standard Time).
 */
export function formatCiTime(date: Date, offsetMinutes = -date.getTimezoneOffset()): string {
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}

/** Parses CI's format; null for `-`, empty or anything malformed (never throws: these come from the network). */
export function parseCiTime(value: string | undefined | null): Date | null {
  if (!value) return null;
  const m = CI_TIME_PATTERN.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59)
    return null;
  if (Number(om) > 59) return null;
  const local = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s));
  // Date.UTC rolls 2022-02-30 over to March 2 (and maps years 0-99 to 19xx): such a date is not real.
  const check = new Date(local);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const offset = (Number(oh) * 60 + Number(om)) * (sign === "-" ? -1 : 1);
  const date = new Date(local - offset * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** True when the string is a well-formed, real CI time. */
export function isCiTime(value: string): boolean {
  return parseCiTime(value) !== null;
}
