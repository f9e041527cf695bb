/**
 * The picker endpoints (docs/ci-api.md §6): `GET /template`, `GET /queue`, `GET /workflow`, each with TotalCount,
 * PageNumber, PageSize and a repeated list element. Newest first, as the console shows them.
 */
import { invalidArgument } from "../ci-error";
import {
  TEMPLATE_ELEMENT,
  type QueueFamily,
  type QueueRecord,
  type TemplateRecord,
  type WorkflowRecord,
} from "../seed/catalog";
import { TEMPLATE_TAGS, type TemplateTag } from "../seed/tag-params";
import { ciTime } from "../store/job-detail";
import { xmlResponse } from "../xml-response";
import type { CiResult } from "../types";
import type { RouteContext } from "./context";
import { idList, pageOf, readPage } from "./paging";

const newestFirst = <T extends { createdAt: number }>(items: readonly T[]) =>
  [...items].sort((a, b) => b.createdAt - a.createdAt);

/**
 * Every picker answers the same way: the total, the page asked for, one page of the list element (newest first) and,
 * when IDs were asked for, the ones that do not exist under the endpoint's own element name.
 */
function pickerAnswer<T extends { createdAt: number }>(
  ctx: RouteContext,
  page: ReturnType<typeof readPage>,
  list: { name: string; items: readonly T[]; toXml: (item: T) => Record<string, unknown> },
  missing: Record<string, unknown> | null,
): CiResult {
  const items = newestFirst(list.items);
  return xmlResponse(ctx.requestId, {
    TotalCount: String(items.length),
    PageNumber: String(page.pageNumber),
    PageSize: String(page.pageSize),
    [list.name]: pageOf(items, page).map(list.toXml),
    ...missing,
  });
}

/** The IDs asked for that `known` does not hold (none when no IDs were asked for). */
const missingIds = (ids: readonly string[] | null | undefined, known: readonly string[]) =>
  ids?.filter((id) => !known.includes(id)) ?? [];

function templateXml(t: TemplateRecord) {
  return {
    TemplateId: t.templateId,
    Name: t.name,
    Tag: t.tag,
    BucketId: t.bucketId,
    Category: t.category,
    [TEMPLATE_ELEMENT[t.tag]]: t.payload,
    CreateTime: ciTime(t.createdAt),
    UpdateTime: ciTime(t.updatedAt),
  };
}

export function handleTemplates(ctx: RouteContext): CiResult {
  const tag = ctx.query.get("tag");
  if (!tag) throw invalidArgument("Invalid parameter tag: tag is required, e.g. tag=Transcode");
  if (!(TEMPLATE_TAGS as readonly string[]).includes(tag))
    throw invalidArgument(`Invalid parameter tag: ${tag} is not one of ${TEMPLATE_TAGS.join(", ")}`);
  const category = ctx.query.get("category") || "Custom";
  if (category !== "Official" && category !== "Custom")
    throw invalidArgument("Invalid parameter category: use Official or Custom");
  const page = readPage(ctx.query);
  const ids = idList(ctx.query, "ids");
  const name = ctx.query.get("name");
  // With ids, category does not narrow: an ID names one template whatever its category.
  let items = ctx.store.templates.filter(
    (t) => t.tag === (tag as TemplateTag) && (ids ? ids.includes(t.templateId) : t.category === category),
  );
  if (name) items = items.filter((t) => t.name.startsWith(name));
  const missing = missingIds(
    ids,
    items.map((t) => t.templateId),
  );
  return pickerAnswer(
    ctx,
    page,
    { name: "TemplateList", items, toXml: templateXml },
    missing.length ? { NonExistTIDs: [{ TemplateId: missing }] } : null,
  );
}

function queueXml(q: QueueRecord) {
  return {
    QueueId: q.queueId,
    Name: q.name,
    State: q.state,
    NotifyConfig: {
      Url: q.notifyUrl,
      Event: "TaskFinish,WorkflowFinish",
      Type: "Url",
      State: "On",
      ResultFormat: "XML",
      MqMode: "",
      MqName: "",
      MqRegion: "",
    },
    MaxSize: "10000",
    MaxConcurrent: "10",
    UpdateTime: ciTime(q.updatedAt),
    CreateTime: ciTime(q.createdAt),
    Category: q.category,
  };
}

export function handleQueues(ctx: RouteContext): CiResult {
  const page = readPage(ctx.query);
  const ids = idList(ctx.query, "queueIds", 10);
  const state = ctx.query.get("state");
  if (state && state !== "Active" && state !== "Paused")
    throw invalidArgument("Invalid parameter state: use Active or Paused");
  const category = ctx.query.get("category") || "Transcoding";
  if (!["CateAll", "Transcoding", "SpeedTranscoding"].includes(category))
    throw invalidArgument("Invalid parameter category: use CateAll, Transcoding or SpeedTranscoding");
  const media = ctx.store.queues.filter((q) => (q.family ?? "media") === "media");
  let items = media.filter((q) => (ids ? ids.includes(q.queueId) : category === "CateAll" || q.category === category));
  if (state) items = items.filter((q) => q.state === state);
  const missing = missingIds(
    ids,
    media.map((q) => q.queueId),
  );
  return pickerAnswer(
    ctx,
    page,
    { name: "QueueList", items, toXml: queueXml },
    missing.length ? { NonExistPIDs: missing } : null,
  );
}

/**
 * `/picqueue`, `/asrqueue`, `/ai_queue`: the same answer shape as `/queue` for one family's queues, with the same
 * `queueIds`, `state` and paging parameters (cos-python-sdk-v5 `ci_get_asr_queue`: queueIds, state, pageNumber,
 * pageSize). `state=All` means no state filter, as the SDK sends it by default.
 */
export function handleFamilyQueues(family: Exclude<QueueFamily, "media">) {
  return (ctx: RouteContext): CiResult => {
    const page = readPage(ctx.query);
    const ids = idList(ctx.query, "queueIds", 10);
    const state = ctx.query.get("state");
    if (state && state !== "Active" && state !== "Paused" && state !== "All")
      throw invalidArgument("Invalid parameter state: use Active, Paused or All");
    const own = ctx.store.queues.filter((q) => q.family === family);
    let items = own.filter((q) => !ids || ids.includes(q.queueId));
    if (state && state !== "All") items = items.filter((q) => q.state === state);
    const missing = missingIds(
      ids,
      own.map((q) => q.queueId),
    );
    return pickerAnswer(
      ctx,
      page,
      { name: "QueueList", items, toXml: queueXml },
      missing.length ? { NonExistPIDs: missing } : null,
    );
  };
}

function workflowXml(w: WorkflowRecord) {
  return {
    Name: w.name,
    WorkflowId: w.workflowId,
    State: w.state,
    BucketId: w.bucketId,
    Topology: w.topology,
    CreateTime: ciTime(w.createdAt),
    UpdateTime: ciTime(w.updatedAt),
  };
}

export function handleWorkflows(ctx: RouteContext): CiResult {
  const page = readPage(ctx.query);
  const ids = idList(ctx.query, "ids");
  const name = ctx.query.get("name");
  let items = ctx.store.workflows.filter((w) => !ids || ids.includes(w.workflowId));
  if (name) items = items.filter((w) => w.name === name);
  const missing = missingIds(
    ids,
    items.map((w) => w.workflowId),
  );
  return pickerAnswer(
    ctx,
    page,
    { name: "MediaWorkflowList", items, toXml: workflowXml },
    missing.length ? { NonExistIDs: missing } : null,
  );
}
