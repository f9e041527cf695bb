import "server-only";
import { createHash } from "node:crypto";
import { CiError } from "@/lib/ci/errors";
import type { TriggerRequest } from "@/lib/jobs/request-schema";
import { redactSecretsDeep } from "../audit-redact";
import { ciErrorAnswer } from "../ci-problem";
import { getRuntime } from "../ci-runtime";
import { getConfig } from "../config";
import { IDEMPOTENCY_KEY_PATTERN, type StoredAnswer } from "../idempotency";
import type { Identity } from "../identity";
import { ApiProblem } from "../problem";
import { stableStringify } from "@/lib/jobs/stable-json";
import { failureOutcome, writeIntent, writeOutcome } from "./audit-writes";
import { resolveTarget } from "./target";

/** Anything the output-bucket allowlist (when set) refuses. */
function checkOutputBucket(request: TriggerRequest) {
  const allow = getConfig().outputBucketAllowlist;
  if (request.Type !== "Job" || allow.length === 0) return;
  const out = request.Operation.Output?.Bucket;
  if (out && !allow.includes(out)) {
    throw new ApiProblem(
      400,
      "OutputBucketNotAllowed",
      `Operation.Output.Bucket: ${out} is not an allowed output bucket`,
      {
        fields: [{ path: "Operation.Output.Bucket", message: `Allowed: ${allow.join(", ")}` }],
      },
    );
  }
}

/**
 * Sends a trigger to CI at most once per Idempotency-Key: a retry of the same request gets the first answer.
 * Returns the HTTP answer to give (201 with the job, or the remembered/CI error).
 */
export async function submitTrigger(
  identity: Identity,
  request: TriggerRequest,
  opts: {
    bucket?: string | null;
    idempotencyKey?: string | null;
    /** Runs before anything is recorded or sent, only when CI will really be called (not on a replay): retry's list write. */
    prepare?: () => Promise<void>;
    /** Runs right after the audit intent is written (retry links the row to its source batch). */
    onIntent?: (auditId: string) => Promise<void>;
  },
): Promise<StoredAnswer> {
  const target = resolveTarget(opts.bucket);
  checkOutputBucket(request);
  const { client, reads, idempotency } = getRuntime();
  const send = async (): Promise<{ answer: StoredAnswer; remember: boolean }> => {
    await opts.prepare?.();
    const auditId = await writeIntent({
      identity,
      action: "trigger",
      bucket: target.bucket,
      request,
      idempotencyKey: opts.idempotencyKey ?? undefined,
    });
    await opts.onIntent?.(auditId);
    try {
      const { job, requestId } = await client.triggerJob(target, request);
      await reads.clear(`${target.bucket}|list|`); // the new job must show on the next poll (on every instance)
      await writeOutcome(auditId, { outcome: "success", jobId: job.JobId, ciRequestId: requestId }, "trigger");
      return { answer: { status: 201, body: { job: redactSecretsDeep(job), requestId } }, remember: true };
    } catch (e) {
      if (!(e instanceof CiError)) throw e;
      await writeOutcome(auditId, failureOutcome(e), "trigger");
      // Remember an unknown outcome so a retry cannot create a second job; a definite refusal frees the key.
      return { answer: ciErrorAnswer(e), remember: e.outcomeUnknown };
    }
  };
  const key = opts.idempotencyKey;
  if (!key) return (await send()).answer;
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ApiProblem(400, "ValidationError", "Idempotency-Key: 8–128 letters, digits, - or _", {
      fields: [{ path: "Idempotency-Key", message: "8–128 letters, digits, - or _" }],
    });
  }
  const fingerprint = createHash("sha256").update(stableStringify(request)).digest("hex");
  const claim = await idempotency.begin(`${identity.id}|${target.bucket}`, key, fingerprint);
  if (claim.kind === "replay") return claim.answer;
  if (claim.kind === "mismatch") {
    throw new ApiProblem(422, "IdempotencyKeyReused", "This Idempotency-Key was already used for a different request");
  }
  try {
    const { answer, remember } = await send();
    claim.complete(answer, remember);
    return answer;
  } catch (e) {
    claim.complete({ status: 500, body: null }, false);
    throw e;
  }
}
