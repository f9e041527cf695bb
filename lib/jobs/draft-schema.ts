/**
 * Validation of a stored wizard draft (sessionStorage is input like any other). Kept apart from draft.ts so that zod
 * is loaded only when there is a draft to check.
 */
import { z } from "zod";
import {
  discardDraft,
  INPUT_SOURCE_VALUES,
  readDraftText,
  type Draft,
  type DraftStorage,
  type ParamValue,
  type WizardValues,
} from "./draft";
import { TAG_NAMES } from "./tags/names";

const str = z.string().max(4096);

const paramValueSchema: z.ZodType<ParamValue> = z.lazy(() =>
  z.union([str, z.array(paramValueSchema).max(100), z.record(z.string().max(64), paramValueSchema.optional())]),
);

export const wizardValuesSchema = z.object({
  bucket: z.string().max(200),
  Name: z.string().max(1024),
  Type: z.enum(["Workflow", "Job"]),
  inputSource: z.enum(INPUT_SOURCE_VALUES),
  Input: z.object({ Prefix: str, Object: str, UrlFile: str, Manifest: str }),
  paramMode: z.enum(["template", "inline"]),
  Operation: z.object({
    TimeInterval: z.object({ Start: str, End: str }),
    WorkflowIds: str,
    Tag: z.union([z.enum(TAG_NAMES), z.literal("")]),
    JobParam: z.record(z.string().max(64), paramValueSchema.optional()),
    QueueId: str,
    QueueType: str.default(""),
    FreeTranscode: str.default(""),
    UserData: str,
    JobLevel: str,
    CallBack: str,
    CallBackFormat: str,
    CallBackType: str,
    CallBackMqConfig: z.object({ MqRegion: str, MqMode: str, MqName: str }),
    // Added after drafts were first stored: absent in an older draft means empty.
    CallBackKafkaConfig: z
      .object({ Region: str, InstanceId: str, Topic: str })
      .default({ Region: "", InstanceId: "", Topic: "" }),
    Output: z.object({
      Region: str,
      Bucket: str,
      Object: str,
      AuObject: str,
      BassObject: str.default(""),
      DrumObject: str.default(""),
      SpriteObject: str,
      StreamExtract: z.array(z.object({ Index: str, Object: str })).max(20),
      Force: str.default(""),
    }),
  }),
}) satisfies z.ZodType<WizardValues>;

export const draftSchema = z.object({
  version: z.literal(1),
  savedAt: z.string().max(64),
  step: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  values: wizardValuesSchema,
  idempotency: z.object({ key: z.string().min(8).max(128), fingerprint: z.string().max(100_000) }).optional(),
  sourceJobId: z.string().max(64).optional(),
}) satisfies z.ZodType<Draft>;

/** The stored draft, or null when there is none or it fails validation (a bad draft is removed, never half-used). */
export function loadDraft(storage: DraftStorage | undefined, key: string): Draft | null {
  const raw = readDraftText(storage, key);
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const result = draftSchema.safeParse(parsed);
  if (!result.success) {
    discardDraft(storage, key);
    return null;
  }
  return result.data;
}
