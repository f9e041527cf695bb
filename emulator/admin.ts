/**
 * The admin API under `/__emulator/` (JSON, no signature, loopback callers only): health, stats, faults, job
 * inspection and forced states, the trigger log, and reset. Endpoints are listed in the README.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { FilesAdminError, routeFilesAdmin, type FilesAdminDeps } from "./admin-files";
import { attachResults, ResultsBodyError } from "./admin-results";
import { MISFIT_SHAPES } from "./store/job-detail-misfit";
import { JOB_STATES } from "./store/job-states";
import { faultConfigSchema, type Faults } from "./faults";
import { cosHostName } from "./cos/object-url";
import { ciHostName } from "./host";
import type { EmulatorStore } from "./store/emulator-store";
import { renderJobDetail } from "./store/job-detail";
import type { JobRecord } from "./store/job-record";
import { FAILURES, jobStatus } from "./store/lifecycle";
import type { Stats } from "./stats";
import type { BucketConfig } from "./types";

export const ADMIN_PREFIX = "/__emulator/";

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (`::ffff:127.0.0.1`). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase().startsWith("::ffff:") ? address.slice(7) : address;
  if (a === "::1" || a === "0:0:0:0:0:0:0:1") return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  return !!m && m.slice(1).every((n) => Number(n) <= 255);
}

export interface AdminDeps {
  store: EmulatorStore;
  stats: Stats;
  faults: Faults;
  buckets: BucketConfig[];
  stepMs: number;
  seedCount: number;
  now: () => number;
  startedAt: number;
  /** The files-in-a-batch and COS endpoints (admin-files.ts). */
  files?: FilesAdminDeps;
}

const forceStateSchema = z.strictObject({
  State: z.enum(JOB_STATES),
  /** For State Failed: the JobsDetail Code / Message to show. */
  Code: z.string().min(1).max(128).optional(),
  Message: z.string().min(1).max(1024).optional(),
});

/** `jobs/<id>/misfit`: that job's JobsDetail in an odd shape in list and DescribeJob answers (store/job-detail-misfit.ts). */
const misfitSchema = z.strictObject({ shape: z.enum(MISFIT_SHAPES).default("empty-input") });

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value, null, 2);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
  });
  res.end(body);
}

function parseJson(body: string): unknown {
  if (body.trim() === "") return {};
  try {
    return JSON.parse(body);
  } catch {
    throw new AdminError(400, "The body is not valid JSON");
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new AdminError(400, `${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  return r.data;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function jobJson(job: JobRecord, now: number) {
  const s = jobStatus(job, now);
  return {
    jobId: job.jobId,
    bucket: job.bucket,
    region: job.region,
    host: ciHostName(job.bucket, job.region),
    type: job.type,
    name: job.name,
    tag: job.tag ?? null,
    source: job.source,
    state: s.state,
    createdAt: iso(job.createdAt),
    startedAt: iso(s.startAt),
    endedAt: iso(s.endAt),
    timeline: { startAt: iso(job.timeline.startAt), endAt: iso(job.timeline.endAt), final: job.timeline.final },
    override: job.override ? { state: job.override.state, at: iso(job.override.at) } : null,
    failure: job.failure ?? null,
    detail: renderJobDetail(job, now, "query"),
    requestXml: job.requestXml,
  };
}

function route(
  deps: AdminDeps,
  method: string,
  path: string,
  body: string,
  query: ReadonlyMap<string, string>,
): [number, unknown] {
  const now = deps.now();
  if (deps.files) {
    try {
      const answered = routeFilesAdmin(deps.files, method, path, query, body);
      if (answered) return answered;
    } catch (e) {
      if (e instanceof FilesAdminError) throw new AdminError(e.status, e.message);
      throw e;
    }
  }
  const job = /^jobs\/([^/]+)(\/state|\/results|\/misfit)?$/.exec(path);
  if (job) {
    const record = deps.store.findJob(job[1]!);
    if (!record) throw new AdminError(404, `No job ${job[1]}`);
    if (!job[2] && method === "GET") return [200, jobJson(record, now)];
    if (job[2] === "/results" && method === "POST") {
      try {
        attachResults(record, parseJson(body));
      } catch (e) {
        if (e instanceof ResultsBodyError) throw new AdminError(e.status, e.message);
        throw e;
      }
      return [200, jobJson(record, now)];
    }
    if (job[2] === "/misfit" && method === "POST") {
      record.misfit = parseWith(misfitSchema, parseJson(body)).shape;
      return [200, { jobId: record.jobId, misfit: record.misfit }];
    }
    if (job[2] === "/misfit" && method === "DELETE") {
      delete record.misfit;
      return [200, { jobId: record.jobId, misfit: null }];
    }
    if (job[2] === "/state" && method === "POST") {
      const { State, Code, Message } = parseWith(forceStateSchema, parseJson(body));
      record.override = { state: State, at: now };
      if (State === "Failed")
        record.failure =
          Code || Message
            ? { code: Code ?? "InternalError", message: Message ?? FAILURES[4]!.message }
            : (record.failure ?? FAILURES[4]!);
      return [200, jobJson(record, now)];
    }
    throw new AdminError(405, `${method} is not allowed here`);
  }
  switch (`${method} ${path}`) {
    case "GET health":
      return [
        200,
        {
          status: "ok",
          buckets: deps.buckets.map((b) => ({
            ...b,
            host: ciHostName(b.bucket, b.region),
            cosHost: cosHostName(b.bucket, b.region),
          })),
          stepMs: deps.stepMs,
          seedCount: deps.seedCount,
          jobs: deps.store.allBuckets().reduce((n, b) => n + b.jobs.size, 0),
          now: iso(now),
          uptimeMs: Date.now() - deps.startedAt,
        },
      ];
    case "GET stats":
      return [200, deps.stats.snapshot()];
    case "POST stats/reset":
      deps.stats.reset();
      return [200, deps.stats.snapshot()];
    case "GET faults":
      return [200, deps.faults.current()];
    case "POST faults": {
      const active = deps.faults.set(parseWith(faultConfigSchema, parseJson(body)));
      return [200, { ...active, expiresAt: iso(active.expiresAt) }];
    }
    case "DELETE faults":
      deps.faults.clear();
      return [200, null];
    case "GET triggers":
      return [200, deps.store.triggers.map((t) => ({ ...t, receivedAt: iso(t.receivedAt) }))];
    case "POST reset":
      deps.files?.clock.advance(-deps.files.clock.offsetMs());
      deps.store.reset();
      deps.faults.clear();
      deps.stats.reset();
      return [200, { status: "reset", jobs: deps.store.allBuckets().reduce((n, b) => n + b.jobs.size, 0) }];
    default:
      throw new AdminError(404, `No admin endpoint ${method} ${ADMIN_PREFIX}${path}`);
  }
}

/** `localhost`, `127.x.y.z` or `[::1]`, with an optional port: the names a loopback caller reaches us by. */
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[(?:::1|0:0:0:0:0:0:0:1)\])(?::\d{1,5})?$/i;

/**
 * Why a browser page must not reach the admin API although the socket is loopback: a web page the developer has
 * open can POST to 127.0.0.1 (a "simple" cross-site request needs no preflight), and a rebound DNS name can even
 * read the answers. So: the Host must be a loopback name (defeats DNS rebinding), any Origin must be our own
 * (browsers send Origin on every cross-site POST), and a POST body must be JSON (a form or `text/plain` is what a
 * page can send without a preflight). A POST without a body and without a Content-Type is fine: that is what the
 * test helpers' `reset` sends, and a browser sending one would carry its foreign Origin.
 * Returns the refusal (403, or 415 for the content type), or null when the request may proceed.
 */
export function adminRequestRefusal(
  req: Pick<IncomingMessage, "method" | "headers">,
): { status: number; error: string } | null {
  const refuse = (error: string, status = 403) => ({ status, error });
  const host = req.headers.host ?? "";
  if (!LOOPBACK_HOST.test(host))
    return refuse("The admin API answers only requests addressed to a loopback name (Host)");
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host.toLowerCase()}`)
    return refuse("The admin API refuses requests from web pages (foreign Origin)");
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none")
    return refuse("The admin API refuses requests from web pages (Sec-Fetch-Site)");
  if (req.method === "POST") {
    const type = req.headers["content-type"];
    const length = req.headers["content-length"];
    const hasBody = req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
    if ((type !== undefined || hasBody) && !/^application\/json\s*(;|$)/i.test(type ?? ""))
      return refuse("Send admin POSTs as application/json", 415);
  }
  return null;
}

/** Answers an admin request; `allowed` says whether the caller's address may use the admin API. */
export function handleAdmin(
  deps: AdminDeps,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: string,
  allowed: boolean,
  query: ReadonlyMap<string, string> = new Map(),
): void {
  if (!allowed) return sendJson(res, 403, { error: "The admin API only answers loopback callers" });
  const refusal = adminRequestRefusal(req);
  if (refusal) return sendJson(res, refusal.status, { error: refusal.error });
  try {
    const [status, value] = route(deps, req.method ?? "GET", path.slice(ADMIN_PREFIX.length), body, query);
    sendJson(res, status, value);
  } catch (e) {
    if (e instanceof AdminError) return sendJson(res, e.status, { error: e.message });
    throw e;
  }
}
