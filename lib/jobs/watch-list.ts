/**
 * Jobs this browser cares about: triggered from here (the wizard calls rememberTriggeredJob) or watched by hand.
 * Kept in localStorage, validated on every read (another tab, an old version or a person may have written it).
 * The jobs screen notifies when one of them finishes.
 */
import { JOB_ID_PATTERN } from "./patterns";

const KEY = "ci-console:watched-jobs";
const MAX = 200;
const EVENT = "ci-console:watch-list";

function storage(): Storage | null {
  try {
    return typeof window !== "undefined" ? window.localStorage : null;
  } catch {
    return null; // storage disabled (privacy mode): the list is simply empty
  }
}

/** The watched JobIds, newest last; anything malformed is dropped. */
export function readWatchList(): string[] {
  const raw = storage()?.getItem(KEY);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    const ids = parsed.filter((v): v is string => typeof v === "string" && JOB_ID_PATTERN.test(v));
    return [...new Set(ids)].slice(-MAX);
  } catch {
    return [];
  }
}

function write(ids: string[]): void {
  const s = storage();
  if (!s) return;
  try {
    s.setItem(KEY, JSON.stringify(ids.slice(-MAX)));
    window.dispatchEvent(new Event(EVENT));
  } catch {
    /* quota exceeded: watching is a convenience, not worth an error */
  }
}

/** Remembers a job triggered from this browser, so the jobs screen can say when it finishes. */
export function rememberTriggeredJob(jobId: string): void {
  if (!JOB_ID_PATTERN.test(jobId)) return;
  write([...readWatchList().filter((id) => id !== jobId), jobId]);
}

/** Starts or stops watching a job. */
export function setWatched(jobId: string, watched: boolean): void {
  if (!JOB_ID_PATTERN.test(jobId)) return;
  const rest = readWatchList().filter((id) => id !== jobId);
  write(watched ? [...rest, jobId] : rest);
}

/** Stops watching a job (after its notification was shown). */
export function forgetJob(jobId: string): void {
  setWatched(jobId, false);
}

/** Calls back when the list changes in this tab or another. Returns the unsubscribe function. */
export function subscribeWatchList(onChange: () => void): () => void {
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY) onChange();
  };
  window.addEventListener(EVENT, onChange);
  window.addEventListener("storage", onStorage);
  return () => {
    window.removeEventListener(EVENT, onChange);
    window.removeEventListener("storage", onStorage);
  };
}
