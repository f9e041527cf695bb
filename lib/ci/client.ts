import "server-only";
/**
 * The typed CI client: builds exactly the request CI expects for https://<host> (path, query, XML body, signature),
 * sends it (to CI_ENDPOINT's address when one is set), retries what is safe to retry, and returns validated data or
 * a CiError. The secret key and the Authorization header never leave this module, not even in error messages.
 */
import { readJobDetail, type JobDetail } from "@/lib/jobs/job-detail-schema";
import { QUEUE_FAMILY_PATH, type QueueFamily } from "@/lib/jobs/queue-families";
import { LIST_QUERY_KEYS, type ListQuery } from "@/lib/jobs/list-query-schema";
import {
  queueEntrySchema,
  queueToPickerItem,
  templateEntrySchema,
  templateToPickerItem,
  totalCountSchema,
  workflowEntrySchema,
  workflowToPickerItem,
  type PickerItem,
} from "@/lib/jobs/picker-schema";
import type { TriggerRequest } from "@/lib/jobs/request-schema";
import type { z } from "zod";
import { CiError } from "./errors";
import { badResponse, decodeResponse, headerRequestId, listOf, xmlText, type CallKind } from "./responses";
import { createCaller, type CallerOptions, type CallInfo, type CallSpec } from "./signed-call";
import type { HttpResponse } from "./transport";
import { buildXml, type XmlValue } from "./xml";
import { createBatchFileReads, type BatchFileReads } from "./batch-file-reads";

export type { PickerItem } from "@/lib/jobs/picker-schema";

export interface CiTarget {
  bucket: string;
  region: string;
  /** `<bucket>.ci.<region>.myqcloud.com`: signed and sent as Host, whatever the endpoint. */
  host: string;
}

export type CiCallInfo = CallInfo;

/** The client's settings are exactly those of the signed caller it wraps. */
export type CiClientOptions = CallerOptions;

export interface PickerPage {
  items: PickerItem[];
  total: number;
  requestId: string;
}

/** Also reads one level down: the files inside a batch (lib/ci/batch-file-reads.ts). */
export interface CiClient extends BatchFileReads {
  triggerJob(t: CiTarget, req: TriggerRequest): Promise<{ job: JobDetail; requestId: string }>;
  listJobs(t: CiTarget, q: ListQuery): Promise<{ jobs: JobDetail[]; nextToken: string | null; requestId: string }>;
  /** `job` is null when CI lists the id in NonExistJobIds. */
  getJob(t: CiTarget, jobId: string): Promise<{ job: JobDetail | null; requestId: string; rawXml: string }>;
  cancelJob(t: CiTarget, jobId: string): Promise<{ requestId: string }>;
  listTemplates(
    t: CiTarget,
    q: { tag: string; pageNumber?: number; pageSize?: number; category?: "Custom" | "Official" },
  ): Promise<PickerPage>;
  /** Media queues by default; `family` reads the picture, speech or AI queue list instead (lib/jobs/queue-families.ts). */
  listQueues(
    t: CiTarget,
    q?: { pageNumber?: number; pageSize?: number; category?: string; family?: QueueFamily },
  ): Promise<PickerPage>;
  listWorkflows(t: CiTarget, q?: { pageNumber?: number; pageSize?: number }): Promise<PickerPage>;
  /** Closes pooled connections. */
  close(): void;
}

/** Job IDs go into the path; anything else could address another resource. */
const JOB_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export function createCiClient(opts: CiClientOptions): CiClient {
  const { call, close } = createCaller(opts);

  function validate<T>(
    schema: z.ZodType<T>,
    value: XmlValue,
    res: HttpResponse,
    kind: CallKind,
    what: string,
    requestId: string,
  ): T {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${what}.${issue.path.join(".")}`.replace(/\.$/, "") : what;
      throw badResponse(res, kind, `${where}: ${issue?.message ?? "invalid"}`, requestId);
    }
    return parsed.data;
  }

  function jobPath(jobId: string): string {
    if (!JOB_ID_PATTERN.test(jobId)) {
      throw new CiError({ status: 0, code: "InvalidArgument", message: "Not a valid job ID", retryable: false });
    }
    return `/inventorytriggerjob/${jobId}`;
  }

  async function pickerPage<E>(
    t: CiTarget,
    path: string,
    query: CallSpec["query"],
    listName: string,
    schema: z.ZodType<E>,
    toItem: (e: E) => PickerItem,
  ): Promise<PickerPage> {
    const res = await call(t, { method: "GET", path, query, kind: "read" });
    const { root, requestId } = decodeResponse(res, "read");
    const items = listOf(root, listName).map((e, i) =>
      toItem(validate(schema, e, res, "read", `${listName}[${i}]`, requestId)),
    );
    const total = totalCountSchema.parse(xmlText(root.TotalCount)) ?? items.length;
    return { items, total, requestId };
  }

  return {
    ...createBatchFileReads({ call }),

    async triggerJob(t, req) {
      const xml = buildXml("Request", req as unknown as Record<string, unknown>);
      const res = await call(t, { method: "POST", path: "/inventorytriggerjob", body: xml, kind: "trigger" });
      const { root, requestId } = decodeResponse(res, "trigger");
      const detail = listOf(root, "JobsDetail")[0];
      if (detail === undefined) throw badResponse(res, "trigger", "no JobsDetail", requestId);
      // CI said yes; an answer we only partly understand is still that job (marked), but without a JobId it is nothing.
      const job = readJobDetail(detail);
      if (!job.JobId) throw badResponse(res, "trigger", `JobsDetail: ${job.detailsProblem ?? "no JobId"}`, requestId);
      return { job, requestId };
    },

    async listJobs(t, q) {
      const query: CallSpec["query"] = {};
      // In CI's spelling (docs/ci-api.md §1.3); only those set are sent.
      for (const key of LIST_QUERY_KEYS) {
        const v = q[key];
        if (v !== undefined && v !== "") query[key] = String(v);
      }
      const res = await call(t, { method: "GET", path: "/inventorytriggerjob", query, kind: "read" });
      const { root, requestId } = decodeResponse(res, "read");
      // Tolerant per job: one JobsDetail of an unexpected shape is marked (detailsProblem), never fatal to the page.
      const jobs = listOf(root, "JobsDetail").map(readJobDetail);
      return { jobs, nextToken: xmlText(root.NextToken) ?? null, requestId };
    },

    async getJob(t, jobId) {
      const res = await call(t, { method: "GET", path: jobPath(jobId), kind: "read" });
      const { root, requestId } = decodeResponse(res, "read");
      const details = listOf(root, "JobsDetail").map(readJobDetail);
      const job = details.find((d) => d.JobId === jobId) ?? details[0];
      if (job) return { job, requestId, rawXml: res.body };
      // The doc spells it NonExistJobIds; the Go SDK NonExistJobId (docs/ci-api.md §7.3). Either means "no such job".
      const missing = [...listOf(root, "NonExistJobIds"), ...listOf(root, "NonExistJobId")];
      if (missing.length > 0) return { job: null, requestId, rawXml: res.body };
      throw badResponse(res, "read", "neither JobsDetail nor NonExistJobIds", requestId);
    },

    async cancelJob(t, jobId) {
      const res = await call(t, { method: "PUT", path: jobPath(jobId), query: { cancel: "" }, kind: "cancel" });
      // The documented answer is an empty 200; a body, if any, may carry the RequestId.
      let requestId = headerRequestId(res) ?? "";
      if (res.body.trim() !== "") {
        try {
          requestId = decodeResponse(res, "cancel").requestId || requestId;
        } catch {
          // An unreadable body on a 2xx cancel still means CI accepted it.
        }
      }
      return { requestId };
    },

    listTemplates(t, q) {
      const query = { tag: q.tag, pageNumber: q.pageNumber, pageSize: q.pageSize, category: q.category };
      return pickerPage(t, "/template", query, "TemplateList", templateEntrySchema, templateToPickerItem);
    },

    listQueues(t, q = {}) {
      const family = q.family ?? "media";
      // `category` narrows media queues only (Transcoding / SpeedTranscoding / CateAll); the other lists have none.
      const query = {
        pageNumber: q.pageNumber,
        pageSize: q.pageSize,
        category: family === "media" ? q.category : undefined,
      };
      return pickerPage(t, QUEUE_FAMILY_PATH[family], query, "QueueList", queueEntrySchema, queueToPickerItem);
    },

    listWorkflows(t, q = {}) {
      const query = { pageNumber: q.pageNumber, pageSize: q.pageSize };
      return pickerPage(t, "/workflow", query, "MediaWorkflowList", workflowEntrySchema, workflowToPickerItem);
    },

    close,
  };
}
