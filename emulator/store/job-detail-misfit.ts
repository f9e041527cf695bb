/**
 * Misfit `JobsDetail` shapes for tests of tolerant reading (issue 12 item 3): CI could answer one job in a shape the
 * app does not expect, and the app must still show every other job. A job set to a misfit (the admin API, admin.ts) is
 * rendered that way in every list and DescribeJob answer; Name, State and the times stay as they are, and so does
 * the JobId except in `no-job-id`.
 * The emulator's own words, not the app's schema: which shapes the app refuses is for the app's tests to show.
 */
import type { XmlObject } from "@/lib/ci/xml";

export const MISFIT_SHAPES = ["empty-input", "operation-text", "job-param-text", "no-job-id"] as const;
export type MisfitShape = (typeof MISFIT_SHAPES)[number];

/** Text put where a block belongs, so a reader that expects elements there sees plain text. */
export const MISFIT_TEXT = "not-a-block";

/**
 * `empty-input`: `<Input/>` (no Prefix/Object/…); `operation-text`: `<Operation>not-a-block</Operation>`;
 * `job-param-text`: the Operation as usual but `<JobParam>not-a-block</JobParam>` inside it; `no-job-id`: no `<JobId>`
 * at all (so the job cannot be opened, selected or acted on by its ID).
 */
export function misfitDetail(detail: XmlObject, shape: MisfitShape): XmlObject {
  switch (shape) {
    case "empty-input":
      return { ...detail, Input: "" };
    case "operation-text":
      return { ...detail, Operation: MISFIT_TEXT };
    case "no-job-id": {
      const { JobId: _dropped, ...rest } = detail;
      return rest;
    }
    case "job-param-text": {
      const op = detail.Operation;
      const operation = op && typeof op === "object" && !Array.isArray(op) ? op : {};
      return { ...detail, Operation: { ...operation, JobParam: MISFIT_TEXT } };
    }
  }
}
