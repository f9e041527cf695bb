"use client";
import { useEffect, useRef, useState } from "react";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { isFinishedState } from "@/lib/jobs/states";

const HIGHLIGHT_MS = 5_000;
const MEMORY = 2_000;

export interface JobTransition {
  job: JobDetail;
  from: string;
}

/**
 * Compares each poll with the states seen before (across pages and filters, so a job seen Running anywhere and now
 * Success counts). Returns the JobIds to highlight for a few seconds, and reports every transition to `onChange`.
 */
export function useJobChanges(
  jobs: readonly JobDetail[] | undefined,
  onChange?: (transitions: JobTransition[]) => void,
): ReadonlySet<string> {
  const seen = useRef(new Map<string, string>());
  const [highlighted, setHighlighted] = useState<ReadonlySet<string>>(() => new Set());
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });

  useEffect(() => {
    if (!jobs) return;
    const transitions: JobTransition[] = [];
    for (const job of jobs) {
      const before = seen.current.get(job.JobId);
      if (before !== undefined && before !== job.State) transitions.push({ job, from: before });
      seen.current.delete(job.JobId); // re-insert: the Map keeps the most recently seen last
      seen.current.set(job.JobId, job.State);
    }
    while (seen.current.size > MEMORY) {
      const oldest = seen.current.keys().next().value;
      if (oldest === undefined) break;
      seen.current.delete(oldest);
    }
    if (transitions.length === 0) return;
    onChangeRef.current?.(transitions);
    const ids = transitions.map((t) => t.job.JobId);
    setHighlighted((prev) => new Set([...prev, ...ids]));
    const timer = setTimeout(() => {
      setHighlighted((prev) => {
        const next = new Set(prev);
        for (const id of ids) next.delete(id);
        return next;
      });
    }, HIGHLIGHT_MS);
    // The timer is deliberately not cleared on the next poll: each batch fades on its own schedule.
    void timer;
  }, [jobs]);

  return highlighted;
}

/** Transitions into a final state (Success, Failed, Cancel). */
export function finishedTransitions(transitions: readonly JobTransition[]): JobTransition[] {
  return transitions.filter((t) => isFinishedState(t.job.State) && !isFinishedState(t.from));
}
