"use client";
// Shared by field-renderer.tsx and string-list-control.tsx (the repeatable frame, the group-level error): its own file.
import type { ReactNode, RefObject } from "react";
import { fieldId, useFieldError } from "./form-controls";

export function GroupMessage({ path }: { path: string }) {
  const error = useFieldError(path);
  if (!error) return null;
  return (
    <p id={`${fieldId(path)}-error`} className="text-sm font-medium text-red-700">
      {error}
    </p>
  );
}

/**
 * The frame both repeatable controls share: legend with "n of at most m", help, the group's message, the items and an
 * "Add" button (which keeps focus when an item is removed, so keyboard users are not thrown to the top).
 */
export function RepeatableShell({
  path,
  label,
  help,
  count,
  maxItems,
  addLabel,
  onAdd,
  addRef,
  children,
}: {
  path: string;
  label: string;
  help?: ReactNode;
  count: number;
  maxItems: number;
  addLabel: string;
  onAdd: () => void;
  addRef: RefObject<HTMLButtonElement | null>;
  children: ReactNode;
}) {
  const id = fieldId(path);
  return (
    <fieldset className="rounded-md border border-slate-200 p-3" aria-describedby={help ? `${id}-help` : undefined}>
      <legend className="px-1 text-sm font-semibold text-slate-800">
        {label}{" "}
        <span className="font-normal text-slate-600">
          ({count} of at most {maxItems})
        </span>
      </legend>
      {help && (
        <p id={`${id}-help`} className="mb-2 text-xs text-slate-600">
          {help}
        </p>
      )}
      <GroupMessage path={path} />
      {children}
      <button
        ref={addRef}
        type="button"
        className="mt-3 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50"
        onClick={onAdd}
        disabled={count >= maxItems}
      >
        {addLabel}
      </button>
    </fieldset>
  );
}
