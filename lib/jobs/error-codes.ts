/**
 * The `code` of every error the dashboard's own routes answer with (`{ error: { code, message, … } }`), shared by
 * the route handlers (lib/server/problem.ts) and the screens that react to a particular code. CI's own codes
 * (`InvalidParameter`, `SlowDown`…) pass through as CI sent them, so an answer's code is `DashboardErrorCode` or
 * any CI string.
 */
import { RETRY_ERROR_CODES } from "./batch-files";

export const DASHBOARD_ERROR_CODES = [
  "ValidationError",
  "MalformedJson",
  "BodyTooLarge",
  "UnknownBucket",
  "OutputBucketNotAllowed",
  "NoSuchJob",
  "JobFinished",
  "IdempotencyKeyReused",
  "AuditUnavailable",
  "TooManyRequests",
  "Unauthenticated",
  "NoAccess",
  "Forbidden",
  "CrossOriginRefused",
  "JsonRequired",
  "MisdirectedRequest",
  "MetricsTokenRequired",
  "LoopbackOnly",
  "ConfigurationError",
  "InternalError",
  // Made in the browser (lib/query/api-fetch.ts) when the dashboard server cannot be reached.
  "NetworkError",
  // The files routes (./batch-files.ts): a file the batch never touched, a batch whose files CI cannot list (no
  // WorkflowId or Tag to ask by), a retry CI could not express (lib/server/jobs/retry.ts), and the retry refusals.
  "NoSuchFile",
  "BatchFilesUnavailable",
  "RetryNotPossible",
  ...RETRY_ERROR_CODES,
] as const;

export type DashboardErrorCode = (typeof DASHBOARD_ERROR_CODES)[number];

/** A code as it reaches a screen: one of ours, or CI's own (kept as a plain string, still autocompleting ours). */
export type ErrorCode = DashboardErrorCode | (string & {});
