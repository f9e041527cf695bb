"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { JOB_ID_PATTERN, JOB_NAME_MAX } from "@/lib/jobs/patterns";
import { JOB_TYPES } from "@/lib/jobs/states";
import {
  CREATED_PRESETS,
  ORDERS,
  PAGE_SIZES,
  PRESET_LABELS,
  activeFilters,
  type JobsSearchState,
  type JobsView,
} from "@/lib/jobs/url-state";
import { CreatedRangeFilter } from "./created-range-filter";
import { labelClass, selectClass } from "./filter-classes";
import { StateFilter } from "./state-filter";
import { TextFilter } from "./text-filter";
import { WorkflowFilter } from "./workflow-filter";
import { useHydrated } from "./use-now";

/** What a filter change writes into the URL (nuqs setter values; null removes the parameter). */
export type FilterPatch = Partial<{ [K in keyof JobsSearchState]: JobsSearchState[K] | null }>;

const idError = (v: string) => (JOB_ID_PATTERN.test(v) ? null : "Letters and digits only (up to 64)");
const nameError = (v: string) => (v.length > JOB_NAME_MAX ? `At most ${JOB_NAME_MAX} characters` : null);

/** The filter bar. Every control writes the URL; the page reads only the URL. */
export function JobsFilters({
  view,
  buckets,
  onChange,
  onClear,
}: {
  view: JobsView;
  buckets: readonly { bucket: string; region: string }[];
  onChange: (patch: FilterPatch) => void;
  onClear: () => void;
}) {
  const hydrated = useHydrated();
  // "Custom range" with no dates yet is not a filter (the URL drops it), so remember locally that it was chosen.
  const [customChosen, setCustomChosen] = useState(false);
  const [openOnPhone, setOpenOnPhone] = useState(false);
  const mine = view.mine;
  const showCustom = !mine && (view.created === "custom" || customChosen);
  const active = activeFilters(view);

  return (
    <section aria-labelledby="filters-heading" className="rounded-lg border border-slate-200 bg-white p-3 sm:p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="filters-heading" className="text-sm font-semibold text-slate-900">
          Filters {active.length > 0 && <span className="font-normal text-slate-600">({active.length} active)</span>}
        </h2>
        <div className="flex flex-wrap items-center gap-1">
          {/* Outside the folding body: on a phone "My jobs" is one tap away. */}
          <label className="mr-1 inline-flex cursor-pointer items-center gap-2 rounded-full border border-slate-300 px-3 py-1 text-sm text-slate-900 has-[:checked]:border-blue-700 has-[:checked]:bg-blue-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-600">
            <input
              type="checkbox"
              role="switch"
              aria-checked={mine}
              className="h-4 w-4 accent-blue-700"
              checked={mine}
              onChange={(e) => onChange({ mine: e.target.checked ? true : null })}
            />
            My jobs
          </label>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setCustomChosen(false);
              onClear();
            }}
            disabled={active.length === 0}
          >
            Clear filters
          </Button>
          {/* Phones: the filters fold away so the jobs are on the first screen. */}
          <Button
            size="sm"
            variant="secondary"
            className="sm:hidden"
            aria-expanded={openOnPhone}
            aria-controls="filters-body"
            onClick={() => setOpenOnPhone((o) => !o)}
          >
            {openOnPhone ? "Hide filters" : "Show filters"}
          </Button>
        </div>
      </div>

      {mine && (
        <p className="mt-2 text-sm text-slate-700" data-testid="mine-note">
          My jobs shows the {view.size} newest jobs you triggered here; other filters do not apply.
        </p>
      )}

      <div id="filters-body" className={openOnPhone ? "block" : "hidden sm:block"}>
        <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-8">
          {buckets.length > 1 && (
            <div className="col-span-2 sm:col-span-1">
              <label htmlFor="f-bucket" className={labelClass}>
                Bucket
              </label>
              <select
                id="f-bucket"
                className={selectClass}
                value={view.bucket ?? buckets[0]?.bucket}
                onChange={(e) => onChange({ bucket: e.target.value === buckets[0]?.bucket ? null : e.target.value })}
              >
                {buckets.map((b) => (
                  <option key={b.bucket} value={b.bucket}>
                    {b.bucket} ({b.region})
                  </option>
                ))}
              </select>
            </div>
          )}
          {!mine && (
            <>
              <div>
                <label htmlFor="f-type" className={labelClass}>
                  Type
                </label>
                <select
                  id="f-type"
                  className={selectClass}
                  value={view.type ?? ""}
                  onChange={(e) => onChange({ type: (e.target.value || null) as JobsView["type"] })}
                >
                  <option value="">Any type</option>
                  {JOB_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="f-created" className={labelClass}>
                  Created
                </label>
                <select
                  id="f-created"
                  className={selectClass}
                  value={showCustom ? "custom" : (view.created ?? "")}
                  onChange={(e) => {
                    const v = e.target.value as JobsView["created"] | "";
                    if (v === "custom") {
                      setCustomChosen(true);
                      return;
                    }
                    setCustomChosen(false);
                    onChange({ created: v || null, from: null, to: null });
                  }}
                >
                  <option value="">Any time</option>
                  {CREATED_PRESETS.map((p) => (
                    <option key={p} value={p}>
                      {PRESET_LABELS[p]}
                    </option>
                  ))}
                </select>
              </div>
              <TextFilter
                id="f-name"
                label="Name"
                value={view.name}
                validate={nameError}
                onCommit={(v) => onChange({ name: v })}
              />
              <TextFilter
                id="f-jobid"
                label="JobId"
                value={view.jobId}
                validate={idError}
                onCommit={(v) => onChange({ jobId: v })}
                inputClassName="font-mono"
              />
              <WorkflowFilter
                value={view.workflowId}
                bucket={view.bucket ?? buckets[0]?.bucket ?? ""}
                onCommit={(v) => onChange({ workflowId: v })}
              />
              <div>
                <label htmlFor="f-order" className={labelClass}>
                  Order
                </label>
                <select
                  id="f-order"
                  className={selectClass}
                  value={view.order}
                  onChange={(e) => onChange({ order: e.target.value as JobsView["order"] })}
                >
                  {ORDERS.map((o) => (
                    <option key={o} value={o}>
                      {o === "newest" ? "Newest first" : "Oldest first"}
                    </option>
                  ))}
                </select>
              </div>
            </>
          )}
          <div>
            <label htmlFor="f-size" className={labelClass}>
              Per page
            </label>
            <select
              id="f-size"
              className={selectClass}
              value={view.size}
              onChange={(e) => onChange({ size: Number(e.target.value) as JobsView["size"] })}
            >
              {PAGE_SIZES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
        </div>

        {showCustom && <CreatedRangeFilter view={view} hydrated={hydrated} onChange={onChange} />}

        {!mine && <StateFilter states={view.states} onChange={onChange} />}
      </div>
    </section>
  );
}
