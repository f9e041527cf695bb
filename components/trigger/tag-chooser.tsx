"use client";
/** The Tag chooser: every Tag, grouped (video / audio / image / AI), each with its one-line description. */
import { useFormContext } from "react-hook-form";
import type { TagName } from "@/lib/jobs/tags";
import { fieldId, useFieldError } from "./form-controls";
import { TAGS_BY_GROUP } from "./tag-registry";

export function TagChooser({ onTagChange }: { onTagChange: (tag: TagName) => void }) {
  const { register } = useFormContext();
  const error = useFieldError("Operation.Tag");
  const id = fieldId("Operation.Tag");
  const reg = register("Operation.Tag", {
    onChange: (e: { target: { value: string } }) => onTagChange(e.target.value as TagName),
  });
  let first = true;
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">
        Tag <span className="font-normal text-slate-600">(what to do with each file)</span>
      </legend>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      )}
      <div className="mt-2 grid gap-4 lg:grid-cols-2">
        {TAGS_BY_GROUP.map((g) => (
          <fieldset key={g.group} className="rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-xs font-semibold uppercase tracking-wide text-slate-700">{g.label}</legend>
            <div className="space-y-1">
              {g.tags.map((t) => {
                // The first radio carries the field's id, so "focus the first error" and the error link find it.
                const optionId = first ? id : `${id}-${t.tag}`;
                first = false;
                return (
                  <label
                    key={t.tag}
                    htmlFor={optionId}
                    className="flex cursor-pointer items-start gap-2 rounded p-1.5 text-sm hover:bg-slate-50 has-[:checked]:bg-blue-50"
                  >
                    {/* aria-invalid on the radio: why in form-controls.tsx (RadioGroup) */}
                    {/* eslint-disable-next-line jsx-a11y/role-supports-aria-props */}
                    <input
                      type="radio"
                      value={t.tag}
                      {...reg}
                      id={optionId}
                      aria-invalid={error ? true : undefined}
                      className="mt-0.5 h-4 w-4"
                    />
                    <span>
                      <span className="font-medium text-slate-900">{t.label}</span>
                      {t.label !== t.tag && (
                        <span className="ml-1 font-mono text-xs text-slate-600"> ({t.tag})</span>
                      )}{" "}
                      <span className="block text-xs text-slate-600">{t.description}</span>
                    </span>
                  </label>
                );
              })}
            </div>
          </fieldset>
        ))}
      </div>
    </fieldset>
  );
}
