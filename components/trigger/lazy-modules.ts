/**
 * The wizard's heavy code, loaded on demand: the shared schema (zod and every Tag module, ~100 kB gzip) is needed for
 * the first check, not to show step 1. Loading starts at the person's first interaction with the form, so it is
 * normally there before they press Next.
 */
let validation: Promise<typeof import("./wizard-validation")> | undefined;
let registry: Promise<typeof import("./tag-registry")> | undefined;

export function loadValidation() {
  validation ??= import("./wizard-validation");
  return validation;
}

export function loadRegistry() {
  registry ??= import("./tag-registry");
  return registry;
}

/** Warms every lazily loaded part of the wizard (on first interaction). */
export function prefetchWizardCode(): void {
  void loadValidation();
  void import("./steps/operation-step");
  void import("./steps/output-step");
  void import("./steps/review-step");
}
