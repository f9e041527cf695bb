"use client";
import type { MouseEvent, RefObject } from "react";
import { fieldId } from "./form-controls";
import type { Issue } from "./wizard-paths";

export const STEP_ERRORS_ID = "wizard-step-errors";

/**
 * The problems of the current step in one list, each a link to its control. Messages that belong to no control
 * (a whole-request rule) are only here, so nothing the schema says can go unseen.
 */
export function StepErrorSummary({
  issues,
  fallbackFocus,
}: {
  issues: readonly Issue[];
  fallbackFocus: RefObject<HTMLElement | null>;
}) {
  if (issues.length === 0) return null;
  const focus = (e: MouseEvent, path: string) => {
    e.preventDefault();
    (document.getElementById(fieldId(path)) ?? fallbackFocus.current)?.focus();
  };
  return (
    <div
      id={STEP_ERRORS_ID}
      tabIndex={-1}
      className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-950"
    >
      <p className="font-semibold">{issues.length === 1 ? "1 problem" : `${issues.length} problems`} on this step:</p>
      <ul className="mt-1 list-disc pl-5">
        {issues.map((i) => (
          <li key={i.path}>
            <a href={`#${fieldId(i.path)}`} className="underline" onClick={(e) => focus(e, i.path)}>
              {i.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
