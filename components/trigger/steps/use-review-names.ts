"use client";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { emptyNames, mergeNames, requestRefs, type CiNames } from "@/lib/jobs/ci-names";
import type { PickerAnswer } from "@/lib/jobs/api-contract";
import type { TriggerRequest } from "@/lib/jobs/request-schema";
import { apiFetch } from "@/lib/query/api-fetch";
import { jobDetailOptions } from "@/lib/query/jobs";

/** Same key and fetch as the wizard's pickers (picker-field.tsx), so the review reuses what the steps loaded. */
function pickerQuery(kind: "workflows" | "queues" | "templates", bucket: string, tag: string | null) {
  return {
    queryKey: ["ci-picker", kind, bucket, tag],
    queryFn: ({ signal }: { signal: AbortSignal }) => {
      const q = new URLSearchParams();
      if (tag) q.set("tag", tag);
      if (bucket) q.set("bucket", bucket);
      return apiFetch<PickerAnswer>(`/api/ci/${kind}?${q}`, { signal });
    },
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    retry: false,
  };
}

/**
 * Names for the IDs the review shows: the duplicated job's names as the server resolved them (which also know what
 * CI no longer has), overlaid with the wizard's picker lists. An ID neither knows shows alone.
 */
export function useReviewNames(request: TriggerRequest | null, bucket: string): CiNames {
  const params = useSearchParams();
  const from = params.get("from");
  const source = useQuery({
    ...jobDetailOptions(from ?? "", params.get("bucket")),
    enabled: !!from,
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });
  const refs = request ? requestRefs(request) : [];
  const tags = [...new Set(refs.flatMap((r) => (r.kind === "templates" && r.tag ? [r.tag] : [])))];
  const lists = useQueries({
    queries: [
      { ...pickerQuery("workflows", bucket, null), enabled: refs.some((r) => r.kind === "workflows") },
      { ...pickerQuery("queues", bucket, null), enabled: refs.some((r) => r.kind === "queues") },
      ...tags.map((tag) => pickerQuery("templates", bucket, tag)),
    ],
  });
  const picked = emptyNames();
  lists.forEach((list, i) => {
    const kind = i === 0 ? "workflows" : i === 1 ? "queues" : "templates";
    for (const item of list.data?.items ?? []) if (item.name) picked[kind][item.id] = item.name;
  });
  return mergeNames(source.data?.names, picked);
}
