/**
 * One entry of the emulator's model of CI's documented request elements. The emulator validates triggers only with
 * these entries (never with the app's schemas), so a test can see where the app and CI's documents disagree.
 */
export interface ElementSpec {
  /** Dotted path from the document root, e.g. `Request.Operation.Output.Bucket` (repeated elements: no index). */
  path: string;
  kind: "container" | "value";
  /** CI documents the element as required (是) where its parent is present. */
  required?: boolean;
  /** Only in requests of this Type (the Job-type and Workflow-type doc pages have different tables). */
  onlyFor?: "Job" | "Workflow";
  enum?: readonly string[];
  pattern?: RegExp;
  /** What `pattern` means, for the error message. */
  format?: string;
  maxLength?: number;
  /** Inclusive numeric range documented for the value. */
  range?: readonly [number, number];
  repeatable?: boolean;
  maxOccurs?: number;
  /** Where the entry comes from: a CI doc page id (`doc 460/80155`) or an SDK file and struct/function. */
  source: string;
}

export const value = (
  path: string,
  source: string,
  extra: Omit<ElementSpec, "path" | "kind" | "source"> = {},
): ElementSpec => ({
  path,
  kind: "value",
  source,
  ...extra,
});

export const container = (
  path: string,
  source: string,
  extra: Omit<ElementSpec, "path" | "kind" | "source"> = {},
): ElementSpec => ({
  path,
  kind: "container",
  source,
  ...extra,
});
