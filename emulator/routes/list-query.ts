/**
 * The list parameters of `GET /inventorytriggerjob` (doc 460/76894; docs/ci-api.md §1.3), the emulator's own reading
 * of them. Empty values count as absent (the Python SDK sends `nextToken=`, `jobId=` …); unknown ones are ignored.
 */
import { z } from "zod";
import { CI_TIME_PATTERN, parseCiTime } from "../model/ci-formats";
import { JOB_STATES, JOB_TYPES } from "../store/job-states";

const ciTime = z
  .string()
  .regex(CI_TIME_PATTERN, "use CI's time format YYYY-MM-DDTHH:MM:SS+HHMM")
  .refine((v) => parseCiTime(v) !== null, "not a real date and time");

/** `All` (the default) or a comma list of states; normalised to a de-duplicated comma list, or undefined for All. */
const states = z.string().transform((raw, ctx) => {
  const parts = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.includes("All")) return undefined;
  const bad = parts.find((p) => !(JOB_STATES as readonly string[]).includes(p));
  if (bad) {
    ctx.addIssue({ code: "custom", message: `unknown state ${bad}; use ${JOB_STATES.join(", ")} or All` });
    return z.NEVER;
  }
  return [...new Set(parts)].sort((a, b) => JOB_STATES.indexOf(a as never) - JOB_STATES.indexOf(b as never)).join(",");
});

const listQuery = z
  .object({
    type: z.enum(JOB_TYPES).optional(),
    states: states.optional(),
    startCreationTime: ciTime.optional(),
    endCreationTime: ciTime.optional(),
    orderByTime: z.enum(["Desc", "Asc"]).optional(),
    name: z.string().optional(),
    jobId: z.string().optional(),
    workflowId: z.string().optional(),
    // "默认 10，最大 100" (doc 460/76894).
    size: z.coerce
      .number()
      .int("size is a whole number")
      .min(1, "size is 1 to 100")
      .max(100, "size is 1 to 100")
      .optional(),
    nextToken: z.string().optional(),
  })
  .superRefine((q, ctx) => {
    const a = q.startCreationTime ? parseCiTime(q.startCreationTime) : null;
    const b = q.endCreationTime ? parseCiTime(q.endCreationTime) : null;
    if (a && b && a > b)
      ctx.addIssue({
        code: "custom",
        path: ["endCreationTime"],
        message: "endCreationTime is before startCreationTime",
      });
  });

export type ListQuery = z.output<typeof listQuery>;
export const LIST_KEYS = [
  "type",
  "states",
  "startCreationTime",
  "endCreationTime",
  "orderByTime",
  "name",
  "jobId",
  "workflowId",
  "size",
  "nextToken",
] as const;

/** The parsed query, or the first problem as `{ field, message }`. */
export function readListQuery(
  query: ReadonlyMap<string, string>,
): { ok: true; query: ListQuery } | { ok: false; field: string; message: string } {
  const picked: Record<string, string> = {};
  for (const key of LIST_KEYS) {
    const v = query.get(key);
    if (v !== undefined && v !== "") picked[key] = v;
  }
  const parsed = listQuery.safeParse(picked);
  if (parsed.success) return { ok: true, query: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, field: issue.path.length ? String(issue.path[0]) : "query", message: issue.message };
}
