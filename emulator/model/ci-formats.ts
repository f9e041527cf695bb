/**
 * The value formats CI documents for the request elements and the list query, as the emulator's own copies (it must
 * not borrow the app's rules, or a test could not see them differ).
 */

/** COS bucket `name-APPID` (doc 436/13312 bucket naming; docs/ci-api.md §5.2). */
export const BUCKET_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?-\d+$/;
/** Region ids such as `ap-beijing` (doc 436/6224 regions; docs/ci-api.md §5.1). */
export const REGION_PATTERN = /^[a-z0-9-]+$/;
/**
 * Batch job names: "支持中文、英文、数字、—和_，长度限制128字符" (doc 460/80155; cos-python-sdk-v5 demo/ci_media.py).
 * The doc's "—" is read as the ASCII hyphen too: every SDK demo name uses `-` (e.g. `image-inspect-auto-move-batch-process`).
 */
export const JOB_NAME_PATTERN = /^[\p{Script=Han}A-Za-z0-9_\-—]{1,128}$/u;
/** `2022-02-01T12:00:00+0800` (doc 436/76888 TimeInterval; the doc writes `%Y-%m-%dT%H:%m:%S%z`). */
export const CI_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2})(\d{2})$/;
/** Printable ASCII: UserData's documented character set (qcloud-sdk-android Submit*Job "UserData"). */
export const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/** A real instant from CI's time format, or null. */
export function parseCiTime(value: string | undefined | null): Date | null {
  if (!value) return null;
  const m = CI_TIME_PATTERN.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s, sign, oh, om] = m.slice(1).map((x, i) => (i === 6 ? x : Number(x))) as [
    number,
    number,
    number,
    number,
    number,
    number,
    string,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59 || om > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc); // Date.UTC rolls 2026-02-30 over to March and maps years 0-99 to 19xx
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  const offset = (sign === "+" ? 1 : -1) * (oh * 60 + om);
  return new Date(utc - offset * 60_000);
}

/** `date` in CI's format at a UTC offset in minutes (CI answers in +0800). */
export function formatCiTime(date: Date, offsetMinutes: number): string {
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, "0");
  const sign = offsetMinutes >= 0 ? "+" : "-";
  const abs = Math.abs(offsetMinutes);
  return (
    `${shifted.getUTCFullYear()}-${p(shifted.getUTCMonth() + 1)}-${p(shifted.getUTCDate())}` +
    `T${p(shifted.getUTCHours())}:${p(shifted.getUTCMinutes())}:${p(shifted.getUTCSeconds())}${sign}${p(Math.floor(abs / 60))}${p(abs % 60)}`
  );
}
