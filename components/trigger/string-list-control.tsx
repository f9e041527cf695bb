"use client";
// The one parameter control that does not recurse into ParamFields, so it can live apart from field-renderer.tsx.
import { useRef } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import type { StringListField } from "@/lib/jobs/tags/types";
import { FieldShell, fieldId, inputClass } from "./form-controls";
import { RepeatableShell } from "./repeatable-shell";

/** A repeatable single value (WatermarkTemplateId): one text box per value. */
export function StringListControl({ field, path }: { field: StringListField; path: string }) {
  const { control, setValue, getValues } = useFormContext();
  const raw = useWatch({ control, name: path }) as unknown;
  const values = Array.isArray(raw) ? raw.map((v) => (typeof v === "string" ? v : "")) : [];
  const addRef = useRef<HTMLButtonElement>(null);
  const update = (next: string[]) => setValue(path, next, { shouldDirty: true });
  const current = () => {
    const v: unknown = getValues(path);
    return Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : "")) : [];
  };
  const add = () => {
    const next = [...current(), ""];
    update(next);
    // Move to the new box once it exists (keyboard users should not have to hunt for it).
    requestAnimationFrame(() => document.getElementById(fieldId(`${path}.${next.length - 1}`))?.focus());
  };
  return (
    <RepeatableShell
      path={path}
      label={field.label}
      help={field.help}
      count={values.length}
      maxItems={field.maxItems}
      addLabel={`Add ${field.label.toLowerCase().replace(/s$/, "")}`}
      onAdd={add}
      addRef={addRef}
    >
      <div className="space-y-2">
        {values.map((v, i) => (
          <div key={i} className="flex items-end gap-2">
            <FieldShell name={`${path}.${i}`} label={`${field.label} ${i + 1}`} className="flex-1">
              {(a11y) => (
                <input
                  type="text"
                  autoComplete="off"
                  spellCheck={false}
                  value={v}
                  onChange={(e) => update(current().map((x, j) => (j === i ? e.target.value : x)))}
                  {...a11y}
                  className={inputClass}
                />
              )}
            </FieldShell>
            <button
              type="button"
              className="mb-1 text-sm text-red-800 underline hover:text-red-950"
              onClick={() => {
                update(current().filter((_, j) => j !== i));
                addRef.current?.focus();
              }}
            >
              Remove {field.label.toLowerCase()} {i + 1}
            </button>
          </div>
        ))}
      </div>
    </RepeatableShell>
  );
}
