/**
 * Picker data (templates, queues, workflows; docs/ci-api.md §6): CI's list entries as they arrive after parsing, and
 * the small shape the wizard's pickers show. Loose on purpose: each entry carries far more than a picker needs.
 */
import { z } from "zod";

const text = z.string().optional();

/** One choice in a picker. `state` is Active/Paused for queues and workflows; `tag`/`category` for templates. */
export const pickerItemSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string(),
  state: z.string().optional(),
  tag: z.string().optional(),
  category: z.string().optional(),
});
export type PickerItem = z.infer<typeof pickerItemSchema>;

/** `Response.TemplateList[]` of `GET /template` (docs/ci-api.md §6.1). */
export const templateEntrySchema = z.looseObject({
  TemplateId: z.string().min(1),
  Name: text,
  Tag: text,
  Category: text,
});

/** `Response.QueueList[]` of `GET /queue` (docs/ci-api.md §6.2). */
export const queueEntrySchema = z.looseObject({
  QueueId: z.string().min(1),
  Name: text,
  State: text,
  Category: text,
});

/** `Response.MediaWorkflowList[]` of `GET /workflow` (docs/ci-api.md §6.3). */
export const workflowEntrySchema = z.looseObject({
  WorkflowId: z.string().min(1),
  Name: text,
  State: text,
});

/** `TotalCount`: a string of digits in CI's XML. Absent or odd → undefined, and the caller counts the items. */
export const totalCountSchema = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number)
  .optional()
  .catch(undefined);

/** Maps the three entry shapes to picker items (dropping empty fields, so the JSON stays small). */
export function templateToPickerItem(t: z.infer<typeof templateEntrySchema>): PickerItem {
  return compact({ id: t.TemplateId, name: t.Name ?? "", tag: t.Tag, category: t.Category });
}
export function queueToPickerItem(q: z.infer<typeof queueEntrySchema>): PickerItem {
  return compact({ id: q.QueueId, name: q.Name ?? "", state: q.State, category: q.Category });
}
export function workflowToPickerItem(w: z.infer<typeof workflowEntrySchema>): PickerItem {
  return compact({ id: w.WorkflowId, name: w.Name ?? "", state: w.State });
}

function compact(item: PickerItem): PickerItem {
  const out: PickerItem = { id: item.id, name: item.name };
  if (item.state) out.state = item.state;
  if (item.tag) out.tag = item.tag;
  if (item.category) out.category = item.category;
  return out;
}
