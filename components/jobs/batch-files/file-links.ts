/** The address of one file's detail page (bucket kept, like the job page's). */
export function fileHref(jobId: string, fileId: string, bucket: string | null): string {
  const path = `/jobs/${encodeURIComponent(jobId)}/files/${encodeURIComponent(fileId)}`;
  return bucket ? `${path}?bucket=${encodeURIComponent(bucket)}` : path;
}

/** The address of a job's page. */
export function jobPageHref(jobId: string, bucket: string | null): string {
  const path = `/jobs/${encodeURIComponent(jobId)}`;
  return bucket ? `${path}?bucket=${encodeURIComponent(bucket)}` : path;
}
