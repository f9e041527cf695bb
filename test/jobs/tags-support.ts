/** Helpers for the Tag registry tests: wrap an Operation fragment in a full Job request and read back the issues. */
import { expect } from "vitest";
import { triggerRequestSchema } from "@/lib/jobs/request-schema";
import { TAGS, type TagName } from "@/lib/jobs/tags";

export type Fragment = { JobParam?: Record<string, unknown>; Output?: Record<string, unknown> } & Record<
  string,
  unknown
>;

export const OUTPUT = { Region: "ap-chongqing", Bucket: "test-1234567890" };

export function jobRequest(tag: TagName, fragment: Fragment): Record<string, unknown> {
  return { Name: "demo", Type: "Job", Input: { Prefix: "input/" }, Operation: { Tag: tag, ...fragment } };
}

/** A deep copy of the Tag's example, for tests to mutate. */
export function example(tag: TagName): Fragment {
  return structuredClone(TAGS[tag].example) as Fragment;
}

export interface Found {
  path: string;
  message: string;
}

/** Issues of the full request, paths relative to Operation and dot-joined ("JobParam.Transcode.Video.Width"). */
export function issues(tag: TagName, fragment: Fragment): Found[] {
  const r = triggerRequestSchema.safeParse(jobRequest(tag, fragment));
  if (r.success) return [];
  return r.error.issues.map((i) => ({
    path: i.path
      .filter((p, n) => !(n === 0 && p === "Operation"))
      .map(String)
      .join("."),
    message: i.message,
  }));
}

export function expectValid(tag: TagName, fragment: Fragment): void {
  expect(issues(tag, fragment)).toEqual([]);
}

/** Asserts an issue at `path` whose message matches `message`. */
export function expectIssue(tag: TagName, fragment: Fragment, path: string, message: RegExp | string): void {
  const found = issues(tag, fragment);
  const match = found.some(
    (i) => i.path === path && (typeof message === "string" ? i.message.includes(message) : message.test(i.message)),
  );
  expect(match, `expected an issue at ${path} matching ${String(message)}, got ${JSON.stringify(found, null, 1)}`).toBe(
    true,
  );
}

/** Sets `value` at a dot path inside `root` (creating groups), or deletes it when value is undefined. */
export function setAt(root: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const parts = path.split(".");
  let cur: Record<string, unknown> = root;
  for (const p of parts.slice(0, -1)) {
    if (typeof cur[p] !== "object" || cur[p] === null) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1]!;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return root;
}

/** The example with `JobParam.<path>` set (or deleted), e.g. with(tag, "Transcode.Video.Width", "1281"). */
export function withParam(tag: TagName, edits: Record<string, unknown>, base: Fragment = example(tag)): Fragment {
  base.JobParam ??= {};
  for (const [path, value] of Object.entries(edits)) setAt(base.JobParam, path, value);
  return base;
}

/** The example with `Output.<field>` set (or deleted). */
export function withOutput(tag: TagName, edits: Record<string, unknown>, base: Fragment = example(tag)): Fragment {
  base.Output ??= { ...OUTPUT };
  for (const [path, value] of Object.entries(edits)) setAt(base.Output, path, value);
  return base;
}
