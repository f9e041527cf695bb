"use client";
import { useEffect, useRef, useState } from "react";

const DEBOUNCE_MS = 600;

/**
 * A text filter that edits locally and commits to the URL after a pause in typing, on Enter or on leaving the field
 * (so the URL, the history and CI see one change per intent, not one per keystroke). Invalid text is shown as an
 * error and not committed.
 */
export function TextFilter({
  id,
  label,
  value,
  onCommit,
  validate,
  placeholder,
  className = "",
  inputClassName = "",
  list,
  hint,
  onFocus,
}: {
  id: string;
  label: string;
  value: string | null;
  onCommit: (value: string | null) => void;
  validate?: (value: string) => string | null;
  placeholder?: string;
  className?: string;
  inputClassName?: string;
  /** id of a <datalist> with suggestions. */
  list?: string;
  /** A line under the box (e.g. the ID behind a name). */
  hint?: string | null;
  onFocus?: () => void;
}) {
  const [text, setText] = useState(value ?? "");
  const committed = useRef(value ?? "");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // The URL changed from elsewhere (Back/Forward, Clear filters): show it.
  useEffect(() => {
    committed.current = value ?? "";
    setText(value ?? "");
  }, [value]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const trimmed = text.trim();
  const error = trimmed && validate ? validate(trimmed) : null;

  const commit = (raw: string) => {
    clearTimeout(timer.current);
    const t = raw.trim();
    if (t === committed.current) return;
    if (t && validate?.(t)) return;
    committed.current = t;
    onCommit(t || null);
  };

  return (
    <div className={className}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={placeholder}
        autoComplete="off"
        list={list}
        onFocus={onFocus}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(next), DEBOUNCE_MS);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            commit(text);
          }
        }}
        onBlur={() => commit(text)}
        className={`mt-1 h-9 w-full rounded-md border border-slate-300 bg-white px-2.5 text-sm aria-[invalid=true]:border-red-600 ${inputClassName}`}
      />
      {!error && hint && (
        <p id={`${id}-hint`} className="mt-1 truncate font-mono text-[11px] text-slate-600" title={hint}>
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
