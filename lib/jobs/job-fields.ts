/**
 * The scalar elements of a `JobsDetail` (docs/ci-api.md §1.3) that we read by name. Zod-free, so the job page can
 * tell "shown by name" from "other fields from CI" without loading the schema that reads them
 * (lib/jobs/job-detail-schema.ts).
 */
export const JOB_SCALAR_FIELDS = [
  "JobId",
  "Name",
  "Type",
  "State",
  "Code",
  "Message",
  "CreationTime",
  "StartTime",
  "EndTime",
  "Progress",
  "Tag",
  "QueueId",
] as const;
