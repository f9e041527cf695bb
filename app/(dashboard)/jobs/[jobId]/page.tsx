import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NotSignedIn } from "@/components/layout/not-signed-in";
import { JobDetailScreen } from "@/components/jobs/job-detail-screen";
import type { ShownError } from "@/components/jobs/poll-error-banner";
import { loadJobsSearchParams } from "@/lib/jobs/url-state";
import { jobKeys, meKey, type JobResult, type Me } from "@/lib/query/jobs";
import { getQueryClient } from "@/lib/query/query-client";
import { getConfig } from "@/lib/server/config";
import { getIdentity } from "@/lib/server/identity";
import { JOB_ID_PATTERN } from "@/lib/jobs/patterns";
import { loadJob } from "@/lib/server/jobs/job";
import { toShownError } from "../shown-error";
import { toMe } from "@/lib/server/me";

type Params = Promise<{ jobId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { jobId } = await params;
  return { title: JOB_ID_PATTERN.test(jobId) ? `Job ${jobId}` : "Job" };
}

/**
 * One job. The server fetches it (a job CI does not know is a 404 page); the client keeps it fresh until it
 * finishes. A CI failure renders the page with an error banner, and the browser keeps trying.
 */
export default async function JobPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const identity = await getIdentity();
  if (!identity) return <NotSignedIn />;
  const { jobId } = await params;
  if (!JOB_ID_PATTERN.test(jobId)) notFound();
  const config = getConfig();
  // The same bucket rule as the jobs screen; a bucket this dashboard does not serve is ignored.
  const urlBucket = (await loadJobsSearchParams(searchParams)).bucket;
  const bucket = urlBucket && config.buckets.some((b) => b.bucket === urlBucket) ? urlBucket : null;

  const queryClient = getQueryClient();
  queryClient.setQueryData<Me>(meKey, toMe(identity, config));

  let initialError: ShownError | null = null;
  let found: JobResult | null = null;
  try {
    found = await loadJob(jobId, bucket, identity);
  } catch (e) {
    initialError = toShownError(e);
  }
  if (!found && !initialError) notFound();
  if (found) queryClient.setQueryData(jobKeys.detail(jobId, bucket), found);

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <JobDetailScreen jobId={jobId} bucket={bucket} initialError={initialError} serverNow={Date.now()} />
    </HydrationBoundary>
  );
}
