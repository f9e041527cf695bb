"use client";
import { useCallback, useEffect, useState } from "react";
import { alignedPollDelay, pickPollJitter } from "@/lib/jobs/poll-schedule";
import { seedServerClock, serverClockNow } from "@/lib/query/server-clock";

/**
 * Polls on the server's beat (lib/jobs/poll-schedule.ts): returns the delay until this tab's next poll for a given
 * interval. `serverNow` (the page's render time) seeds the server clock until the first API answer corrects it.
 */
export function useServerBeat(serverNow: number): (intervalMs: number) => number {
  const [jitter] = useState(pickPollJitter);
  useEffect(() => seedServerClock(serverNow), [serverNow]);
  return useCallback((intervalMs: number) => alignedPollDelay(intervalMs, serverClockNow(), jitter), [jitter]);
}
