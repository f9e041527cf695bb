"use client";
import { formatExact, formatRelative } from "@/lib/jobs/job-view";
import { useHydrated, useNow } from "./use-now";

/**
 * "5 min ago", with the exact time and time zone in a tooltip. The tooltip uses the browser's zone once hydrated
 * (the server cannot know it); until then it shows CI's own text, which carries its offset.
 */
export function RelativeTime({ at, raw, serverNow }: { at: Date; raw: string; serverNow: number }) {
  const now = useNow(serverNow);
  const hydrated = useHydrated();
  const exact = hydrated ? formatExact(at) : raw;
  return (
    <time dateTime={at.toISOString()} title={exact} className="whitespace-nowrap">
      {formatRelative(at.getTime(), now)}
      <span className="sr-only"> ({exact})</span>
    </time>
  );
}
