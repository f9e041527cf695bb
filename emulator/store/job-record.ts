/** A batch job as the emulator keeps it. Its state is not stored: it is computed from the clock (lifecycle.ts). */
import type { XmlObject } from "@/lib/ci/xml";
import type { MisfitShape } from "./job-detail-misfit";
import type { JobState, JobType } from "./job-states";

/** How the job ends if nobody intervenes. */
export type FinalState = "Success" | "Failed" | "Pause";

export interface JobTimeline {
  /** Submitted until this instant, then Running. */
  startAt: number;
  /** Running until this instant, then `final`. */
  endAt: number;
  final: FinalState;
}

export interface JobFailure {
  code: string;
  message: string;
}

export interface JobRecord {
  jobId: string;
  bucket: string;
  region: string;
  type: JobType;
  name: string;
  /** Job type only. */
  tag?: string;
  input: XmlObject;
  operation: XmlObject;
  createdAt: number;
  timeline: JobTimeline;
  /** Set when the timeline ends in Failed, or when the state is forced to Failed. */
  failure?: JobFailure;
  /** A cancel, or a state forced through the admin API: pins the state from `at` on. */
  override?: { state: JobState; at: number };
  /** The `<Request>` document as received (triggered jobs) or as it would have been sent (seed jobs). */
  requestXml: string;
  source: "seed" | "trigger";
  /** Result blocks attached through the admin API (admin-results.ts), echoed under `Operation.JobParam`. */
  results?: XmlObject;
  /** Set through the admin API: list and DescribeJob answers render this job's JobsDetail in an odd shape. */
  misfit?: MisfitShape;
}
