import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { NotSignedIn } from "@/components/layout/not-signed-in";
import { TriggerWizard } from "@/components/trigger/trigger-wizard";
import { jobKeys, meKey, type JobResult, type Me } from "@/lib/query/jobs";
import { getQueryClient } from "@/lib/query/query-client";
import { getConfig } from "@/lib/server/config";
import { getIdentity } from "@/lib/server/identity";
import { JOB_ID_PATTERN } from "@/lib/jobs/patterns";
import { loadJob } from "@/lib/server/jobs/job";
import { toMe } from "@/lib/server/me";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

async function readParams(searchParams: SearchParams) {
  const sp = await searchParams;
  const from = one(sp.from);
  const bucket = one(sp.bucket);
  const config = getConfig();
  return {
    // A malformed job ID or a bucket this dashboard does not serve is ignored, not passed on.
    from: from && JOB_ID_PATTERN.test(from) ? from : undefined,
    bucket: bucket && config.buckets.some((b) => b.bucket === bucket) ? bucket : undefined,
  };
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const { from } = await readParams(searchParams);
  return { title: from ? `Duplicate ${from}` : "New batch job" };
}

/**
 * The trigger wizard (`?from=<jobId>` duplicates a job). The server passes who the caller is and which buckets they
 * may use, and prefetches the job to duplicate; the wizard itself is a client component loaded only on this route.
 */
export default async function NewJobPage({ searchParams }: { searchParams: SearchParams }) {
  const identity = await getIdentity();
  if (!identity) return <NotSignedIn />;
  const config = getConfig();
  const { from, bucket } = await readParams(searchParams);
  const buckets = config.buckets.map(({ bucket: b, region }) => ({ bucket: b, region }));

  const queryClient = getQueryClient();
  queryClient.setQueryData<Me>(meKey, toMe(identity, config));
  if (from) {
    try {
      const found: JobResult | null = await loadJob(from, bucket ?? null, identity);
      if (found) queryClient.setQueryData(jobKeys.detail(from, bucket ?? null), found);
    } catch {
      // The wizard fetches it again and shows CI's error with its RequestId.
    }
  }

  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <div>
        <p className="text-sm">
          <Link href="/jobs" className="text-slate-700 underline hover:text-slate-950">
            Jobs
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">{from ? `Duplicate job ${from}` : "New batch job"}</h1>
        {from && (
          <p className="mt-1 text-sm text-slate-700">
            Every step starts from the source job; Review shows what you changed.
          </p>
        )}
      </div>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <TriggerWizard
          key={from ?? "new"}
          buckets={buckets}
          canTrigger={identity.canTrigger}
          from={from}
          bucket={bucket}
        />
      </HydrationBoundary>
    </div>
  );
}
