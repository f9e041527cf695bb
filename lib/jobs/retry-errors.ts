/** The retry routes' refusals (RETRY_ERROR_CODES) in plain words, for the retry dialog. */
import type { RetryErrorCode } from "./batch-files";

/** What each retry refusal means and what to do about it, for a person (the server's message is shown beside it). */
export const RETRY_ERROR_EXPLANATIONS: Record<RetryErrorCode, { title: string; advice: string }> = {
  RetryNotConfigured: {
    title: "Retry is not set up on this dashboard",
    advice:
      "A retry writes the list of failed files into the input bucket, under the folder named by the server setting RETRY_LIST_PREFIX (for example retry-lists/). Ask whoever runs the dashboard to set it. Meanwhile, “Download failed files” still works.",
  },
  RetryBatchNotFinished: {
    title: "The batch is still running",
    advice: "Its counts are not final yet. Retry becomes available once the batch has finished.",
  },
  RetryNothingToRetry: {
    title: "No failed files",
    advice: "Every file of this batch ended without failing: there is nothing to retry.",
  },
  RetryTooManyFiles: {
    title: "Too many failed files for one retry",
    advice: "One URL list cannot hold them all. Download the failed files and split them into smaller batches.",
  },
};

/** The explanation of a retry error code, or null for codes that are not retry refusals. */
export function explainRetryError(code: string): { title: string; advice: string } | null {
  return Object.hasOwn(RETRY_ERROR_EXPLANATIONS, code) ? RETRY_ERROR_EXPLANATIONS[code as RetryErrorCode] : null;
}
