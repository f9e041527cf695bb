"use client";
import { useQuery, type QueryKey, type UseQueryOptions } from "@tanstack/react-query";
import { useRef } from "react";
import { useServerBeat } from "./use-server-beat";

/** What decides the next poll: the last answer, the last error and how many polls in a row have failed. */
export interface PollState<T> {
  data: T | undefined;
  error: unknown;
  failures: number;
}

/**
 * A react-query read that polls the way both screens do (policy: lib/jobs/poll-policy.ts): `nextDelay` says how long
 * to wait (false: stop); healthy polls land on the server's beat so dashboards on the same view share one CI call
 * (lib/jobs/poll-schedule.ts); after failures the back-off stays as computed (errors are not shared between
 * dashboards anyway). No automatic retries: the next poll is the retry.
 */
export function usePolledQuery<T>(
  opts: {
    queryKey: QueryKey;
    fetch: (signal: AbortSignal) => Promise<T>;
    /** The page's render time on the server, seeding the server clock until the first answer corrects it. */
    serverNow: number;
    nextDelay: (state: PollState<T>) => number | false;
  } & Pick<UseQueryOptions<T>, "placeholderData" | "refetchOnWindowFocus" | "refetchOnReconnect">,
) {
  const { queryKey, fetch, serverNow, nextDelay, ...rest } = opts;
  // Consecutive failed polls: drives the back-off. A ref, because refetchInterval reads it right after each fetch.
  const failures = useRef(0);
  const untilBeat = useServerBeat(serverNow);
  const query = useQuery({
    ...rest,
    queryKey,
    queryFn: async ({ signal }) => {
      try {
        const result = await fetch(signal);
        failures.current = 0;
        return result;
      } catch (e) {
        if (!signal.aborted) failures.current += 1;
        throw e;
      }
    },
    retry: false,
    refetchInterval: (q) => {
      const delay = nextDelay({ data: q.state.data, error: q.state.error, failures: failures.current });
      return delay === false || failures.current > 0 ? delay : untilBeat(delay);
    },
    refetchIntervalInBackground: false,
  });
  return { query, failures: failures.current };
}
