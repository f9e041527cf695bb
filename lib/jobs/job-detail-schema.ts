/**
 * CI's `JobsDetail` (docs/ci-api.md §1.2) as it arrives after XML parsing. Loose on purpose: CI may add elements; a
 * dashboard that tells the truth shows them rather than failing. Unknown states are kept as strings.
 */
import { z } from "zod";

const text = z.string().optional();
const xmlNode = z.record(z.string(), z.unknown());

export const jobDetailSchema = z.looseObject({
  JobId: z.string().min(1),
  Name: text,
  Type: text,
  State: z.string().min(1),
  Code: text,
  Message: text,
  CreationTime: text,
  StartTime: text,
  EndTime: text,
  Progress: text,
  Tag: text,
  QueueId: text,
  Input: xmlNode.optional(),
  Operation: xmlNode.optional(),
});
export type JobDetail = z.infer<typeof jobDetailSchema>;

/** `<Error>` bodies (docs/ci-api.md §3.1). */
export const ciErrorBodySchema = z.object({
  Error: z.looseObject({ Code: text, Message: text, RequestId: text, TraceId: text, Resource: text }),
});
