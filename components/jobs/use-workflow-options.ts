"use client";
import { useQuery } from "@tanstack/react-query";
import type { PickerAnswer } from "@/lib/jobs/api-contract";
import type { PickerItem } from "@/lib/jobs/picker-schema";
import { apiFetch } from "@/lib/query/api-fetch";

/**
 * The bucket's workflows by name, for the WorkflowId filter: the wizard's picker data (/api/ci/workflows, cached on
 * the server), fetched only once the filter is used or set. Same query key as the wizard's picker, so they share it.
 */
export function useWorkflowOptions(bucket: string, enabled: boolean): readonly PickerItem[] {
  const query = useQuery({
    queryKey: ["ci-picker", "workflows", bucket, null],
    queryFn: ({ signal }) =>
      apiFetch<PickerAnswer>(`/api/ci/workflows${bucket ? `?bucket=${encodeURIComponent(bucket)}` : ""}`, { signal }),
    enabled,
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    retry: false,
  });
  return query.data?.items ?? [];
}
