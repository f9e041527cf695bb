/**
 * Settling audit rows whose outcome nobody knows: the request lost CI's answer (`unknown`), or the server stopped
 * before it could write one (`pending` for over a minute). The shared CI key means CI cannot tell us who did what,
 * but it can tell us what happened to the job, and the audit row already says who asked. The heuristics:
 *
 * - Cancel: a minute later the job is `Cancel` → the cancel took effect (success). Still Submitted/Running/Pause,
 *   or finished as Success/Failed → it did not (error). CI does not know the job → error. Any other state → ask again
 *   later.
 * - Trigger: look for jobs CI created with the same Name and Type (and Tag, or WorkflowIds, when CI reports them)
 *   between 1 minute before the intent (clock skew) and 10 minutes after it (a slow or retried request), leaving
 *   out jobs the log already attributes to another trigger. Exactly one → that is the job (success, with its id).
 *   None, once the window has closed → CI created nothing (error). Several → we cannot honestly choose: the row stays
 *   open, and after a day it is marked `unknown` for good.
 */
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { requestType } from "@/lib/jobs/request-type";
import { parseCiTime } from "@/lib/jobs/ci-time";
import type { AuditAction } from "@/lib/jobs/audit-types";

export const RECONCILE_MIN_AGE_MS = 60_000;
export const TRIGGER_WINDOW_BEFORE_MS = 60_000;
export const TRIGGER_WINDOW_AFTER_MS = 10 * 60_000;

/** An audit row still waiting for its outcome, as reconciliation sees it. */
export interface OpenAuditRow {
  id: string;
  at: Date;
  actor: string;
  action: AuditAction;
  bucket: string;
  jobId: string | null;
  /** The stored (redacted) request: for a trigger, the TriggerRequest JSON. */
  request: unknown;
  outcome: "pending" | "unknown";
  errorCode: string | null;
}

export interface ReconcileContext {
  now: Date;
  /** For a trigger: the creation-time window to search CI's job list in. */
  window: { from: Date; to: Date };
  /** Job ids that other trigger rows already own (never attribute one job to two people). */
  attributedJobIds: ReadonlySet<string>;
}

/** What happened, or null when it cannot be told yet (the row is asked about again next time). */
export type ReconcileVerdict = { outcome: "success" | "error"; jobId?: string; note: string } | null;

/** Supplied by the caller (it talks to CI); see verdictForCancel / verdictForTrigger for the usual answers. */
export type ReconcileLookup = (row: OpenAuditRow, ctx: ReconcileContext) => Promise<ReconcileVerdict>;

export function triggerWindow(at: Date): { from: Date; to: Date } {
  return {
    from: new Date(at.getTime() - TRIGGER_WINDOW_BEFORE_MS),
    to: new Date(at.getTime() + TRIGGER_WINDOW_AFTER_MS),
  };
}

/** A job from CI's list, reduced to what matching needs. */
export interface CandidateJob {
  jobId: string;
  name?: string;
  type?: string;
  tag?: string;
  workflowId?: string;
  creationTime: Date | null;
}

export function candidateFromJob(job: JobDetail): CandidateJob {
  const op = job.Operation as Record<string, unknown> | undefined;
  const workflowId =
    typeof op?.WorkflowId === "string"
      ? op.WorkflowId
      : typeof op?.WorkflowIds === "string"
        ? op.WorkflowIds
        : undefined;
  return {
    jobId: job.JobId,
    name: job.Name,
    type: job.Type,
    tag: job.Tag,
    workflowId,
    creationTime: parseCiTime(job.CreationTime),
  };
}

/** The verdict on an open cancel, from the job's state now (null when CI does not know the job). */
export function verdictForCancel(state: string | null | undefined): ReconcileVerdict {
  if (!state) return { outcome: "error", note: "CI does not know this job, so it was not cancelled" };
  if (state === "Cancel") return { outcome: "success", note: "The job is Cancel: the cancel took effect" };
  if (state === "Success" || state === "Failed")
    return { outcome: "error", note: `The job ended as ${state}: the cancel did not take effect` };
  if (state === "Submitted" || state === "Running" || state === "Pause") {
    return { outcome: "error", note: `The job was still ${state} a minute later: the cancel did not take effect` };
  }
  return null;
}

interface RequestShape {
  Name?: unknown;
  Type?: unknown;
  Operation?: { Tag?: unknown; WorkflowIds?: unknown };
}

/** The verdict on an open trigger, from CI's jobs created around the time of the request (see the file comment). */
export function verdictForTrigger(
  row: OpenAuditRow,
  candidates: readonly CandidateJob[],
  ctx: ReconcileContext,
): ReconcileVerdict {
  const req = (row.request ?? {}) as RequestShape;
  const type = requestType(req.Type);
  if (typeof req.Name !== "string" || !type) return null;
  const tag = typeof req.Operation?.Tag === "string" ? req.Operation.Tag : undefined;
  const workflowId = typeof req.Operation?.WorkflowIds === "string" ? req.Operation.WorkflowIds : undefined;
  const { from, to } = ctx.window;
  const seen = new Set<string>();
  const matches = candidates.filter((c) => {
    if (seen.has(c.jobId)) return false;
    seen.add(c.jobId);
    if (c.name !== req.Name) return false;
    if (c.type !== undefined && c.type !== type) return false;
    if (type === "Job" && tag && c.tag !== undefined && c.tag !== tag) return false;
    if (type === "Workflow" && workflowId && c.workflowId !== undefined && c.workflowId !== workflowId) return false;
    if (!c.creationTime || c.creationTime < from || c.creationTime > to) return false;
    return !ctx.attributedJobIds.has(c.jobId);
  });
  if (matches.length === 1) {
    const m = matches[0]!;
    return {
      outcome: "success",
      jobId: m.jobId,
      note: `Found job ${m.jobId}: same Name and Type, created ${m.creationTime!.toISOString()}`,
    };
  }
  if (matches.length === 0 && ctx.now >= to) {
    return {
      outcome: "error",
      note: `No job named ${req.Name} (${type}) was created between ${from.toISOString()} and ${to.toISOString()}: CI created none`,
    };
  }
  return null; // window still open, or several candidates: do not guess
}

/** How long an undecided row waits before it is asked about again, and when reconciliation gives up on it. */
export const RECONCILE_BACKOFF = { baseMs: 60_000, capMs: 6 * 3_600_000, maxAttempts: 8 } as const;

/** The note on a row reconciliation gave up on; with outcome `unknown` and a reconciled_at, the UI shows it as such. */
export const UNSETTLED_NOTE_PREFIX = "Could not be settled";

/**
 * Which open rows are resting between attempts (in memory: after a restart every row is simply due again, and the
 * age limit still applies). Undecided rows wait 1, 2, 4… minutes (capped), so that rows which can never be settled
 * do not use up every pass; after `maxAttempts` undecided answers the row is marked as not settleable. A failed
 * lookup (CI unreachable, budget used up) waits the same way without counting as an attempt.
 */
export class ReconcileBackoff {
  private readonly rows = new Map<string, { attempts: number; failures: number; nextAt: number }>();

  constructor(private readonly policy: { baseMs: number; capMs: number; maxAttempts: number } = RECONCILE_BACKOFF) {}

  /** Ids that must not be asked about at `now` (at most `max`, the soonest due last). */
  resting(now: Date, max = 1_000): string[] {
    const t = now.getTime();
    const out: string[] = [];
    for (const [id, r] of this.rows) {
      if (r.nextAt > t) out.push(id);
      if (out.length >= max) break;
    }
    return out;
  }

  attempts(id: string): number {
    return this.rows.get(id)?.attempts ?? 0;
  }

  /** True when this undecided answer is the last one allowed: the caller marks the row as not settleable. */
  undecided(id: string, now: Date): boolean {
    const r = this.rows.get(id) ?? { attempts: 0, failures: 0, nextAt: 0 };
    r.attempts++;
    r.nextAt = now.getTime() + this.delay(r.attempts + r.failures);
    this.rows.set(id, r);
    return r.attempts >= this.policy.maxAttempts;
  }

  failed(id: string, now: Date): void {
    const r = this.rows.get(id) ?? { attempts: 0, failures: 0, nextAt: 0 };
    r.failures++;
    r.nextAt = now.getTime() + this.delay(r.attempts + r.failures);
    this.rows.set(id, r);
  }

  forget(id: string): void {
    this.rows.delete(id);
  }

  private delay(n: number): number {
    return Math.min(this.policy.capMs, this.policy.baseMs * 2 ** Math.min(Math.max(0, n - 1), 30));
  }
}
