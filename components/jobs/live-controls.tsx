"use client";
import { Button } from "@/components/ui/button";
import { RefreshIcon } from "@/components/ui/icons";
import { formatRelative } from "@/lib/jobs/job-view";
import { LIVE_INTERVALS, type LiveInterval, type LiveSettings } from "./use-live-settings";
import { useNow } from "./use-now";

const INTERVAL_LABEL = (i: LiveInterval) => (i === "auto" ? "Auto (4 s active, 30 s idle)" : `Every ${i / 1000} s`);

/** Live-update status and controls: "Updated 12 s ago", pause/resume, interval, refresh now. */
export function LiveControls({
  settings,
  onChange,
  updatedAt,
  serverNow,
  fetching,
  delay,
  onRefresh,
}: {
  settings: LiveSettings;
  onChange: (patch: Partial<LiveSettings>) => void;
  updatedAt: number;
  serverNow: number;
  fetching: boolean;
  /** The current polling delay (ms) or false when not polling. */
  delay: number | false;
  onRefresh: () => void;
}) {
  const now = useNow(serverNow);
  // The controls come first and the changing status text last, so that polling never moves a button under the pointer.
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-slate-700">
      <div className="flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          variant="secondary"
          onClick={() => onChange({ paused: !settings.paused })}
          aria-pressed={settings.paused}
        >
          {settings.paused ? "Resume live updates" : "Pause live updates"}
        </Button>
        <label className="inline-flex items-center gap-1.5">
          <span className="text-xs font-medium text-slate-700">Interval</span>
          <select
            className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm"
            value={String(settings.interval)}
            onChange={(e) =>
              onChange({ interval: (e.target.value === "auto" ? "auto" : Number(e.target.value)) as LiveInterval })
            }
          >
            {LIVE_INTERVALS.map((i) => (
              <option key={String(i)} value={String(i)}>
                {INTERVAL_LABEL(i)}
              </option>
            ))}
          </select>
        </label>
        <Button size="sm" variant="ghost" onClick={onRefresh}>
          <RefreshIcon className={`h-4 w-4 ${fetching ? "motion-safe:animate-spin" : ""}`} /> Refresh now
        </Button>
      </div>
      <p className="inline-flex flex-wrap items-center gap-x-2" data-testid="live-status">
        <span
          aria-hidden="true"
          className={`inline-block h-2.5 w-2.5 rounded-full ${settings.paused ? "bg-slate-400" : "bg-green-600 motion-safe:animate-pulse"}`}
        />
        <span>
          {settings.paused ? "Live updates paused" : delay ? `Live, every ${Math.round(delay / 1000)} s` : "Live"}
        </span>
        <span className="text-slate-500" aria-hidden="true">
          ·
        </span>
        <span>{updatedAt > 0 ? `Updated ${formatRelative(updatedAt, now)}` : "Not loaded yet"}</span>
      </p>
    </div>
  );
}
