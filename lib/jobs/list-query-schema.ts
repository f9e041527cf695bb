/** The job-list query (`GET /inventorytriggerjob?…`, docs/ci-api.md §1.3), spelled exactly as CI's parameters. */
import { z } from "zod";
import { CI_TIME_PATTERN, parseCiTime } from "./ci-time";
import { JOB_ID_MESSAGE, JOB_ID_PATTERN, JOB_NAME_MAX, NEXT_TOKEN_MAX } from "./patterns";
import { JOB_STATES, JOB_TYPES } from "./states";

export { NEXT_TOKEN_MAX };

const ciTime = z
  .string()
  .regex(CI_TIME_PATTERN, "Use CI's time format YYYY-MM-DDTHH:MM:SS+HHMM")
  .refine((v) => parseCiTime(v) !== null, "Not a real date and time");

/** `All` or a comma list of states; normalised to a sorted, de-duplicated comma list (or undefined for All). */
export const statesParamSchema = z
  .string()
  .max(200)
  .transform((raw, ctx) => {
    const parts = raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (parts.length === 0 || parts.includes("All")) return undefined;
    const bad = parts.filter((p) => !(JOB_STATES as readonly string[]).includes(p));
    if (bad.length) {
      ctx.addIssue({ code: "custom", message: `Unknown state ${bad[0]}; use ${JOB_STATES.join(", ")} or All` });
      return z.NEVER;
    }
    return [...new Set(parts)]
      .sort((a, b) => JOB_STATES.indexOf(a as never) - JOB_STATES.indexOf(b as never))
      .join(",");
  });

export const listQuerySchema = z
  .strictObject({
    // In the order CI's parameters are sent (LIST_QUERY_KEYS).
    // Opaque: CI promises no character set, so it is only length-limited here and URL-encoded on the way to CI.
    nextToken: z.string().min(1).max(NEXT_TOKEN_MAX, `nextToken is at most ${NEXT_TOKEN_MAX} characters`).optional(),
    size: z.coerce
      .number()
      .int("size is a whole number")
      .min(1, "size is 1 to 100")
      .max(100, "size is 1 to 100")
      .optional(),
    type: z.enum(JOB_TYPES).optional(),
    orderByTime: z.enum(["Desc", "Asc"]).optional(),
    states: statesParamSchema.optional(),
    startCreationTime: ciTime.optional(),
    endCreationTime: ciTime.optional(),
    workflowId: z.string().regex(JOB_ID_PATTERN, "A workflow ID has letters and digits only").optional(),
    jobId: z.string().regex(JOB_ID_PATTERN, JOB_ID_MESSAGE).optional(),
    name: z.string().max(JOB_NAME_MAX).optional(),
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

export type ListQuery = z.output<typeof listQuerySchema>;

/**
 * The parameters sent to CI, in the schema's order (which is the query string's order): a parameter added to
 * `listQuerySchema` is validated by our route and sent by lib/ci/client.ts with no second list to keep in step.
 */
export const LIST_QUERY_KEYS = Object.keys(listQuerySchema.shape) as (keyof ListQuery)[];

/** Turns URLSearchParams into a plain object, treating empty values as absent. Repeated keys keep the last. */
export function searchParamsToObject(params: URLSearchParams, keys?: readonly string[]): Record<string, string> {
  // A null-prototype object, so that a parameter named `toString` or `__proto__` is just data.
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of params) {
    if (v === "") continue;
    if (keys && !keys.includes(k)) continue;
    out[k] = v;
  }
  return out;
}
