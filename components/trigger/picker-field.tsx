"use client";
/**
 * An ID field with a list to choose from (workflows, templates, queues from /api/ci/*) and the option to type an ID
 * the list does not have. A native <select> plus a text box: keyboard and screen readers work without tricks.
 */
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import type { PickerAnswer } from "@/lib/jobs/api-contract";
import { apiFetch, type ApiError } from "@/lib/query/api-fetch";
import { fieldId, FieldShell, inputClass, useFieldError } from "./form-controls";

export type PickerKind = "workflows" | "templates" | "queues";

/** Picker entries for a bucket (and, for templates, a Tag); Active entries first. */
export function usePickerItems(kind: PickerKind, bucket: string, tag?: string | null) {
  return useQuery({
    queryKey: ["ci-picker", kind, bucket, tag ?? null],
    queryFn: ({ signal }) => {
      const q = new URLSearchParams();
      if (tag) q.set("tag", tag);
      if (bucket) q.set("bucket", bucket);
      return apiFetch<PickerAnswer>(`/api/ci/${kind}?${q}`, { signal });
    },
    enabled: kind !== "templates" || !!tag,
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    select: (d) => [...d.items].sort((a, b) => Number(b.state === "Active") - Number(a.state === "Active")),
  });
}

const MANUAL = "__manual__";

export function PickerField({
  name,
  label,
  help,
  kind,
  bucket,
  tag,
  required,
  emptyLabel,
  placeholder,
}: {
  name: string;
  label: string;
  help?: string;
  kind: PickerKind;
  bucket: string;
  tag?: string | null;
  required?: boolean;
  emptyLabel: string;
  placeholder: string;
}) {
  const { control, register, setValue } = useFormContext();
  const value = (useWatch({ control, name }) as string | undefined) ?? "";
  const query = usePickerItems(kind, bucket, tag);
  const items = query.data;
  const [manual, setManual] = useState(false);
  const inList = !!items?.some((i) => i.id === value);
  const showManual = manual || (value !== "" && !inList && (items !== undefined || query.isError));
  const selectValue = showManual ? MANUAL : inList ? value : "";
  const error = useFieldError(name);
  const manualId = `${fieldId(name)}-manual`;
  const loadError = query.error as ApiError | null;

  return (
    <div className="space-y-2">
      <FieldShell
        name={name}
        label={label}
        help={help}
        required={required}
        hint={query.isLoading ? "Loading the list…" : items ? `${items.length} available` : undefined}
      >
        {(a11y) => (
          <select
            {...a11y}
            aria-invalid={showManual ? undefined : a11y["aria-invalid"]}
            value={selectValue}
            onChange={(e) => {
              const v = e.target.value;
              if (v === MANUAL) {
                setManual(true);
                requestAnimationFrame(() => document.getElementById(manualId)?.focus());
              } else {
                setManual(false);
                setValue(name, v, { shouldDirty: true });
              }
            }}
            className={inputClass}
          >
            <option value="">{emptyLabel}</option>
            {items?.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name ? `${i.name} — ${i.id}` : i.id}
                {i.state ? ` (${i.state})` : ""}
              </option>
            ))}
            <option value={MANUAL}>Type an ID…</option>
          </select>
        )}
      </FieldShell>
      {loadError && (
        <p className="text-sm text-amber-900" role="status">
          Could not load the list ({loadError.code}): type the ID instead.
        </p>
      )}
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
            placeholder={placeholder}
            {...register(name)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${fieldId(name)}-error` : undefined}
            className={inputClass}
          />
        </div>
      )}
    </div>
  );
}
