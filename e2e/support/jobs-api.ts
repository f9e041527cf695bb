/**
 * Talking to the dashboard's own JSON API from a test, as the browser would (same origin, SSO headers from the
 * Playwright config), to seed jobs and to get the truth the screen must match.
 */
import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { E2E } from "./env";

export interface ApiJob {
  JobId: string;
  Name?: string;
  Type?: string;
  State: string;
  Code?: string;
  Message?: string;
  CreationTime?: string;
  Input?: Record<string, unknown>;
  Operation?: Record<string, unknown>;
  /** Set when CI's details for the job did not fit (lib/jobs/job-detail-schema.ts readJobDetail). */
  detailsProblem?: string;
}

export interface ApiPage {
  jobs: ApiJob[];
  nextToken: string | null;
  requestId: string;
}

/** GET /api/jobs with CI's parameter names. */
export async function listJobs(request: APIRequestContext, params: Record<string, string | number>): Promise<ApiPage> {
  const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const res = await request.get(`/api/jobs?${qs}`);
  if (!res.ok()) throw new Error(`GET /api/jobs?${qs} → ${res.status()}: ${await res.text()}`);
  return (await res.json()) as ApiPage;
}

export async function getJob(request: APIRequestContext, jobId: string): Promise<ApiJob> {
  const res = await request.get(`/api/jobs/${jobId}`);
  if (!res.ok()) throw new Error(`GET /api/jobs/${jobId} → ${res.status()}`);
  return ((await res.json()) as { job: ApiJob }).job;
}

let workflowId: string | undefined;

/** An active workflow the emulator knows (picked once). */
export async function anyWorkflowId(request: APIRequestContext): Promise<string> {
  if (workflowId) return workflowId;
  const res = await request.get("/api/ci/workflows");
  const body = (await res.json()) as { items: { id: string; state?: string }[] };
  const id = body.items.find((w) => w.state === "Active")?.id ?? body.items[0]?.id;
  if (!id) throw new Error("The emulator has no workflows");
  workflowId = id;
  return id;
}

/**
 * Triggers a Workflow-type job through POST /api/jobs (Idempotency-Key, same-origin). The emulator steers it by its
 * Prefix: "fail" fails, "pause" pauses, "slow" is slower; otherwise Submitted → Running → Success.
 */
export async function triggerJob(request: APIRequestContext, name: string, prefix: string): Promise<ApiJob> {
  const res = await request.post("/api/jobs", {
    headers: { "Idempotency-Key": randomUUID(), Origin: E2E.appUrl, "Content-Type": "application/json" },
    data: {
      Name: name,
      Type: "Workflow",
      Input: { Prefix: prefix },
      Operation: { WorkflowIds: await anyWorkflowId(request) },
    },
  });
  if (res.status() !== 201) throw new Error(`POST /api/jobs → ${res.status()}: ${await res.text()}`);
  return ((await res.json()) as { job: ApiJob }).job;
}

/** A unique, valid job name for this test run. */
export function uniqueName(label: string): string {
  return `e2e-${label}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;
}
