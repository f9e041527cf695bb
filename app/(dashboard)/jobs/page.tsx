import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { SearchParams } from "nuqs/server";
import { NotSignedIn } from "@/components/layout/not-signed-in";
import { JobsScreen } from "@/components/jobs/jobs-screen";
import type { ShownError } from "@/components/jobs/poll-error-banner";
import { toShownError } from "./shown-error";
import { listQuerySchema } from "@/lib/jobs/list-query-schema";
import { toApiListParams } from "@/lib/jobs/list-api-params";
import { loadJobsSearchParams, toJobsView, withKnownBucket } from "@/lib/jobs/url-state";
import { jobKeys, meKey, type JobsPage, type Me } from "@/lib/query/jobs";
import { getQueryClient } from "@/lib/query/query-client";
import { getConfig } from "@/lib/server/config";
import { getIdentity } from "@/lib/server/identity";
import { loadJobsPage } from "@/lib/server/jobs/list";
import { loadMyJobsPage } from "@/lib/server/jobs/my-jobs";
import { toMe } from "@/lib/server/me";

export const metadata = { title: "Jobs" };

/**
 * The jobs screen. The server reads the view from the URL (invalid values fall back to defaults), fetches the first
 * rows and who the caller is, and hands both to the client table through react-query's cache. A CI failure here
 * renders the table with an error banner; the browser keeps trying.
 */
export default async function JobsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const identity = await getIdentity();
  if (!identity) return <NotSignedIn />;
  const config = getConfig();
  const buckets = config.buckets.map(({ bucket, region }) => ({ bucket, region }));
  const view = withKnownBucket(toJobsView(await loadJobsSearchParams(searchParams)), buckets);
  const queryClient = getQueryClient();

  queryClient.setQueryData<Me>(meKey, toMe(identity, config));

  let initialError: ShownError | null = null;
  try {
    await queryClient.fetchQuery({
      queryKey: jobKeys.list(view),
      queryFn: async (): Promise<JobsPage> => {
        const now = new Date();
        // "My jobs": the caller's own jobs from the audit log; CI's filters do not apply (same as GET /api/jobs?mine=1).
        if (view.mine)
          return {
            ...(await loadMyJobsPage(identity, { bucket: view.bucket ?? undefined, size: view.size })),
            queriedAt: now.toISOString(),
          };
        const { bucket, ...params } = toApiListParams(view, now);
        // The URL parsers already enforce these rules; the server schema is the last word before CI.
        const query = listQuerySchema.parse(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])));
        const page = await loadJobsPage({ ...query, bucket }, identity);
        return { ...page, queriedAt: now.toISOString() };
      },
    });
  } catch (e) {
    initialError = toShownError(e);
  }

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <JobsScreen initialError={initialError} serverNow={Date.now()} defaultBuckets={buckets} />
    </HydrationBoundary>
  );
}
