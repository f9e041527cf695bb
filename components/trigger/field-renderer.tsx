"use client";
/**
 * The one renderer for every Tag's parameters: it reads a Tag module's `fields` (lib/jobs/tags/types.ts) and draws
 * text, number, enum, boolean, group, list and stringList controls under `Operation.JobParam`. No Tag-specific code:
 * a new Tag needs only its module.
 */
import { useRef } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { paramDefaults } from "@/lib/jobs/draft-request";
import { describeNumber } from "@/lib/jobs/tags/describe-number";
import type { FieldSpec, GroupField, ListField } from "@/lib/jobs/tags/types";
import { fieldId, SelectInput, TextInput, useFieldError } from "./form-controls";
import { GroupMessage, RepeatableShell } from "./repeatable-shell";
import { StringListControl } from "./string-list-control";

export const JOB_PARAM_PATH = "Operation.JobParam";

/** Whether a field's visibleWhen condition holds (root = JobParam; inside list items the item is tried too). */
function useVisible(field: FieldSpec, scopePath?: string): boolean {
  const { control } = useFormContext();
  const cond = field.visibleWhen;
  const names = cond
    ? [`${JOB_PARAM_PATH}.${cond.path}`, scopePath ? `${scopePath}.${cond.path}` : `${JOB_PARAM_PATH}.${cond.path}`]
    : [JOB_PARAM_PATH, JOB_PARAM_PATH];
  const [rootValue, scopedValue] = useWatch({ control, name: names, disabled: !cond }) as unknown[];
  if (!cond) return true;
  const v = rootValue !== undefined ? rootValue : scopedValue;
  return typeof v === "string" && cond.equals.includes(v);
}

export function ParamFields({
  fields,
  basePath = JOB_PARAM_PATH,
  scopePath,
  alwaysOpen,
}: {
  fields: readonly FieldSpec[];
  basePath?: string;
  scopePath?: string;
  /** A group shown without the "include" switch (the Tag's own parameter element). */
  alwaysOpen?: string | null;
}) {
  return (
    <div className="space-y-4">
      {fields.map((f) => (
        <ParamField
          key={f.name}
          field={f}
          path={`${basePath}.${f.name}`}
          scopePath={scopePath}
          alwaysOpen={f.name === alwaysOpen}
        />
      ))}
    </div>
  );
}

function ParamField({
  field,
  path,
  scopePath,
  alwaysOpen,
}: {
  field: FieldSpec;
  path: string;
  scopePath?: string;
  alwaysOpen?: boolean;
}) {
  const visible = useVisible(field, scopePath);
  if (!visible) return null;
  switch (field.kind) {
    case "text":
      return (
        <TextInput
          name={path}
          label={field.label}
          help={field.help}
          hint={field.maxLength ? `at most ${field.maxLength} characters` : undefined}
          required={field.required}
          placeholder={field.placeholder}
          maxLength={field.maxLength ? field.maxLength * 4 : undefined}
        />
      );
    case "number":
      return (
        <TextInput
          name={path}
          label={field.label}
          help={field.help}
          hint={describeNumber(field)}
          required={field.required}
          inputMode="decimal"
        />
      );
    case "enum":
      return (
        <SelectInput
          name={path}
          label={field.label}
          help={field.help}
          required={field.required}
          options={field.options}
          emptyLabel={field.required ? "— choose —" : "— not set (CI default) —"}
        />
      );
    case "boolean":
      return (
        <SelectInput
          name={path}
          label={field.label}
          help={field.help}
          required={field.required}
          options={[
            { value: "true", label: "Yes (true)" },
            { value: "false", label: "No (false)" },
          ]}
          emptyLabel="— not set (CI default) —"
        />
      );
    case "group":
      return <GroupControl field={field} path={path} scopePath={scopePath} alwaysOpen={alwaysOpen || field.required} />;
    case "list":
      return <ListControl field={field} path={path} />;
    case "stringList":
      return <StringListControl field={field} path={path} />;
  }
}

/** A nested element. Optional groups have an "Include" switch: absent and empty are different things to CI. */
function GroupControl({
  field,
  path,
  scopePath,
  alwaysOpen,
}: {
  field: GroupField;
  path: string;
  scopePath?: string;
  alwaysOpen?: boolean;
}) {
  const { control, setValue } = useFormContext();
  const value = useWatch({ control, name: path }) as unknown;
  const open = alwaysOpen || (value !== undefined && value !== null && value !== "");
  const id = fieldId(path);
  const error = useFieldError(path);
  return (
    <fieldset
      className="rounded-md border border-slate-200 p-3"
      aria-describedby={field.help ? `${id}-help` : undefined}
    >
      <legend className="px-1 text-sm font-semibold text-slate-800">{field.label}</legend>
      {field.help && (
        <p id={`${id}-help`} className="mb-2 text-xs text-slate-600">
          {field.help}
        </p>
      )}
      {!alwaysOpen && (
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            id={`${id}-include`}
            checked={open}
            // A closed group with an error ("… settings are required") is where focus should land.
            aria-invalid={error && !open ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) =>
              setValue(path, e.target.checked ? paramDefaults(field.fields) : undefined, { shouldDirty: true })
            }
            className="h-4 w-4"
          />
          Set {field.label}
        </label>
      )}
      <GroupMessage path={path} />
      {open && (
        <div className={alwaysOpen ? "" : "mt-3"}>
          <ParamFields fields={field.fields} basePath={path} scopePath={scopePath} />
        </div>
      )}
    </fieldset>
  );
}

/** A repeatable element (ConcatFragment, Watermark, …): add and remove items, each a group of fields. */
function ListControl({ field, path }: { field: ListField; path: string }) {
  const { control } = useFormContext();
  const { fields: items, append, remove } = useFieldArray({ control, name: path });
  const addRef = useRef<HTMLButtonElement>(null);
  return (
    <RepeatableShell
      path={path}
      label={field.label}
      help={field.help}
      count={items.length}
      maxItems={field.maxItems}
      addLabel={`Add ${field.itemLabel.toLowerCase()}`}
      onAdd={() => append(paramDefaults(field.fields))}
      addRef={addRef}
    >
      <ol className="space-y-3">
        {items.map((item, i) => (
          <li key={item.id}>
            <fieldset className="rounded-md border border-dashed border-slate-300 p-3">
              <legend className="px-1 text-sm font-medium text-slate-800">
                {field.itemLabel} {i + 1}
              </legend>
              <ParamFields fields={field.fields} basePath={`${path}.${i}`} scopePath={`${path}.${i}`} />
              <button
                type="button"
                className="mt-3 text-sm text-red-800 underline hover:text-red-950"
                onClick={() => {
                  remove(i);
                  addRef.current?.focus();
                }}
                disabled={items.length <= (field.minItems ?? 0)}
              >
                Remove {field.itemLabel.toLowerCase()} {i + 1}
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
    </RepeatableShell>
  );
}
