/**
 * A trigger without `Type` is a Workflow trigger: the workflow page marks Type optional (docs/ci-api.md §1.1) and
 * cos-go-sdk-v5's example (example/CI/workflow_and_job/inventory.go) sends none. We accept such a request as written
 * (and send it so); everything that reasons about the type asks here. Zod-free, for the wizard's Review too.
 */
export type RequestType = "Workflow" | "Job";

/** The type a stated or absent `Type` means; null for anything else (a stored request we cannot read). */
export function requestType(type: unknown): RequestType | null {
  if (type === undefined) return "Workflow";
  return type === "Workflow" || type === "Job" ? type : null;
}
