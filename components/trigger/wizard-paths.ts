/**
 * Form paths of the wizard: which step shows which path, how a Request path (from the schema or the API's `fields`)
 * maps onto the control that fixes it, and react-hook-form error trees flattened and nested. Light on purpose: the
 * schema itself (zod and every Tag) is in wizard-validation.ts, loaded when first needed.
 */
import { set, type FieldErrors } from "react-hook-form";
import type { WizardStep, WizardValues } from "@/lib/jobs/draft";

export interface Issue {
  /** Form path (react-hook-form dot notation, list indexes as `.0`). */
  path: string;
  message: string;
}

/** The form paths each step shows (a path belongs to a step when it is one of these or lies under one). */
export const STEP_PATHS: readonly (readonly string[])[] = [
  ["bucket", "Name", "Type"],
  ["inputSource", "Input", "Operation.TimeInterval"],
  [
    "paramMode",
    "Operation.WorkflowIds",
    "Operation.Tag",
    "Operation.JobParam",
    "Operation.QueueId",
    "Operation.QueueType",
    "Operation.FreeTranscode",
  ],
  [
    "Operation.Output",
    "Operation.JobLevel",
    "Operation.UserData",
    "Operation.CallBack",
    "Operation.CallBackFormat",
    "Operation.CallBackType",
    "Operation.CallBackMqConfig",
    "Operation.CallBackKafkaConfig",
  ],
  ["root"],
];

/** The step that shows a form path (Review, 4, for paths no step owns). */
export function stepOfPath(path: string): WizardStep {
  const i = STEP_PATHS.findIndex((paths) => paths.some((p) => path === p || path.startsWith(`${p}.`)));
  return (i === -1 ? 4 : i) as WizardStep;
}

/** The root of react-hook-form errors that belong to no control; shown in the step's summary and on Review. */
export const GENERAL_ERROR_PATH = "root.request";

/** Request path (dots, `[i]` or `.i` for lists) → the form path of the control that shows it. */
export function toFormPath(requestPath: string, values: Pick<WizardValues, "inputSource" | "Operation">): string {
  const path = requestPath.replace(/\[(\d+)\]/g, ".$1").replace(/\.root$/, "");
  switch (path) {
    case "":
    case "Operation":
      return GENERAL_ERROR_PATH;
    case "Input":
      return `Input.${values.inputSource}`;
    case "Operation.Output":
      return values.Operation.Tag === "StreamExtract" ? "Operation.Output.StreamExtract" : "Operation.Output.Object";
    case "Operation.CallBackMqConfig":
      return "Operation.CallBackMqConfig.MqName";
    case "Operation.CallBackKafkaConfig":
      return "Operation.CallBackKafkaConfig.InstanceId";
    case "Operation.TimeInterval":
      return "Operation.TimeInterval.Start";
    default:
      return path;
  }
}

/** Flattens react-hook-form's nested errors into `{ path, message }` leaves (parents before children). */
export function flattenErrors(node: unknown, prefix = "", out: Issue[] = []): Issue[] {
  if (!node || typeof node !== "object") return out;
  const n = node as Record<string, unknown>;
  if (typeof n.message === "string" && typeof n.type === "string") out.push({ path: prefix, message: n.message });
  for (const [k, v] of Object.entries(n)) {
    if (k === "message" || k === "type" || k === "ref" || k === "types") continue;
    flattenErrors(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

/** One message per form path, first one wins (the schema reports the most basic problem first). */
export function dedupeIssues(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => (seen.has(i.path) ? false : (seen.add(i.path), true)));
}

/** Server `fields` (Request paths) → form issues. */
export function issuesFromServer(fields: readonly { path: string; message: string }[], values: WizardValues): Issue[] {
  return dedupeIssues(
    fields.map((f) => ({ path: toFormPath(f.path.replace(/^request\./, ""), values), message: f.message })),
  );
}

/** Nests issues as react-hook-form errors; parents first, so a group's own message and its children's coexist. */
export function nestIssues(issues: readonly Issue[]): FieldErrors<WizardValues> {
  const errors = {};
  for (const i of [...issues].sort((a, b) => a.path.split(".").length - b.path.split(".").length)) {
    set(errors, i.path, { type: "schema", message: i.message });
  }
  return errors;
}
