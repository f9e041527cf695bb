/**
 * The CI emulator's admin API (`/__emulator/`, JSON, loopback only) for browser tests: reset the world, count CI
 * calls, inject faults, force a job's state, read the trigger log. Plain fetch: independent of the page's context.
 */
import type { z } from "zod";
import type { AdminBatchFiles, AdminCosObject } from "@/emulator/admin-files";
import type { MisfitShape } from "@/emulator/store/job-detail-misfit";
import type { faultConfigSchema } from "@/emulator/faults";
import type { RouteKey } from "@/emulator/types";
import { E2E } from "./env";

type Json = Record<string, unknown>;

async function admin<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${E2E.emulatorUrl}/__emulator/${path}`, {
    method,
    headers: body !== undefined ? { "Content-Type": "application/json" } : undefined,
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`emulator ${method} ${path} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/**
 * Route keys the emulator counts and can fault, e.g. "GET /inventorytriggerjob" (the job list), "GET /jobs" (media
 * jobs of a batch), "COS GET /" (list objects): the emulator's own list (emulator/types.ts).
 */
export type EmulatorRoute = RouteKey;
export type { AdminBatchFile, AdminBatchFiles, AdminCosObject } from "@/emulator/admin-files";
/** The emulator's fault configuration, as its admin route accepts it. */
export type FaultConfig = z.input<typeof faultConfigSchema>;

export const emulatorAdmin = {
  /** Fresh seed jobs, no faults, zeroed stats. */
  reset: () => admin<Json>("POST", "reset"),
  health: () => admin<Json>("GET", "health"),
  /** Request counts per route key. */
  stats: () => admin<Json>("GET", "stats"),
  resetStats: () => admin<Json>("POST", "stats/reset"),
  setFaults: (config: FaultConfig) => admin<Json>("POST", "faults", config),
  clearFaults: () => admin<null>("DELETE", "faults"),
  /** Pins a job's state from now on (Failed may carry a Code and Message). */
  forceState: (jobId: string, State: string, extra: { Code?: string; Message?: string } = {}) =>
    admin<Json>("POST", `jobs/${encodeURIComponent(jobId)}/state`, { State, ...extra }),
  job: (jobId: string) => admin<Json>("GET", `jobs/${encodeURIComponent(jobId)}`),
  /**
   * Attaches (replaces) a Job-type batch's result blocks (MediaResult, MediaInfo, …Result; emulator/admin-results.ts),
   * which the emulator then echoes under Operation.JobParam; `{}` clears them.
   */
  attachResults: (jobId: string, blocks: Json) =>
    admin<Json>("POST", `jobs/${encodeURIComponent(jobId)}/results`, blocks),
  /** Makes a job's JobsDetail an odd shape in list and describe answers (emulator/store/job-detail-misfit.ts). */
  misfit: (jobId: string, shape?: MisfitShape) =>
    admin<Json>("POST", `jobs/${encodeURIComponent(jobId)}/misfit`, shape ? { shape } : {}),
  triggers: () => admin<Json[]>("GET", "triggers"),
  /** Objects clients PUT to COS under `prefix` (default: every written object), with their text bodies. */
  cosObjects: (bucket: string, prefix = "") =>
    admin<{ bucket: string; region: string; objects: AdminCosObject[] }>(
      "GET",
      `cos/objects?${new URLSearchParams({ bucket, prefix })}`,
    ),
  /** A batch's files as they stand now: counts by state and the files (only `state`'s when given). */
  batchFiles: (jobId: string, state?: string) =>
    admin<AdminBatchFiles>(
      "GET",
      `batches/${encodeURIComponent(jobId)}/files${state ? `?${new URLSearchParams({ state })}` : ""}`,
    ),
  /** Ends a batch now: every file created and finished (failures as the emulator decides them, per key). */
  finishBatch: (jobId: string) => admin<AdminBatchFiles>("POST", `batches/${encodeURIComponent(jobId)}/finish`),
  /** Moves the emulator's lifecycle clock forward (signatures keep the real clock). */
  advanceClock: (ms: number) => admin<{ now: string; offsetMs: number }>("POST", "clock", { ms }),
};

/** How many calls the emulator counted for a route key (0 when none). */
export function countOf(stats: Json, route: EmulatorRoute): number {
  const direct = stats[route];
  if (typeof direct === "number") return direct;
  // Tolerate a nested shape ({ routes: { key: n } } or { key: { count } }).
  const nested = (stats.routes as Json | undefined)?.[route] ?? direct;
  if (typeof nested === "number") return nested;
  if (nested && typeof nested === "object" && typeof (nested as Json).count === "number")
    return (nested as Json).count as number;
  return 0;
}
