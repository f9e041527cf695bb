/**
 * `POST /__emulator/jobs/<id>/misfit` `{ shape? }` and `DELETE …/misfit`: makes one job's JobsDetail an odd shape in
 * every list and DescribeJob answer that includes it (store/job-detail-misfit.ts), so tests can show that one odd
 * job never breaks a page (issue 12 item 3). Its own file: admin.ts only routes here.
 */
import { z } from "zod";
import type { EmulatorStore } from "./store/emulator-store";
import { MISFIT_SHAPES } from "./store/job-detail-misfit";

const misfitSchema = z.strictObject({ shape: z.enum(MISFIT_SHAPES).default("empty-input") });

const MISFIT_PATH = /^jobs\/([^/]+)\/misfit$/;

/** Answers a misfit request as [status, JSON], or null when the path is not a misfit endpoint. */
export function routeMisfitAdmin(
  store: Pick<EmulatorStore, "findJob">,
  method: string,
  path: string,
  body: string,
): [number, unknown] | null {
  const m = MISFIT_PATH.exec(path);
  if (!m) return null;
  const job = store.findJob(m[1]!);
  if (!job) return [404, { error: `No job ${m[1]}` }];
  if (method === "DELETE") {
    delete job.misfit;
    return [200, { jobId: job.jobId, misfit: null }];
  }
  if (method !== "POST") return [405, { error: `${method} is not allowed here` }];
  let value: unknown = {};
  try {
    if (body.trim() !== "") value = JSON.parse(body);
  } catch {
    return [400, { error: "The body is not valid JSON" }];
  }
  const parsed = misfitSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return [400, { error: `${issue.path.join(".") || "body"}: ${issue.message}` }];
  }
  job.misfit = parsed.data.shape;
  return [200, { jobId: job.jobId, misfit: job.misfit }];
}
