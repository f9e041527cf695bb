"use client";
/** The job being duplicated (`?from=`), loaded and normalised into a Request (the Tag registry is fetched for it). */
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { fromJobDetail, type DuplicatedRequest } from "@/lib/jobs/from-job-detail";
import type { ApiError } from "@/lib/query/api-fetch";
import { jobDetailOptions } from "@/lib/query/jobs";
import { loadRegistry } from "./lazy-modules";

export function useSourceJob(
  from: string | undefined,
  bucket: string | null,
): { source: DuplicatedRequest | null; error: ApiError | null } {
  const query = useQuery({
    ...jobDetailOptions(from ?? "", bucket),
    enabled: !!from,
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });
  const [source, setSource] = useState<DuplicatedRequest | null>(null);
  useEffect(() => {
    const job = query.data?.job;
    if (!job) return;
    let live = true;
    void loadRegistry().then(({ lookupTag }) => live && setSource(fromJobDetail(job, lookupTag)));
    return () => {
      live = false;
    };
  }, [query.data]);
  return { source, error: query.isError ? (query.error as ApiError) : null };
}
