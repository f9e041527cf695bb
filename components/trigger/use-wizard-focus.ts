"use client";
// Where focus lands in the wizard is a rule of its own (accessibility), apart from the steps and validation.
import { useEffect, useRef, useState } from "react";
import type { WizardStep } from "@/lib/jobs/draft";
import { STEP_ERRORS_ID } from "./step-error-summary";

/**
 * Focus: the step heading after a step change (screen readers hear where they are), the first error after a check.
 * Set `stepChanged.current` before changing the step; call `focusFirstError()` after a check that found issues.
 */
export function useWizardFocus(step: WizardStep) {
  const [focusTick, setFocusTick] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const stepChanged = useRef(false);

  useEffect(() => {
    if (stepChanged.current) {
      stepChanged.current = false;
      headingRef.current?.focus();
    }
  }, [step]);
  useEffect(() => {
    if (!focusTick) return;
    const raf = requestAnimationFrame(() => {
      const el =
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? document.getElementById(STEP_ERRORS_ID);
      el?.focus();
      el?.scrollIntoView?.({ block: "center" });
    });
    return () => cancelAnimationFrame(raf);
  }, [focusTick]);

  return { headingRef, formRef, stepChanged, focusFirstError: () => setFocusTick((t) => t + 1) };
}
