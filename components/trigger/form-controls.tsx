"use client";
/**
 * Labelled form controls bound to react-hook-form by name. Every control has a <label>, its help and error text are
 * linked with aria-describedby, and an error sets aria-invalid (which is also how the wizard finds the first error
 * to focus).
 */
import { get, useFormContext, useFormState } from "react-hook-form";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

/** A DOM id for a form path (`Operation.Output.Object` → `f-Operation-Output-Object`). */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** The error message at a form path, subscribed so the control re-renders when it changes. */
export function useFieldError(name: string): string | undefined {
  const { control } = useFormContext();
  const { errors } = useFormState({ control, name });
  const e: unknown = get(errors, name);
  const message = (e as { message?: unknown } | undefined)?.message;
  return typeof message === "string" && message !== "" ? message : undefined;
}

export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm " +
  "placeholder:text-slate-500 aria-[invalid=true]:border-red-600 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-600 disabled:bg-slate-100";

export interface ControlA11y {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
}

interface ShellProps {
  name: string;
  label: ReactNode;
  help?: ReactNode;
  /** Short machine-ish hint such as a range ("from 128 to 4096 px"). */
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  /** Extra content after the control (e.g. a counter), linked like help text. */
  aside?: ReactNode;
  children: (a11y: ControlA11y) => ReactNode;
}

/** Label + control + help + error, wired for assistive technology. */
export function FieldShell({ name, label, help, hint, required, className = "", aside, children }: ShellProps) {
  const error = useFieldError(name);
  const id = fieldId(name);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const hasHelp = help !== undefined || hint !== undefined || aside !== undefined;
  const describedBy = [error ? errorId : null, hasHelp ? helpId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {required && (
          <span className="text-red-700" aria-hidden="true">
            {" "}
            *
          </span>
        )}
      </label>
      {children({
        id,
        "aria-describedby": describedBy,
        "aria-invalid": error ? true : undefined,
        "aria-required": required ? true : undefined,
      })}
      {error && (
        <p id={errorId} className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      )}
      {hasHelp && (
        <p id={helpId} className="mt-1 text-xs text-slate-600">
          {help}
          {help && hint ? " · " : null}
          {hint}
          {aside}
        </p>
      )}
    </div>
  );
}

type TextProps = Omit<ShellProps, "children"> & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "children">;

/** A text-like input registered with the form. */
export function TextInput({
  name,
  label,
  help,
  hint,
  required,
  className,
  aside,
  onChange,
  onBlur,
  ...input
}: TextProps) {
  const { register } = useFormContext();
  // The caller's handlers run after the form's own (register's options), instead of being overwritten by them.
  const reg = register(name, { onChange, onBlur });
  return (
    <FieldShell
      name={name}
      label={label}
      help={help}
      hint={hint}
      required={required}
      className={className}
      aside={aside}
    >
      {(a11y) => (
        <input type="text" autoComplete="off" spellCheck={false} {...input} {...reg} {...a11y} className={inputClass} />
      )}
    </FieldShell>
  );
}

export interface Choice {
  value: string;
  label: string;
}

type SelectProps = Omit<ShellProps, "children"> &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id" | "children"> & {
    options: readonly Choice[];
    /** Label of the empty choice; omit to offer no empty choice. */
    emptyLabel?: string;
  };

/** A native <select> registered with the form (keyboard and screen-reader behaviour for free). */
export function SelectInput({
  name,
  label,
  help,
  hint,
  required,
  className,
  aside,
  options,
  emptyLabel,
  onChange,
  onBlur,
  ...select
}: SelectProps) {
  const { register } = useFormContext();
  const reg = register(name, { onChange, onBlur });
  return (
    <FieldShell
      name={name}
      label={label}
      help={help}
      hint={hint}
      required={required}
      className={className}
      aside={aside}
    >
      {(a11y) => (
        <select {...select} {...reg} {...a11y} className={inputClass}>
          {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/** A group of radio buttons with a legend; each choice may carry a description. */
export function RadioGroup({
  name,
  legend,
  options,
  help,
  onValueChange,
  className = "",
  layout = "column",
}: {
  name: string;
  legend: ReactNode;
  options: readonly (Choice & { description?: ReactNode })[];
  help?: ReactNode;
  onValueChange?: (value: string) => void;
  className?: string;
  layout?: "row" | "column";
}) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  const id = fieldId(name);
  const reg = register(name, { onChange: (e: { target: { value: string } }) => onValueChange?.(e.target.value) });
  return (
    <fieldset
      className={className}
      aria-describedby={
        [error ? `${id}-error` : null, help ? `${id}-help` : null].filter(Boolean).join(" ") || undefined
      }
    >
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {help && (
        <p id={`${id}-help`} className="mt-1 text-xs text-slate-600">
          {help}
        </p>
      )}
      <div className={`mt-2 flex gap-3 ${layout === "row" ? "flex-row flex-wrap" : "flex-col"}`}>
        {options.map((o, i) => {
          const optionId = i === 0 ? id : `${id}-${o.value.replace(/[^A-Za-z0-9_-]/g, "-")}`;
          return (
            <label key={o.value} htmlFor={optionId} className="flex cursor-pointer items-start gap-2 text-sm">
              {/* On the radio itself, though ARIA 1.2 lists aria-invalid for the group: screen readers announce it on the
                  focused radio, and the wizard focuses the first [aria-invalid] element (trigger-wizard.tsx). */}
              {/* eslint-disable-next-line jsx-a11y/role-supports-aria-props */}
              <input
                type="radio"
                value={o.value}
                {...reg}
                id={optionId}
                aria-invalid={error ? true : undefined}
                className="mt-0.5 h-4 w-4"
              />
              <span>
                <span className="font-medium text-slate-900">{o.label}</span>
                {o.description && <span className="block text-xs text-slate-600"> {o.description}</span>}
              </span>
            </label>
          );
        })}
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A section of a step: a heading-labelled group. */
export function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <h3 className="text-base font-semibold text-slate-900">{title}</h3>
      {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
      <div className="mt-4 space-y-4">{children}</div>
    </section>
  );
}

/** The choices of a CI "true"/"false" switch; the select's empty choice means the element is not sent. */
export const TRUE_FALSE: { value: string; label: string }[] = [
  { value: "true", label: "true" },
  { value: "false", label: "false" },
];
