import "server-only";
/**
 * Which batch retries which (migration 5, `retry_links`): written right after the retry's audit intent, before CI
 * is called, so an audit row of a retry always says "retry of <JobId>". Read by the job detail answer
 * (`retryLinks`, lib/jobs/batch-files.ts RetryLinks) and the audit log.
 */
import type { RetryLinks } from "@/lib/jobs/batch-files";
import { getDb } from "../db";

export async function recordRetryLink(link: {
  auditId: string;
  bucket: string;
  sourceJobId: string;
  listKey: string;
  fileCount: number;
}): Promise<void> {
  await getDb().query(
    `INSERT INTO retry_links (audit_id, bucket, source_job_id, list_key, file_count) VALUES ($1::bigint, $2, $3, $4, $5)`,
    [link.auditId, link.bucket, link.sourceJobId, link.listKey, link.fileCount],
  );
}

/** This job's retry links, or undefined when it neither is a retry nor was retried. */
export async function retryLinksFor(bucket: string, jobId: string): Promise<RetryLinks | undefined> {
  const db = getDb();
  const [of] = await db.query<{ source_job_id: string }>(
    `SELECT r.source_job_id FROM retry_links r JOIN audit_log a ON a.id = r.audit_id WHERE a.bucket = $1 AND a.job_id = $2 LIMIT 1`,
    [bucket, jobId],
  );
  const by = await db.query<{ job_id: string }>(
    `SELECT a.job_id FROM retry_links r JOIN audit_log a ON a.id = r.audit_id
     WHERE r.bucket = $1 AND r.source_job_id = $2 AND a.job_id IS NOT NULL ORDER BY r.at DESC, r.audit_id DESC LIMIT 50`,
    [bucket, jobId],
  );
  if (!of && by.length === 0) return undefined;
  return { ...(of ? { retryOf: of.source_job_id } : {}), retriedBy: by.map((r) => r.job_id) };
}
