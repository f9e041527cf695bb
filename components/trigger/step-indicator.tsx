"use client";
import { WIZARD_STEPS, type WizardStep } from "@/lib/jobs/draft";

/**
 * Where the person is: an ordered list with aria-current="step". Earlier steps are buttons (going back keeps every
 * value); later steps are reached only with Next, which checks the current step first.
 */
export function StepIndicator({
  current,
  skipped,
  errorSteps,
  onGo,
}: {
  current: WizardStep;
  skipped: readonly WizardStep[];
  errorSteps: readonly WizardStep[];
  onGo: (step: WizardStep) => void;
}) {
  return (
    <nav aria-label="Steps">
      <ol className="flex flex-wrap gap-2 text-sm">
        {WIZARD_STEPS.map((label, i) => {
          const step = i as WizardStep;
          const isCurrent = step === current;
          const isSkipped = skipped.includes(step);
          const hasError = errorSteps.includes(step);
          const reachable = !isSkipped && step < current;
          const text = (
            <>
              <span
                aria-hidden="true"
                className={`inline-flex h-6 w-6 items-center justify-center rounded-full text-xs font-semibold ${
                  isCurrent
                    ? "bg-blue-700 text-white"
                    : step < current
                      ? "bg-blue-100 text-blue-900"
                      : "bg-slate-200 text-slate-700"
                }`}
              >
                {i + 1}
              </span>
              <span className={isSkipped ? "line-through" : ""}>{label}</span>
              {isSkipped && <span className="sr-only"> (not used for workflows)</span>}
              {hasError && <span className="font-semibold text-red-700"> (has errors)</span>}
            </>
          );
          return (
            <li key={label} aria-current={isCurrent ? "step" : undefined} className="flex items-center">
              {reachable ? (
                <button
                  type="button"
                  onClick={() => onGo(step)}
                  className="flex items-center gap-2 rounded-md px-2 py-1 text-slate-800 underline-offset-2 hover:underline"
                >
                  {text}
                </button>
              ) : (
                <span
                  className={`flex items-center gap-2 px-2 py-1 ${isCurrent ? "font-semibold text-slate-950" : "text-slate-600"}`}
                >
                  {text}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
