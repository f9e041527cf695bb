import "server-only";
import { CiError } from "@/lib/ci/errors";
import { ApiProblem } from "@/lib/server/problem";
import { ciErrorBody } from "@/lib/server/ci-problem";
import type { ShownError } from "@/components/jobs/poll-error-banner";

/** A server-side failure as the page may show it: CI's code, message and RequestId; never a stack trace. */
export function toShownError(e: unknown): ShownError {
  if (e instanceof CiError) {
    const body = ciErrorBody(e);
    return { code: body.code, message: body.message, requestId: body.requestId, status: e.status };
  }
  if (e instanceof ApiProblem) return { code: e.code, message: e.message, status: e.status };
  return { code: "InternalError", message: "The dashboard server could not load this data. It will keep trying." };
}
