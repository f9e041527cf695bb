"use client";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import type { ApiError } from "@/lib/query/api-fetch";

/** "Duplicate" could not load the job it copies: CI's code, message and RequestId, and a way to start afresh. */
export function SourceJobProblem({ from, error }: { from: string; error: ApiError }) {
  return (
    <Notice tone="error" role="alert" title={`Could not load job ${from} to duplicate it`}>
      <p>
        <span className="font-mono">{error.code}</span>: {error.message}
        {error.requestId && <span className="block font-mono text-xs">RequestId: {error.requestId}</span>}
      </p>
      <Link href="/jobs/new" className="mt-2 inline-block underline">
        Start a new job instead
      </Link>
    </Notice>
  );
}
