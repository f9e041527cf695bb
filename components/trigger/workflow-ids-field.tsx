"use client";
/**
 * The workflows a Workflow trigger runs: one picker row per workflow, in the order chosen, joined into CI's
 * comma-separated `Operation.WorkflowIds` (docs/ci-api.md §1.1; cos-java-sdk-v5 BatchJobDemo). Each row is a native
 * <select> of the bucket's workflows plus "Type an ID…", like PickerField; the first row keeps PickerField's labels
 * ("Workflow", "Workflow ID"), so a one-workflow trigger looks and reads as before.
 */
import { useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { MAX_WORKFLOWS_PER_TRIGGER, splitWorkflowIds } from "@/lib/jobs/patterns";
import type { PickerItem } from "@/lib/jobs/picker-schema";
import type { ApiError } from "@/lib/query/api-fetch";
import { fieldId, FieldShell, inputClass, useFieldError } from "./form-controls";
import { usePickerItems } from "./picker-field";

const NAME = "Operation.WorkflowIds";
const MANUAL = "__manual__";
/** The schema's limit, from the zod-free patterns module (no zod on the wizard's first bundle). */
const MAX_ROWS = MAX_WORKFLOWS_PER_TRIGGER;

interface Row {
  /** Stable across removals, so each row keeps its own "typing an ID" state. */
  key: number;
  id: string;
}
let nextKey = 0;
const toRows = (value: string): Row[] => (value === "" ? [""] : value.split(",")).map((id) => ({ key: nextKey++, id }));

function WorkflowRow({
  index,
  value,
  others,
  items,
  loaded,
  onChange,
  onSplit,
  onRemove,
}: {
  index: number;
  value: string;
  /** IDs chosen in the other rows: not offered again here. */
  others: readonly string[];
  items: PickerItem[] | undefined;
  loaded: boolean;
  onChange: (id: string) => void;
  /** Called when the typed text holds several IDs: they become rows of their own. */
  onSplit: (ids: string[]) => void;
  onRemove?: () => void;
}) {
  const [manual, setManual] = useState(false);
  const error = useFieldError(NAME);
  const rowError = index === 0 ? error : undefined;
  const inList = !!items?.some((i) => i.id === value);
  const showManual = manual || (value !== "" && !inList && loaded);
  // Row 1 is the form field itself (its id, error and aria-invalid); the others get their own ids.
  const shellName = index === 0 ? NAME : `${NAME}-row${index + 1}`;
  const label = index === 0 ? "Workflow" : `Workflow ${index + 1}`;
  const manualId = `${fieldId(shellName)}-manual`;
  return (
    <li className="space-y-2">
      <FieldShell
        name={shellName}
        label={label}
        required={index === 0}
        help={index === 0 ? "Active workflows are listed first. A paused workflow may not run." : undefined}
      >
        {(a11y) => (
          <div className="flex items-end gap-3">
            <select
              {...a11y}
              aria-invalid={showManual ? undefined : a11y["aria-invalid"]}
              value={showManual ? MANUAL : inList ? value : ""}
              onChange={(e) => {
                const v = e.target.value;
                if (v === MANUAL) {
                  setManual(true);
                  requestAnimationFrame(() => document.getElementById(manualId)?.focus());
                } else {
                  setManual(false);
                  onChange(v);
                }
              }}
              className={inputClass}
            >
              <option value="">— choose a workflow —</option>
              {items
                ?.filter((i) => i.id === value || !others.includes(i.id))
                .map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.name ? `${i.name} — ${i.id}` : i.id}
                    {i.state ? ` (${i.state})` : ""}
                  </option>
                ))}
              <option value={MANUAL}>Type an ID…</option>
            </select>
            {onRemove && (
              <button
                type="button"
                onClick={onRemove}
                className="mb-2 shrink-0 text-sm text-red-800 underline hover:text-red-950"
              >
                Remove workflow {index + 1}
              </button>
            )}
          </div>
        )}
      </FieldShell>
      {showManual && (
        <div>
          <label htmlFor={manualId} className="block text-sm font-medium text-slate-800">
            {label} ID
          </label>
          <input
            id={manualId}
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="w7476ff3564ee45b7b490d64bccaba6cc"
            value={value}
            onChange={(e) => onChange(e.target.value)}
            onBlur={(e) => {
              const ids = splitWorkflowIds(e.target.value);
              if (ids.length > 1 || (ids.length === 1 && ids[0] !== e.target.value)) onSplit(ids);
            }}
            aria-invalid={rowError ? true : undefined}
            aria-describedby={rowError ? `${fieldId(NAME)}-error` : undefined}
            className={inputClass}
          />
        </div>
      )}
    </li>
  );
}

/** Step 3 for a Workflow trigger: one or more workflows (at most 10), run in the order listed. */
export function WorkflowIdsField({ bucket }: { bucket: string }) {
  const { control, setValue } = useFormContext();
  const value = (useWatch({ control, name: NAME }) as string | undefined) ?? "";
  const query = usePickerItems("workflows", bucket);
  // Rows are kept apart from the joined value so that a row left empty stays; IDs typed with commas into one row's
  // box become rows of their own when the box is left.
  const [rows, setRows] = useState<Row[]>(() => toRows(value));
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    // The value changed elsewhere (a restored draft, a duplicated job): start over from it.
    setSeen(value);
    setRows(toRows(value));
  }

  function update(next: Row[]) {
    const joined = next.map((r) => r.id).join(",");
    setRows(next);
    setSeen(joined);
    setValue(NAME, joined, { shouldDirty: true });
  }
  const loadError = query.error as ApiError | null;
  const loaded = query.data !== undefined || query.isError;

  return (
    <div className="space-y-3">
      <ol className="space-y-3">
        {rows.map((row, i) => (
          <WorkflowRow
            key={row.key}
            index={i}
            value={row.id}
            others={rows.filter((r) => r !== row).map((r) => r.id)}
            items={query.data}
            loaded={loaded}
            onChange={(id) => update(rows.map((r) => (r === row ? { ...r, id } : r)))}
            onSplit={(ids) =>
              update(rows.flatMap((r) => (r === row ? ids.map((id, k) => ({ key: k ? nextKey++ : r.key, id })) : [r])))
            }
            onRemove={i === 0 ? undefined : () => update(rows.filter((r) => r !== row))}
          />
        ))}
      </ol>
      {loadError && (
        <p className="text-sm text-amber-900" role="status">
          Could not load the list ({loadError.code}): type the IDs instead.
        </p>
      )}
      <p className="text-xs text-slate-600">
        {query.isLoading ? "Loading the list… · " : query.data ? `${query.data.length} available · ` : ""}
        Several workflows run on the same files, in this order (at most {MAX_ROWS}).
      </p>
      <button
        type="button"
        onClick={() => update([...rows, { key: nextKey++, id: "" }])}
        disabled={rows.length >= MAX_ROWS}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50"
      >
        Add another workflow
      </button>
    </div>
  );
}
