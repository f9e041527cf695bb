/**
 * The Tag registry. PLACEHOLDER until the per-Tag modules land: it only checks that the Tag is known and that
 * JobParam is an object. The wizard issue replaces this with one module per Tag.
 */
import type { z } from "zod";
import { isTagName } from "./names";

export { TAG_NAMES, isTagName, TAGS_WITHOUT_OUTPUT, type TagName } from "./names";

/** Applies the Tag's own JobParam schema and cross-field rules to a Job-type Operation. */
export function validateJobOperation(operation: Record<string, unknown>, ctx: z.RefinementCtx): void {
  if (!isTagName(operation.Tag)) return; // the base schema already reports an unknown Tag
}
