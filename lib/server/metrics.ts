import "server-only";
/**
 * The one Prometheus registry of this process (served at /api/metrics, charted by docs/grafana-dashboard.json).
 * Kept on globalThis: Next bundles route handlers separately and dev mode reloads modules, and a second registry
 * (or a second registration of one name) would split or break the counts. Labels are small closed sets only:
 * never a user, a job id or an error message.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { logCiCall } from "./logger";

const PREFIX = "ci_console_";
/** A poller counts as active for this long after its last list/detail request (a poll interval is ≤ 30 s). */
export const ACTIVE_POLLER_WINDOW_MS = 60_000;

function build() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  const pollers = new Map<string, number>();
  const m = {
    registry,
    pollers,
    ciCalls: new Counter({
      name: `${PREFIX}ci_calls_total`,
      help: "CI HTTP attempts (retries counted one by one) by endpoint and outcome",
      labelNames: ["endpoint", "outcome"] as const,
      registers: [registry],
    }),
    ciSlowDown: new Counter({
      name: `${PREFIX}ci_slow_down_total`,
      help: "CI answers with the SlowDown code (rate limited), by endpoint",
      labelNames: ["endpoint"] as const,
      registers: [registry],
    }),
    ciLatency: new Histogram({
      name: `${PREFIX}ci_call_duration_seconds`,
      help: "Duration of one CI HTTP attempt, by endpoint",
      labelNames: ["endpoint"] as const,
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    reads: new Counter({
      name: `${PREFIX}read_cache_total`,
      help: "List/detail/picker reads by how they were answered: hit (fresh answer reused), joined (shared an in-flight load), shared_hit (another instance's answer, PostgreSQL), miss (loaded from CI)",
      labelNames: ["kind", "result"] as const,
      registers: [registry],
    }),
    pollsInFlight: new Gauge({
      name: `${PREFIX}polls_in_flight`,
      help: "List and detail API requests (GET /api/jobs, GET /api/jobs/:id) this instance is answering right now",
      registers: [registry],
    }),
    activePollers: new Gauge({
      name: `${PREFIX}active_pollers`,
      help: `Distinct users whose list or detail request reached this instance in the last ${ACTIVE_POLLER_WINDOW_MS / 1000} s`,
      registers: [registry],
      collect() {
        const cutoff = Date.now() - ACTIVE_POLLER_WINDOW_MS;
        for (const [user, at] of pollers) if (at < cutoff) pollers.delete(user);
        this.set(pollers.size);
      },
    }),
    jobChanges: new Counter({
      name: `${PREFIX}job_changes_total`,
      help: "Triggers and cancels sent to CI, by action and outcome (success, error, unknown = answer lost)",
      labelNames: ["action", "outcome"] as const,
      registers: [registry],
    }),
    auditFailures: new Counter({
      name: `${PREFIX}audit_write_failures_total`,
      help: "Audit rows that could not be written (intent: the change was refused; outcome: the row stays open for reconciliation)",
      labelNames: ["stage"] as const,
      registers: [registry],
    }),
    reconcilePasses: new Counter({
      name: `${PREFIX}reconcile_passes_total`,
      help: "Reconciliation passes by result (ran, skipped = another pass held the lock, failed)",
      labelNames: ["result"] as const,
      registers: [registry],
    }),
    reconcileRows: new Counter({
      name: `${PREFIX}reconcile_rows_total`,
      help: "Open audit rows looked at by reconciliation, by outcome (settled, marked_unknown, undecided, failed)",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    unreadableJobs: new Counter({
      name: `${PREFIX}unreadable_jobs_total`,
      help: "Distinct jobs whose CI details did not fit the expected shape (shown marked; each counted once per process)",
      registers: [registry],
    }),
    identityRefusals: new Counter({
      name: `${PREFIX}identity_refusals_total`,
      help: "API requests refused before the handler ran, by reason",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
  };
  return m;
}

type Metrics = ReturnType<typeof build>;
const KEY = Symbol.for("ci-batch-console.metrics");

/** The process-wide metrics, created on first use. */
export function metrics(): Metrics {
  const holder = globalThis as { [KEY]?: Metrics };
  return (holder[KEY] ??= build());
}

/** Prometheus text exposition of every metric. */
export async function metricsText(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}

/** CI paths as a closed set: a job id in the path becomes `:jobId` (ids must not become label values). */
export function ciEndpoint(method: string, path: string): string {
  const p = path.replace(/\/+$/, "");
  if (/^\/inventorytriggerjob\/[^/]+$/.test(p)) return `${method} /inventorytriggerjob/:jobId`;
  if (["/inventorytriggerjob", "/template", "/queue", "/workflow"].includes(p)) return `${method} ${p}`;
  return `${method} other`;
}

/** A CI attempt's outcome label from its HTTP status and CiError code. */
export function ciOutcome(status: number, code?: string): string {
  if (!code) return "ok";
  if (code === "SlowDown") return "slow_down";
  if (code === "Timeout") return "timeout";
  if (status === 0) return "network_error";
  if (status >= 200 && status < 300) return "bad_response"; // 2xx whose body did not parse or validate
  return status >= 500 ? "server_error" : "client_error";
}

/** Called by the signed-call layer (CallerOptions.onCall) after every attempt. */
export function countCiCall(info: { method: string; path: string; status: number; ms: number; code?: string }): void {
  const m = metrics();
  const endpoint = ciEndpoint(info.method, info.path);
  m.ciCalls.inc({ endpoint, outcome: ciOutcome(info.status, info.code) });
  if (info.code === "SlowDown") m.ciSlowDown.inc({ endpoint });
  m.ciLatency.observe({ endpoint }, info.ms / 1000);
}

/** CallerOptions.onCall for the app's CI client: one metric sample and one log line per attempt. */
export function observeCiCall(info: Parameters<typeof logCiCall>[0]): void {
  countCiCall(info);
  logCiCall(info);
}

export type ReadResult = "hit" | "joined" | "shared_hit" | "miss";

/** Cache keys look like `<bucket>|<kind>|…`; only the kind becomes a label. */
export function countRead(key: string, result: ReadResult): void {
  const kind = key.split("|")[1] ?? "other";
  metrics().reads.inc({ kind: ["list", "job", "picker"].includes(kind) ? kind : "other", result });
}

const POLL_ROUTES = new Set(["GET /api/jobs", "GET /api/jobs/[jobId]"]);

/** Marks a list/detail request as open; returns the function that closes it (a no-op for other routes). */
export function openPoll(route: string, user: string | undefined): () => void {
  if (!POLL_ROUTES.has(route)) return () => {};
  const m = metrics();
  if (user) m.pollers.set(user, Date.now());
  m.pollsInFlight.inc();
  let open = true;
  return () => {
    if (open) m.pollsInFlight.dec();
    open = false;
  };
}

/** One trigger or cancel outcome as the audit log records it. */
export function countJobChange(action: "trigger" | "cancel", outcome: string): void {
  metrics().jobChanges.inc({ action, outcome });
}

export function countAuditFailure(stage: "intent" | "outcome"): void {
  metrics().auditFailures.inc({ stage });
}

export interface ReconcileCounts {
  settled: number;
  markedUnknown: number;
  undecided: number;
  failed: number;
}

export function countReconcilePass(result: "ran" | "skipped" | "failed", report?: ReconcileCounts): void {
  const m = metrics();
  m.reconcilePasses.inc({ result });
  if (!report) return;
  m.reconcileRows.inc({ outcome: "settled" }, report.settled);
  m.reconcileRows.inc({ outcome: "marked_unknown" }, report.markedUnknown);
  m.reconcileRows.inc({ outcome: "undecided" }, report.undecided);
  m.reconcileRows.inc({ outcome: "failed" }, report.failed);
}

/**
 * withApi's refusals before a handler runs, as a closed set of reasons (identity.ts words them for people; the
 * metric needs stable labels).
 */
export function countRefusal(problem: { status: number; code: string; message: string }): void {
  let reason: string | null = null;
  if (problem.code === "Unauthenticated") {
    reason = /did not come through/.test(problem.message)
      ? "proxy_secret"
      : /malformed/.test(problem.message)
        ? "malformed_identity"
        : "no_identity";
  } else if (problem.code === "Forbidden") reason = "not_operator";
  else if (problem.code === "CrossOriginRefused") reason = "cross_origin";
  else if (problem.code === "JsonRequired") reason = "json_required";
  if (reason) metrics().identityRefusals.inc({ reason });
}
