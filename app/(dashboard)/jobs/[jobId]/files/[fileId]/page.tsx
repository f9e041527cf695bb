import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { NotSignedIn } from "@/components/layout/not-signed-in";
import { FileDetailScreen } from "@/components/jobs/batch-files/file-detail-screen";
import { loadJobsSearchParams } from "@/lib/jobs/url-state";
import { meKey, type Me } from "@/lib/query/jobs";
import { toMe } from "@/lib/server/me";
import { getQueryClient } from "@/lib/query/query-client";
import { getConfig } from "@/lib/server/config";
import { getIdentity } from "@/lib/server/identity";
import { JOB_ID_PATTERN } from "@/lib/jobs/patterns";

type Params = Promise<{ jobId: string; fileId: string }>;

/** A RunId or a media JobId: letters, digits, '-' and '_' (anything else cannot be one, so it is a 404 page). */
const FILE_ID_PATTERN = /^[0-9A-Za-z_-]{1,128}$/;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { jobId, fileId } = await params;
  return {
    title: JOB_ID_PATTERN.test(jobId) && FILE_ID_PATTERN.test(fileId) ? `File ${fileId} of job ${jobId}` : "File",
  };
}

/** One file of a batch: its workflow instance (each step with its state and error) or its media job. Fetched in the browser. */
export default async function BatchFilePage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const identity = await getIdentity();
  if (!identity) return <NotSignedIn />;
  const { jobId, fileId } = await params;
  if (!JOB_ID_PATTERN.test(jobId) || !FILE_ID_PATTERN.test(fileId)) notFound();
  const config = getConfig();
  const urlBucket = (await loadJobsSearchParams(searchParams)).bucket;
  const bucket = urlBucket && config.buckets.some((b) => b.bucket === urlBucket) ? urlBucket : null;

  const queryClient = getQueryClient();
  queryClient.setQueryData<Me>(meKey, toMe(identity, config));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <FileDetailScreen jobId={jobId} fileId={fileId} bucket={bucket} />
    </HydrationBoundary>
  );
}
