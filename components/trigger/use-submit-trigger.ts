"use client";
/**
 * Sending the trigger: POST /api/jobs once per click (a click while one is in flight does nothing), with the
 * Review's Idempotency-Key. Success leaves for the job's page; a refusal naming fields goes back to the form; any
 * other failure stays on Review, and an answer that never came is said to be unknown, never retried by itself.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "@/components/ui/toast";
import { jobHref } from "@/components/jobs/job-links";
import type { WizardValues } from "@/lib/jobs/draft";
import type { TriggerRequest } from "@/lib/jobs/request-schema";
import { rememberTriggeredJob } from "@/lib/jobs/watch-list";
import { ApiError, apiFetch } from "@/lib/query/api-fetch";
import { jobKeys } from "@/lib/query/jobs";
import type { SubmitProblem } from "./steps/review-step";
import { issuesFromServer, type Issue } from "./wizard-paths";
import type { TriggerAnswer } from "@/lib/jobs/api-contract";

/** Any failure as an ApiError; a request that got no answer at all may have created the job. */
export function toSubmitError(e: unknown): ApiError {
  const error =
    e instanceof ApiError
      ? e
      : new ApiError(0, { code: "ClientError", message: e instanceof Error ? e.message : String(e) });
  return error.code === "NetworkError"
    ? new ApiError(0, { code: error.code, message: error.message, outcomeUnknown: true })
    : error;
}

export function useSubmitTrigger({
  defaultBucket,
  onCreated,
  onFieldIssues,
}: {
  defaultBucket: string | undefined;
  /** Called before leaving for the job page (forget the draft). */
  onCreated: () => void;
  onFieldIssues: (issues: Issue[]) => void;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<SubmitProblem | null>(null);
  const inFlight = useRef(false);

  /** Runs one submit attempt; returns at once when another is still running. */
  async function guard(run: () => Promise<boolean>) {
    if (inFlight.current) return;
    inFlight.current = true;
    setPending(true);
    setProblem(null);
    let leaving = false;
    try {
      leaving = await run();
    } finally {
      // After success the page is being left: stay locked so nothing can be sent twice.
      if (!leaving) {
        inFlight.current = false;
        setPending(false);
      }
    }
  }

  /** POSTs the validated request; true when the job was created (and we are navigating to it). */
  async function send(request: TriggerRequest, values: WizardValues, idempotencyKey: string): Promise<boolean> {
    try {
      const res = await apiFetch<TriggerAnswer>(`/api/jobs?bucket=${encodeURIComponent(values.bucket)}`, {
        method: "POST",
        json: request,
        headers: { "Idempotency-Key": idempotencyKey },
      });
      onCreated();
      rememberTriggeredJob(res.job.JobId);
      void queryClient.invalidateQueries({ queryKey: jobKeys.all });
      toast.success(`Job ${request.Name} created`, { description: res.job.JobId });
      router.push(jobHref(res.job.JobId, values.bucket !== defaultBucket ? values.bucket : null));
      return true;
    } catch (e) {
      const error = toSubmitError(e);
      if (error.fields?.length && !error.outcomeUnknown) {
        toast.error("Some values were refused: they are marked on the form.");
        onFieldIssues(issuesFromServer(error.fields, values));
      } else {
        setProblem({ error, name: request.Name });
      }
      return false;
    }
  }

  return { pending, problem, setProblem, guard, send };
}
