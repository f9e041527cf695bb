/**
 * The trigger wizard's draft: the form values as the person typed them (strings everywhere, every step's fields
 * present), plus where they were and the Idempotency-Key of the Review they opened. Kept in sessionStorage so a
 * reload loses nothing, and validated on the way back in: storage is input like any other.
 */
import { z } from "zod";
import { TAG_NAMES } from "./tags/names";

export const INPUT_SOURCE_VALUES = ["Prefix", "Object", "UrlFile", "Manifest"] as const;
export const WIZARD_STEPS = ["Basics", "Input", "Operation", "Output & delivery", "Review"] as const;
export type WizardStep = 0 | 1 | 2 | 3 | 4;

const str = z.string().max(4096);

/** JobParam values are nested strings, string lists and groups (see lib/jobs/tags/types.ts FieldSpec). */
export type ParamValue = string | ParamValue[] | { [key: string]: ParamValue | undefined };
const paramValueSchema: z.ZodType<ParamValue> = z.lazy(() =>
  z.union([str, z.array(paramValueSchema).max(100), z.record(z.string().max(64), paramValueSchema.optional())]),
);

export const wizardValuesSchema = z.object({
  /** Target bucket (sent as `?bucket=`), not part of CI's Request. */
  bucket: z.string().max(200),
  Name: z.string().max(1024),
  Type: z.enum(["Workflow", "Job"]),
  /** Which of the four Input elements is sent; the other three keep what was typed but are not sent. */
  inputSource: z.enum(INPUT_SOURCE_VALUES),
  Input: z.object({ Prefix: str, Object: str, UrlFile: str, Manifest: str }),
  /** `template`: JobParam.TemplateId replaces the Tag's own parameters (ci-api.md §4.0 "TemplateId takes precedence"). */
  paramMode: z.enum(["template", "inline"]),
  Operation: z.object({
    /** `datetime-local` values in the browser's zone (`YYYY-MM-DDTHH:MM[:SS]`); converted to CI's format on send. */
    TimeInterval: z.object({ Start: str, End: str }),
    WorkflowIds: str,
    Tag: z.union([z.enum(TAG_NAMES), z.literal("")]),
    // Typed loosely on purpose: a recursive type here makes react-hook-form's path types explode; values are checked.
    JobParam: z.record(z.string().max(64), paramValueSchema.optional()) as z.ZodType<Record<string, unknown>>,
    QueueId: str,
    UserData: str,
    JobLevel: str,
    CallBack: str,
    CallBackFormat: str,
    CallBackType: str,
    CallBackMqConfig: z.object({ MqRegion: str, MqMode: str, MqName: str }),
    Output: z.object({
      Region: str,
      Bucket: str,
      Object: str,
      AuObject: str,
      SpriteObject: str,
      StreamExtract: z.array(z.object({ Index: str, Object: str })).max(20),
    }),
  }),
});
export type WizardValues = z.infer<typeof wizardValuesSchema>;

/** Empty values for a new job; the bucket's region fills Output.Region so the common case needs no typing. */
export function emptyWizardValues(target?: { bucket: string; region: string }): WizardValues {
  return {
    bucket: target?.bucket ?? "",
    Name: "",
    Type: "Job",
    inputSource: "Prefix",
    Input: { Prefix: "", Object: "", UrlFile: "", Manifest: "" },
    paramMode: "inline",
    Operation: {
      TimeInterval: { Start: "", End: "" },
      WorkflowIds: "",
      Tag: "",
      JobParam: {},
      QueueId: "",
      UserData: "",
      JobLevel: "",
      CallBack: "",
      CallBackFormat: "",
      CallBackType: "",
      CallBackMqConfig: { MqRegion: "", MqMode: "", MqName: "" },
      Output: { Region: target?.region ?? "", Bucket: target?.bucket ?? "", Object: "", AuObject: "", SpriteObject: "", StreamExtract: [] },
    },
  };
}

export const draftSchema = z.object({
  version: z.literal(1),
  savedAt: z.string().max(64),
  step: z.number().int().min(0).max(4),
  values: wizardValuesSchema,
  /** The key sent with POST /api/jobs, and a fingerprint of the request it was made for (a changed request gets a new key). */
  idempotency: z.object({ key: z.string().min(8).max(128), fingerprint: z.string().max(100_000) }).optional(),
  /** The job this draft duplicates (`?from=`), if any. */
  sourceJobId: z.string().max(64).optional(),
});
export type Draft = z.infer<typeof draftSchema>;

export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const KEY_PREFIX = "ci-console:trigger-draft:v1:";

/** One draft per flow: a new job, or the duplicate of one particular job. */
export function draftKey(sourceJobId?: string | null): string {
  return KEY_PREFIX + (sourceJobId ? `from:${sourceJobId}` : "new");
}

/** The stored draft, or null when there is none or it fails validation (a bad draft is removed, never half-used). */
export function loadDraft(storage: DraftStorage | undefined, key: string): Draft | null {
  if (!storage) return null;
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch {
    return null; // storage disabled (private mode, policy): behave as if there were no draft
  }
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

/** Saves the draft; returns false when storage refused it (full or disabled), which the caller may ignore. */
export function saveDraft(storage: DraftStorage | undefined, key: string, draft: Omit<Draft, "version" | "savedAt">, now = new Date()): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key, JSON.stringify({ ...draft, version: 1, savedAt: now.toISOString() } satisfies Draft));
    return true;
  } catch {
    return false;
  }
}

export function discardDraft(storage: DraftStorage | undefined, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    /* nothing to do: the draft simply stays until the tab closes */
  }
}

/** sessionStorage when the browser offers it; undefined on the server or when access throws. */
export function browserDraftStorage(): DraftStorage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.sessionStorage;
  } catch {
    return undefined;
  }
}
