/** Renders a job as CI's `<JobsDetail>` (docs/ci-api.md §1.2–1.3), element order as in the list sample. */
import { formatCiTime } from "../model/ci-formats";
import type { XmlObject } from "@/lib/ci/xml";
import { misfitDetail } from "./job-detail-misfit";
import type { JobRecord } from "./job-record";
import { jobStatus } from "./lifecycle";

/** CI writes its times in China Standard Time. */
export const CI_OFFSET_MINUTES = 480;

export const ciTime = (ms: number | null) => (ms === null ? "-" : formatCiTime(new Date(ms), CI_OFFSET_MINUTES));

/**
 * `Message` is `Success` in the trigger answer and empty in list/describe answers, as in the doc samples; on Failed
 * both carry the failure.
 */
export function renderJobDetail(job: JobRecord, now: number, context: "trigger" | "query"): XmlObject {
  const s = jobStatus(job, now);
  const failed = s.state === "Failed";
  const failure = job.failure ?? {
    code: "InternalError",
    message: "An internal error occurred while processing the job.",
  };
  const detail: XmlObject = {
    Code: failed ? failure.code : "Success",
    Type: job.type,
    Message: failed ? failure.message : context === "trigger" ? "Success" : "",
    Name: job.name,
    JobId: job.jobId,
    State: s.state,
    CreationTime: ciTime(job.createdAt),
    StartTime: ciTime(s.startAt),
    EndTime: ciTime(s.endAt),
  };
  if (s.progress !== null) detail.Progress = String(s.progress);
  if (job.tag) detail.Tag = job.tag;
  detail.Input = job.input;
  detail.Operation = job.results && context === "query" ? withResults(job.operation, job.results) : job.operation;
  return job.misfit && context === "query" ? misfitDetail(detail, job.misfit) : detail;
}

/** The job's Operation with its result blocks after the Tag's own JobParam children (a new object: the record stays as sent). */
function withResults(operation: XmlObject, results: XmlObject): XmlObject {
  const jobParam = operation.JobParam;
  const own = jobParam && typeof jobParam === "object" && !Array.isArray(jobParam) ? jobParam : {};
  if (!("JobParam" in operation)) {
    // Keep CI's Operation order: JobParam right after Tag, as the trigger request writes it.
    const out: XmlObject = {};
    for (const [k, v] of Object.entries(operation)) {
      out[k] = v;
      if (k === "Tag") out.JobParam = results;
    }
    if (!("JobParam" in out)) out.JobParam = results;
    return out;
  }
  return { ...operation, JobParam: { ...own, ...results } };
}
