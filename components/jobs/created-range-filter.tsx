"use client";
// The custom creation-time range converts between ISO instants and the browser's local time: its own file.
import type { JobsView } from "@/lib/jobs/url-state";
import { labelClass, selectClass } from "./filter-classes";
import type { FilterPatch } from "./jobs-filters";

/** An ISO instant as a datetime-local value in this browser's time zone. */
function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** From and To of "Created: Custom range", in this browser's time zone (empty until hydrated: the server has none). */
export function CreatedRangeFilter({
  view,
  hydrated,
  onChange,
}: {
  view: JobsView;
  hydrated: boolean;
  onChange: (patch: FilterPatch) => void;
}) {
  return (
    <fieldset className="mt-3 flex flex-wrap items-end gap-3">
      <legend className="sr-only">Custom creation-time range (your time zone)</legend>
      <div>
        <label htmlFor="f-from" className={labelClass}>
          From (your time)
        </label>
        <input
          id="f-from"
          type="datetime-local"
          className={selectClass}
          value={hydrated ? toLocalInput(view.from) : ""}
          max={hydrated ? toLocalInput(view.to) || undefined : undefined}
          onChange={(e) => onChange({ created: "custom", from: fromLocalInput(e.target.value) })}
        />
      </div>
      <div>
        <label htmlFor="f-to" className={labelClass}>
          To (your time)
        </label>
        <input
          id="f-to"
          type="datetime-local"
          className={selectClass}
          value={hydrated ? toLocalInput(view.to) : ""}
          min={hydrated ? toLocalInput(view.from) || undefined : undefined}
          onChange={(e) => onChange({ created: "custom", to: fromLocalInput(e.target.value) })}
        />
      </div>
      <p className="pb-2 text-xs text-slate-600">
        Leave an end empty for an open range. A range that ends before it starts is ignored.
      </p>
    </fieldset>
  );
}
