"use client";
/**
 * Output object-name variables as buttons that insert into the output field last focused, at the caret. Mouse users
 * keep focus in the field (mousedown is not allowed to steal it); keyboard users Tab to a chip and the text goes into
 * the field they came from.
 */
import { createContext, useContext, useRef, type ReactNode, type SyntheticEvent } from "react";
import { useFormContext } from "react-hook-form";
import { fieldId } from "./form-controls";

export const OUTPUT_VARIABLES = [
  { value: "${InventoryTriggerJobId}", help: "the batch job's ID" },
  { value: "${Number}", help: "a running number, for Tags that write several files" },
  { value: "${ext}", help: "the output's file extension" },
] as const;

interface Target {
  name: string;
  start: number | null;
  end: number | null;
}

interface Ctx {
  track: (
    name: string,
  ) => Record<"onFocus" | "onSelect" | "onInput" | "onBlur", (e: SyntheticEvent<HTMLInputElement>) => void>;
  target: () => Target | null;
}

const InsertTargetContext = createContext<Ctx | null>(null);

/** Remembers which output field had focus last, and where its caret was. */
export function InsertTargetProvider({ defaultTarget, children }: { defaultTarget: string; children: ReactNode }) {
  const last = useRef<Target | null>(null);
  const remember = (name: string) => (e: SyntheticEvent<HTMLInputElement>) => {
    const el = e.currentTarget;
    last.current = { name, start: el.selectionStart, end: el.selectionEnd };
  };
  const ctx: Ctx = {
    // onSelect alone can lag behind fast typing; the caret at input and at blur (a chip click) is the truth.
    track: (name) => ({
      onFocus: remember(name),
      onSelect: remember(name),
      onInput: remember(name),
      onBlur: remember(name),
    }),
    target: () => last.current ?? { name: defaultTarget, start: null, end: null },
  };
  return <InsertTargetContext.Provider value={ctx}>{children}</InsertTargetContext.Provider>;
}

/** Props for an output text input so that the chips know about it. */
export function useInsertTarget(name: string) {
  const ctx = useContext(InsertTargetContext);
  return ctx?.track(name) ?? {};
}

export function VariableChips() {
  const ctx = useContext(InsertTargetContext);
  const { getValues, setValue } = useFormContext();

  function insert(variable: string) {
    const t = ctx?.target();
    if (!t) return;
    const el = document.getElementById(fieldId(t.name)) as HTMLInputElement | null;
    const current = String(getValues(t.name) ?? "");
    // If the field still has focus (mouse click), its live caret is the truth; otherwise the remembered one.
    const live = el && document.activeElement === el;
    const start = (live ? el.selectionStart : t.start) ?? current.length;
    const end = (live ? el.selectionEnd : t.end) ?? start;
    const next = current.slice(0, start) + variable + current.slice(end);
    setValue(t.name, next, { shouldDirty: true });
    const caret = start + variable.length;
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      el.setSelectionRange(caret, caret);
    });
  }

  return (
    <div
      role="group"
      aria-labelledby="output-variables-label"
      aria-describedby="output-variables-help"
      className="flex flex-wrap items-center gap-2"
    >
      <span id="output-variables-label" className="text-xs font-medium text-slate-700">
        Insert variable:
      </span>
      <span id="output-variables-help" className="sr-only">
        Inserts at the caret of the output name field you used last.
      </span>
      {OUTPUT_VARIABLES.map((v) => (
        <button
          key={v.value}
          type="button"
          title={`Insert ${v.value}: ${v.help}`}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => insert(v.value)}
          className="rounded-full border border-blue-300 bg-blue-50 px-2.5 py-0.5 font-mono text-xs text-blue-900 hover:bg-blue-100"
        >
          {v.value}
        </button>
      ))}
    </div>
  );
}
