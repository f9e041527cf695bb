/** Errors our routes answer with, in one JSON shape: `{ error: { code, message, requestId?, fields?, … } }`. */
import type { z } from "zod";
import type { DashboardErrorCode } from "@/lib/jobs/error-codes";

export type { DashboardErrorCode, ErrorCode } from "@/lib/jobs/error-codes";

export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: DashboardErrorCode;
  readonly fields?: FieldProblem[];
  readonly extra?: Record<string, unknown>;

  constructor(
    status: number,
    code: DashboardErrorCode,
    message: string,
    opts: { fields?: FieldProblem[]; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = "ApiProblem";
    this.status = status;
    this.code = code;
    this.fields = opts.fields;
    this.extra = opts.extra;
  }
}

/** Turns zod issues into per-field messages (`Operation.Output.Object: …`), prefixing a location such as `query`. */
export function fieldsFromZod(error: z.ZodError, prefix?: string): FieldProblem[] {
  return error.issues.slice(0, 50).map((issue) => {
    const path = issue.path.map(String).join(".");
    return { path: [prefix, path].filter(Boolean).join(".") || (prefix ?? ""), message: issue.message };
  });
}

/** A 400 naming every bad field; the summary names the first. */
export function validationProblem(error: z.ZodError, where: string, prefix?: string): ApiProblem {
  const fields = fieldsFromZod(error, prefix);
  const first = fields[0];
  const summary = first ? `${first.path || where}: ${first.message}` : `Invalid ${where}`;
  return new ApiProblem(400, "ValidationError", `Invalid ${where}. ${summary}`, { fields });
}
