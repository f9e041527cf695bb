"use client";
import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import { BellIcon } from "@/components/ui/icons";
import { buttonClasses } from "@/components/ui/button";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { forgetJob, readWatchList } from "@/lib/jobs/watch-list";
import { isFinishedState } from "@/lib/jobs/states";
import { fetchJob } from "@/lib/query/jobs";

type Permission = NotificationPermission | "unsupported";
const EVENT = "ci-console:notification-permission";

function permission(): Permission {
  return typeof window !== "undefined" && "Notification" in window ? Notification.permission : "unsupported";
}
function subscribe(onChange: () => void) {
  window.addEventListener(EVENT, onChange);
  return () => window.removeEventListener(EVENT, onChange);
}

/** The browser's notification permission ("unsupported" on the server and where there is no Notification API). */
export function useNotificationPermission(): Permission {
  return useSyncExternalStore(subscribe, permission, () => "unsupported");
}

/** Shows one notification per watched job that has finished, then stops watching it. */
export function notifyIfWatchedFinished(jobs: readonly JobDetail[]): void {
  if (permission() !== "granted") return;
  const watched = new Set(readWatchList());
  for (const job of jobs) {
    if (!watched.has(job.JobId) || !isFinishedState(job.State)) continue;
    forgetJob(job.JobId);
    try {
      const n = new Notification(
        `Batch job ${job.State === "Success" ? "succeeded" : job.State === "Failed" ? "failed" : "was cancelled"}`,
        {
          body: `${job.Name ?? job.JobId} (${job.JobId}) is ${job.State}${job.State === "Failed" && job.Code ? `: ${job.Code}` : ""}`,
          tag: `job-${job.JobId}`,
        },
      );
      n.onclick = () => {
        window.focus();
        // A notification's click arrives outside React (the tab may have been in the background for hours): a plain
        // navigation, not the router, whose state may no longer match the page.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign(`/jobs/${encodeURIComponent(job.JobId)}`);
      };
    } catch {
      /* some browsers only allow notifications from a service worker: nothing more to do */
    }
  }
}

const WATCH_POLL_MS = 30_000;
const WATCH_BATCH = 5;

/**
 * While notifications are on: notifies for watched jobs on screen as they finish, and every 30 s (tab visible only)
 * looks up a few watched jobs that are not on screen, so a job hidden by a filter still notifies.
 */
export function useFinishedNotifications(jobs: readonly JobDetail[] | undefined, bucket: string | null): void {
  const granted = useNotificationPermission() === "granted";
  const onScreen = useRef<ReadonlySet<string>>(new Set());
  useEffect(() => {
    onScreen.current = new Set(jobs?.map((j) => j.JobId));
    if (granted && jobs) notifyIfWatchedFinished(jobs);
  }, [jobs, granted]);

  useEffect(() => {
    if (!granted) return;
    let offset = 0;
    const timer = setInterval(() => {
      if (document.visibilityState !== "visible") return;
      const elsewhere = readWatchList().filter((id) => !onScreen.current.has(id));
      if (elsewhere.length === 0) return;
      const batch = elsewhere.slice(offset % elsewhere.length).slice(0, WATCH_BATCH);
      offset += WATCH_BATCH;
      for (const id of batch) {
        fetchJob(id, bucket).then(
          (r) => notifyIfWatchedFinished([r.job]),
          () => {}, // unknown here (another bucket?) or CI busy: try again next round
        );
      }
    }, WATCH_POLL_MS);
    return () => clearInterval(timer);
  }, [granted, bucket]);
}

/** Asks for permission to notify; only ever on a click, never on page load. */
export function NotifyButton() {
  const perm = useNotificationPermission();
  const ask = useCallback(() => {
    void Notification.requestPermission().then(() => window.dispatchEvent(new Event(EVENT)));
  }, []);
  if (perm === "unsupported") return null;
  if (perm === "granted") {
    return (
      <span
        className="inline-flex items-center gap-1.5 text-sm text-slate-700"
        title="You will be notified when a watched job or one you triggered here finishes"
      >
        <BellIcon className="h-4 w-4" /> Notifications on
      </span>
    );
  }
  return (
    <button
      type="button"
      onClick={ask}
      disabled={perm === "denied"}
      className={buttonClasses({ variant: "secondary", size: "sm" })}
      title={
        perm === "denied"
          ? "Notifications are blocked for this site in your browser settings"
          : "Notify me when a watched job or one I triggered finishes"
      }
    >
      <BellIcon className="h-4 w-4" /> {perm === "denied" ? "Notifications blocked" : "Notify me"}
    </button>
  );
}
