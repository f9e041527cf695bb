/**
 * CI's `JobsDetail` (docs/ci-api.md §1.2) as it arrives after XML parsing. Loose on purpose: CI may add elements; a
 * dashboard that tells the truth shows them rather than failing. Unknown states are kept as strings.
 */
import { z } from "zod";
import { JOB_SCALAR_FIELDS } from "./job-fields";

const text = z.string().optional();
const xmlNode = z.record(z.string(), z.unknown());

/** An element the page reads as a block of elements; an empty one (`<JobParam/>`) is an empty block. */
const block = z.union([xmlNode, z.literal("")]);
/** A text element CI may repeat where we expect one (fast-xml-parser then gives a list; xmlText joins it). */
const texts = z.union([z.string(), z.array(z.string())]);

/**
 * The Operation elements the job page, the CSV, the name look-up and Duplicate read by name: each must have the
 * shape they expect, or the job is marked instead of showing text where a block belongs (or losing a block that
 * arrived as text). Anything else CI adds passes as it is.
 */
const operationSchema = z.looseObject({
  Tag: text,
  QueueId: texts.optional(),
  QueueType: text,
  JobLevel: text,
  UserData: text,
  CallBack: text,
  CallBackFormat: text,
  CallBackType: text,
  WorkflowIds: texts.optional(),
  JobParam: block.optional(),
  Output: block.optional(),
  TimeInterval: block.optional(),
  CallBackMqConfig: block.optional(),
  CallBackKafkaConfig: block.optional(),
});

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
  Operation: operationSchema.optional(),
});
export type JobDetail = z.infer<typeof jobDetailSchema> & {
  /**
   * Set (by us, never by CI: CI's elements are PascalCase) when CI's `JobsDetail` did not fit the schema above. The
   * job is then shown with what could be read and a visible "details not understood" marker instead of breaking the
   * whole page (issue 12: one odd job never breaks a page).
   */
  detailsProblem?: string;
};

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** Input or Operation as read, without the children an issue named (they did not fit and are not shown). */
function keptBlock(
  value: unknown,
  name: string,
  issues: readonly z.core.$ZodIssue[],
): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  const odd = new Set(issues.filter((i) => i.path[0] === name && i.path.length > 1).map((i) => String(i.path[1])));
  return Object.fromEntries(Object.entries(value).filter(([k]) => !odd.has(k)));
}

/**
 * Reads one `JobsDetail` tolerantly: a job that fits the schema is returned as parsed; one that does not keeps every
 * scalar field that is plain text (JobId, Name, State, times…) and the Input/Operation blocks that are objects
 * (without the children that did not fit), plus `detailsProblem` naming the first element that did not fit. A job
 * without a readable State is "Unknown".
 */
export function readJobDetail(value: unknown): JobDetail {
  const parsed = jobDetailSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const issue = issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join(".") : "JobsDetail";
  const problem = `${where}: ${issue?.message ?? "not understood"}`;
  const src = isRecord(value) ? value : {};
  const out: Record<string, unknown> = {};
  for (const key of JOB_SCALAR_FIELDS) {
    const v = src[key];
    if (typeof v === "string" && v !== "") out[key] = v;
  }
  const input = keptBlock(src.Input, "Input", issues);
  if (input) out.Input = input;
  const operation = keptBlock(src.Operation, "Operation", issues);
  if (operation) out.Operation = operation;
  return {
    ...(out as Partial<JobDetail>),
    JobId: (out.JobId as string | undefined) ?? "",
    State: (out.State as string | undefined) ?? "Unknown",
    detailsProblem: problem,
  };
}

/** `<Error>` bodies (docs/ci-api.md §3.1). */
export const ciErrorBodySchema = z.object({
  Error: z.looseObject({ Code: text, Message: text, RequestId: text, TraceId: text, Resource: text }),
});

/**
 * JSON error bodies `{ "code": …, "message": …, "request_id": … }`: some CI front ends answer errors in JSON, and the
 * official Go SDK reads them when the XML has no Code (cos-go-sdk-v5 `error.go`, `checkResponse` / `jsonError`,
 * where `code` is a number). We accept a number or a string; the other spellings seen in Tencent APIs are read too.
 */
export const ciJsonErrorBodySchema = z
  .looseObject({
    code: z.union([z.string(), z.number()]).optional(),
    Code: z.union([z.string(), z.number()]).optional(),
    message: text,
    Message: text,
    request_id: text,
    requestId: text,
    RequestId: text,
  })
  .transform((b) => {
    const code = b.code ?? b.Code;
    return {
      Code: code === undefined || code === "" ? undefined : String(code),
      Message: b.message ?? b.Message,
      RequestId: b.request_id ?? b.requestId ?? b.RequestId,
    };
  });
