/**
 * The trigger wizard's draft: the form values as the person typed them (strings everywhere, every step's fields
 * present), plus where they were and the Idempotency-Key of the Review they opened. Kept in sessionStorage so a
 * reload loses nothing, and validated on the way back in: storage is input like any other.
 */
import type { TagName } from "./tags/names";

export const INPUT_SOURCE_VALUES = ["Prefix", "Object", "UrlFile", "Manifest"] as const;
export const WIZARD_STEPS = ["Basics", "Input", "Operation", "Output & delivery", "Review"] as const;
export type WizardStep = 0 | 1 | 2 | 3 | 4;

/** JobParam values are nested strings, string lists and groups (see lib/jobs/tags/types.ts FieldSpec). */
export type ParamValue = string | ParamValue[] | { [key: string]: ParamValue | undefined };

/**
 * Everything the wizard's form holds. Strings throughout, as CI's XML has them; the zod schema that checks a stored
 * draft is in draft-schema.ts, so that this module (needed on first load) carries no zod.
 */
export interface WizardValues {
  /** Target bucket (sent as `?bucket=`), not part of CI's Request. */
  bucket: string;
  Name: string;
  Type: "Workflow" | "Job";
  /** Which of the four Input elements is sent; the other three keep what was typed but are not sent. */
  inputSource: InputSourceValue;
  Input: Record<InputSourceValue, string>;
  /** `template`: JobParam.TemplateId replaces the Tag's own parameters (docs/ci-api.md §4.0 "TemplateId takes precedence"). */
  paramMode: "template" | "inline";
  Operation: {
    /** `datetime-local` values in the browser's zone (`YYYY-MM-DDTHH:MM[:SS]`); converted to CI's format on send. */
    TimeInterval: { Start: string; End: string };
    WorkflowIds: string;
    Tag: TagName | "";
    /**
     * ParamValue trees in practice. Typed loosely on purpose: a recursive type here makes react-hook-form's path
     * types explode; the values are checked where they are read.
     */
    JobParam: Record<string, unknown>;
    QueueId: string;
    QueueType: string;
    /** `"true"`, `"false"` or `""` (not sent): cos-go-sdk-v5 `InventoryTriggerJobOperation.FreeTranscode`. */
    FreeTranscode: string;
    UserData: string;
    JobLevel: string;
    CallBack: string;
    CallBackFormat: string;
    CallBackType: string;
    CallBackMqConfig: { MqRegion: string; MqMode: string; MqName: string };
    CallBackKafkaConfig: { Region: string; InstanceId: string; Topic: string };
    Output: {
      Region: string;
      Bucket: string;
      Object: string;
      AuObject: string;
      BassObject: string;
      DrumObject: string;
      SpriteObject: string;
      StreamExtract: { Index: string; Object: string }[];
      /** `"true"`, `"false"` or `""` (not sent): cos-go-sdk-v5 `JobOutput.Force`. */
      Force: string;
    };
  };
}
export type InputSourceValue = (typeof INPUT_SOURCE_VALUES)[number];

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
      QueueType: "",
      FreeTranscode: "",
      UserData: "",
      JobLevel: "",
      CallBack: "",
      CallBackFormat: "",
      CallBackType: "",
      CallBackMqConfig: { MqRegion: "", MqMode: "", MqName: "" },
      CallBackKafkaConfig: { Region: "", InstanceId: "", Topic: "" },
      Output: {
        Region: target?.region ?? "",
        Bucket: target?.bucket ?? "",
        Object: "",
        AuObject: "",
        BassObject: "",
        DrumObject: "",
        SpriteObject: "",
        StreamExtract: [],
        Force: "",
      },
    },
  };
}

export interface Draft {
  version: 1;
  savedAt: string;
  step: WizardStep;
  values: WizardValues;
  /** The key sent with POST /api/jobs, and a fingerprint of the request it was made for (a changed request gets a new key). */
  idempotency?: { key: string; fingerprint: string };
  /** The job this draft duplicates (`?from=`), if any. */
  sourceJobId?: string;
}

export type DraftStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const KEY_PREFIX = "ci-console:trigger-draft:v1:";

/** One draft per flow: a new job, or the duplicate of one particular job. */
export function draftKey(sourceJobId?: string | null): string {
  return KEY_PREFIX + (sourceJobId ? `from:${sourceJobId}` : "new");
}

/** The stored draft's raw text, or null (storage disabled or nothing stored). Validate it with draft-schema.ts. */
export function readDraftText(storage: DraftStorage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null; // storage disabled (private mode, policy): behave as if there were no draft
  }
}

/** Saves the draft; returns false when storage refused it (full or disabled), which the caller may ignore. */
export function saveDraft(
  storage: DraftStorage | undefined,
  key: string,
  draft: Omit<Draft, "version" | "savedAt">,
  now = new Date(),
): boolean {
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
