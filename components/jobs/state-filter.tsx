"use client";
// The State checkboxes keep CI's state order whatever order they are ticked in: their own file.
import { JOB_STATES, type JobState } from "@/lib/jobs/states";
import type { FilterPatch } from "./jobs-filters";

export const STATE_LABELS: Record<JobState, string> = {
  Submitted: "Submitted",
  Running: "Running",
  Success: "Success",
  Failed: "Failed",
  Pause: "Paused",
  Cancel: "Cancelled",
};

/** One checkbox per job state; none ticked means any state. */
export function StateFilter({
  states,
  onChange,
}: {
  states: readonly JobState[];
  onChange: (patch: FilterPatch) => void;
}) {
  const toggleState = (state: JobState, on: boolean) => {
    const next = on ? [...states, state] : states.filter((s) => s !== state);
    onChange({ states: JOB_STATES.filter((s) => next.includes(s)) });
  };

  return (
    <fieldset className="mt-3">
      <legend className="text-xs font-medium text-slate-700">
        State {states.length === 0 && <span className="font-normal text-slate-600">(any)</span>}
      </legend>
      <div className="mt-1 flex flex-wrap gap-2">
        {JOB_STATES.map((s) => {
          const on = states.includes(s);
          return (
            <label
              key={s}
              className={`inline-flex cursor-pointer items-center gap-1.5 rounded-full border px-3 py-1 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-600 ${on ? "border-blue-700 bg-blue-50 text-blue-950" : "border-slate-300 bg-white text-slate-800"}`}
            >
              <input
                type="checkbox"
                className="h-4 w-4 accent-blue-700"
                checked={on}
                onChange={(e) => toggleState(s, e.target.checked)}
              />
              {STATE_LABELS[s]}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
