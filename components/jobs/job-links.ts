/** Where a job's pages live; the bucket travels in the query when it is not the default one. */
export function jobHref(jobId: string, bucket: string | null): string {
  return `/jobs/${encodeURIComponent(jobId)}${bucket ? `?bucket=${encodeURIComponent(bucket)}` : ""}`;
}

/** The wizard, pre-filled from an existing job. */
export function duplicateHref(jobId: string, bucket: string | null): string {
  return `/jobs/new?from=${encodeURIComponent(jobId)}${bucket ? `&bucket=${encodeURIComponent(bucket)}` : ""}`;
}
