/**
 * The trigger Request (`POST /inventorytriggerjob`) as JSON whose keys are CI's element names. The wizard, the API
 * route and the XML builder all use this one schema, so what the form accepts is what the server accepts.
 */
import { z } from "zod";
import { CI_TIME_PATTERN, parseCiTime } from "./ci-time";
import {
  BUCKET_PATTERN,
  JOB_NAME_MAX,
  JOB_NAME_PATTERN,
  MAX_WORKFLOWS_PER_TRIGGER,
  QUEUE_ID_PATTERN,
  REGION_PATTERN,
  TEMPLATE_ID_PATTERN,
  WORKFLOW_ID_PATTERN,
} from "./patterns";
import { TAG_NAMES, TAGS_WITHOUT_OUTPUT, validateJobOperation } from "./tags";

// The rules live in ./patterns.ts (zod-free); re-exported for the modules that already import them from here.
export {
  BUCKET_PATTERN,
  JOB_NAME_MAX,
  JOB_NAME_PATTERN,
  MAX_WORKFLOWS_PER_TRIGGER,
  QUEUE_ID_PATTERN,
  REGION_PATTERN,
  TEMPLATE_ID_PATTERN,
  WORKFLOW_ID_PATTERN,
};

export const jobNameSchema = z
  .string()
  .min(1, "Name is required")
  .max(JOB_NAME_MAX, `Name is at most ${JOB_NAME_MAX} characters`)
  .regex(JOB_NAME_PATTERN, "Name may contain letters (Chinese included), digits, - and _ only");

const ciTime = z
  .string()
  .regex(CI_TIME_PATTERN, "Use CI's time format YYYY-MM-DDTHH:MM:SS+HHMM")
  .refine((v) => parseCiTime(v) !== null, "Not a real date and time");

const nonEmpty = (label: string, max = 1024) =>
  z.string().trim().min(1, `${label} is required`).max(max, `${label} is at most ${max} characters`);

export const INPUT_SOURCES = ["Prefix", "Object", "UrlFile", "Manifest"] as const;
export type InputSource = (typeof INPUT_SOURCES)[number];

export const inputSchema = z
  .strictObject({
    Prefix: z.string().max(1024).optional(),
    Object: z.string().max(1024).optional(),
    UrlFile: z.string().max(1024).optional(),
    Manifest: z.string().max(1024).optional(),
  })
  .superRefine((input, ctx) => {
    const given = INPUT_SOURCES.filter((k) => (input[k] ?? "") !== "");
    if (given.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message:
          given.length === 0
            ? "Choose one input: Prefix, Object, UrlFile or Manifest"
            : `Give exactly one input source, not ${given.join(" and ")}`,
      });
    }
  });

export const timeIntervalSchema = z
  .strictObject({ Start: ciTime.optional(), End: ciTime.optional() })
  .superRefine((t, ctx) => {
    const start = t.Start ? parseCiTime(t.Start) : null;
    const end = t.End ? parseCiTime(t.End) : null;
    if (start && end && start > end)
      ctx.addIssue({ code: "custom", path: ["End"], message: "End must be after Start" });
  });

export const outputSchema = z.strictObject({
  Region: z.string().regex(REGION_PATTERN, "Region looks like ap-beijing"),
  Bucket: z.string().regex(BUCKET_PATTERN, "Bucket looks like examplebucket-1250000000"),
  Object: z.string().max(1024).optional(),
  AuObject: z.string().max(1024).optional(),
  SpriteObject: z.string().max(1024).optional(),
  // VoiceSeparate's extra stems and overwrite switch (cos-go-sdk-v5 `JobOutput`: BassObject, DrumObject, Force).
  BassObject: z.string().max(1024).optional(),
  DrumObject: z.string().max(1024).optional(),
  Force: z.enum(["true", "false"], "Force is true or false").optional(),
  StreamExtract: z
    .array(z.strictObject({ Index: z.string().regex(/^\d+$/, "Index is a stream number"), Object: nonEmpty("Object") }))
    .max(20)
    .optional(),
});

const printableAscii = /^[\x20-\x7E]*$/;

export const callBackMqConfigSchema = z.strictObject({
  MqRegion: z.enum(["sh", "bj", "gz", "cd", "hk"]),
  MqMode: z.enum(["Queue", "Topic"]),
  MqName: nonEmpty("MqName", 256),
});

/** Kafka callbacks (cos-java-sdk-v5 BatchJobOperation `CallBackKafkaConfig`; cos-go-sdk-v5 `KafkaConfig`). */
export const callBackKafkaConfigSchema = z.strictObject({
  Region: z.string().regex(REGION_PATTERN, "Region looks like ap-guangzhou"),
  InstanceId: nonEmpty("InstanceId", 128),
  Topic: nonEmpty("Topic", 256),
});

const WORKFLOW_IDS_PATTERN = new RegExp(
  `^${WORKFLOW_ID_PATTERN.source.slice(1, -1)}(?:,${WORKFLOW_ID_PATTERN.source.slice(1, -1)}){0,${MAX_WORKFLOWS_PER_TRIGGER - 1}}$`,
);

const workflowOperationSchema = z.strictObject({
  TimeInterval: timeIntervalSchema.optional(),
  // One ID, or several separated by commas (docs/ci-api.md §1.1 "WorkflowIds"; the SDKs send it as one string).
  WorkflowIds: z
    .string()
    .regex(
      WORKFLOW_IDS_PATTERN,
      `A workflow ID looks like w7476ff3564ee45b7b490d64bccaba6cc; several (at most ${MAX_WORKFLOWS_PER_TRIGGER}) are separated by commas`,
    ),
});

export const jobOperationSchema = z
  .strictObject({
    TimeInterval: timeIntervalSchema.optional(),
    Tag: z.enum(TAG_NAMES, "Choose a Tag"),
    JobParam: z.record(z.string(), z.unknown()).optional(),
    Output: outputSchema.optional(),
    // UNCERTAIN (docs/ci-api.md §1.1): the newest sample has no QueueId, so it is optional.
    QueueId: z.string().regex(QUEUE_ID_PATTERN, "A queue ID looks like p893bcda225bf4945a378da6662e81a89").optional(),
    // A queue type instead of (or besides) a QueueId: `SpeedTranscoding` is the one value CI documents
    // (docs/ci-api.md §1.1 "Operation.QueueType"; cos-php-sdk-v5 Descriptions.php).
    QueueType: z.enum(["SpeedTranscoding"], "QueueType is SpeedTranscoding").optional(),
    FreeTranscode: z.enum(["true", "false"], "FreeTranscode is true or false").optional(),
    UserData: z
      .string()
      .max(1024, "UserData is at most 1024 characters")
      .regex(printableAscii, "UserData must be printable ASCII")
      .optional(),
    JobLevel: z.enum(["0", "1", "2"]).optional(),
    CallBack: z.string().max(1024).optional(),
    // The SDK demos write it in lower case too (`json`); sent as written.
    CallBackFormat: z.enum(["JSON", "XML", "json", "xml"], "CallBackFormat is JSON or XML").optional(),
    CallBackType: z.enum(["Url", "TDMQ", "Kafka"], "CallBackType is Url, TDMQ or Kafka").optional(),
    CallBackMqConfig: callBackMqConfigSchema.optional(),
    CallBackKafkaConfig: callBackKafkaConfigSchema.optional(),
  })
  .superRefine((op, ctx) => {
    const needsOutput = !(TAGS_WITHOUT_OUTPUT as readonly string[]).includes(op.Tag);
    if (needsOutput && !op.Output)
      ctx.addIssue({ code: "custom", path: ["Output"], message: `${op.Tag} needs an Output` });
    if (!needsOutput && op.Output)
      ctx.addIssue({ code: "custom", path: ["Output"], message: `${op.Tag} takes no Output` });
    if (op.CallBackType === "TDMQ" && !op.CallBackMqConfig)
      ctx.addIssue({
        code: "custom",
        path: ["CallBackMqConfig"],
        message: "TDMQ callbacks need MqRegion, MqMode and MqName",
      });
    if (op.CallBackType !== "TDMQ" && op.CallBackMqConfig)
      ctx.addIssue({
        code: "custom",
        path: ["CallBackMqConfig"],
        message: "CallBackMqConfig is only for CallBackType TDMQ",
      });
    if (op.CallBackType === "Kafka" && !op.CallBackKafkaConfig)
      ctx.addIssue({
        code: "custom",
        path: ["CallBackKafkaConfig"],
        message: "Kafka callbacks need Region, InstanceId and Topic",
      });
    if (op.CallBackType !== "Kafka" && op.CallBackKafkaConfig)
      ctx.addIssue({
        code: "custom",
        path: ["CallBackKafkaConfig"],
        message: "CallBackKafkaConfig is only for CallBackType Kafka",
      });
    if (op.CallBack && op.CallBack !== "no" && !/^https?:\/\/\S+$/.test(op.CallBack))
      ctx.addIssue({ code: "custom", path: ["CallBack"], message: "CallBack is an http(s) URL, or no" });
    validateJobOperation(op as Record<string, unknown>, ctx);
  });

export const workflowRequestSchema = z.strictObject({
  Name: jobNameSchema,
  // Optional: CI reads a request without Type as Workflow (lib/jobs/request-type.ts); it is then sent without one.
  Type: z.literal("Workflow").optional(),
  Input: inputSchema,
  Operation: workflowOperationSchema,
});

export const jobRequestSchema = z.strictObject({
  Name: jobNameSchema,
  Type: z.literal("Job"),
  Input: inputSchema,
  Operation: jobOperationSchema,
});

export const triggerRequestSchema = z.discriminatedUnion("Type", [workflowRequestSchema, jobRequestSchema], {
  error: "Type must be Workflow or Job",
});

export type TriggerRequest = z.infer<typeof triggerRequestSchema>;
export type WorkflowRequest = z.infer<typeof workflowRequestSchema>;
export type JobRequest = z.infer<typeof jobRequestSchema>;
export type JobOperation = z.infer<typeof jobOperationSchema>;
export type JobOutput = z.infer<typeof outputSchema>;
