import "server-only";
import { jobHistory, triggeredBy, type Attribution, type JobHistory } from "../audit";
import { logEvent } from "../logger";

function noteAuditUnavailable(e: unknown) {
  logEvent({
    level: "warn",
    event: "audit-unavailable",
    error: e instanceof Error ? e.message.slice(0, 200) : "unknown",
  });
}

/** Audit look-ups decorate answers; when the database is unavailable the jobs still show, unattributed. */
export async function attributionsFor(bucket: string, jobIds: string[]): Promise<Record<string, Attribution>> {
  if (jobIds.length === 0) return {};
  try {
    return await triggeredBy(bucket, jobIds);
  } catch (e) {
    noteAuditUnavailable(e);
    return {};
  }
}

/** One job's audit history, or null when the database is unavailable (the job page still shows). */
export async function historyFor(bucket: string, jobId: string): Promise<JobHistory | null> {
  try {
    return await jobHistory(bucket, jobId);
  } catch (e) {
    noteAuditUnavailable(e);
    return null;
  }
}
