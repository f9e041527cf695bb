/**
 * Validation of the wizard: the form values are turned into the minimal Request (draftToRequest) and checked with
 * the shared triggerRequestSchema through zodResolver, so the form accepts exactly what the server accepts. Issue
 * paths come back as form paths (wizard-paths.ts). This module brings zod and every Tag: the wizard imports it
 * lazily, when the first check is due.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import type { Resolver } from "react-hook-form";
import { z } from "zod";
import type { WizardValues } from "@/lib/jobs/draft";
import { draftToRequest } from "@/lib/jobs/draft-request";
import { triggerRequestSchema, type TriggerRequest } from "@/lib/jobs/request-schema";
import { lookupTag } from "./tag-registry";
import { dedupeIssues, flattenErrors, nestIssues, toFormPath, type Issue } from "./wizard-paths";

/** Form values → Request → triggerRequestSchema. The schema's output is the Request to send. */
export const wizardRequestSchema = z.preprocess(
  (values) => draftToRequest(values as WizardValues, lookupTag),
  triggerRequestSchema,
);

// z.preprocess accepts `unknown`; tell the resolver that its input is the form's values.
const baseResolver = zodResolver(wizardRequestSchema as unknown as z.ZodType<TriggerRequest, WizardValues>);

export type WizardCheck = { ok: true; request: TriggerRequest } | { ok: false; issues: Issue[] };

/** Validates everything; issue paths are form paths. */
export async function checkWizard(values: WizardValues): Promise<WizardCheck> {
  const result = await baseResolver(values as never, undefined, {
    fields: {},
    shouldUseNativeValidation: false,
    criteriaMode: "firstError",
  });
  const flat = flattenErrors(result.errors);
  if (flat.length === 0) return { ok: true, request: result.values as TriggerRequest };
  return {
    ok: false,
    issues: dedupeIssues(flat.map((i) => ({ path: toFormPath(i.path, values), message: i.message }))),
  };
}

/** The form's resolver (used by handleSubmit on Review): the shared schema, with errors on the form's own paths. */
export const wizardResolver: Resolver<WizardValues, unknown, TriggerRequest> = async (values) => {
  const check = await checkWizard(values);
  return check.ok ? { values: check.request, errors: {} } : { values: {}, errors: nestIssues(check.issues) };
};
