/** Shared shapes of the CI emulator: options, route keys and what a route handler returns. */
import type { XmlObject } from "@/lib/ci/xml";

export interface BucketConfig {
  /** `name-APPID`, e.g. `examplebucket-1250000000`. */
  bucket: string;
  /** e.g. `ap-beijing`. */
  region: string;
}

export interface EmulatorCredentials {
  secretId: string;
  secretKey: string;
}

export interface EmulatorOptions {
  credentials: EmulatorCredentials;
  buckets: BucketConfig[];
  /** Length of one lifecycle phase (Submitted, then Running) in ms. Default 20 000 (a human-paced demo). */
  stepMs?: number;
  /** Seeded past jobs per bucket. Default 160. */
  seedCount?: number;
  /** Seed of the deterministic PRNG behind the seed data. Default 1. */
  seed?: number | string;
  /** The clock (ms since epoch). Everything time-based uses it: lifecycle, signature windows, fault expiry. */
  now?: () => number;
  /** Tolerated clock difference when checking a signature's key time, in seconds. Default 60. */
  clockSkewSeconds?: number;
  /**
   * Every query parameter sent must be listed in q-url-param-list (except a bare `cancel`; see README). Default true:
   * stricter than CI so that our own client's mistakes show up here first.
   */
  requireSignedParams?: boolean;
  /** Who may use `/__emulator/*`. Default: loopback addresses only. */
  adminAllowed?: (remoteAddress: string | undefined) => boolean;
}

/** Every CI route the emulator serves, as stats and faults name them. */
export const ROUTE_KEYS = [
  "POST /inventorytriggerjob",
  "GET /inventorytriggerjob",
  "GET /inventorytriggerjob/:jobId",
  "PUT /inventorytriggerjob/:jobId?cancel",
  "GET /template",
  "GET /queue",
  "GET /picqueue",
  "GET /asrqueue",
  "GET /ai_queue",
  "GET /workflow",
  // One level down (issue 13): the files inside a batch, and COS (route keys of the COS host start with "COS ").
  "GET /workflowexecution",
  "GET /workflowexecution/:runId",
  "GET /jobs",
  "GET /jobs/:jobId",
  "COS GET /",
  "COS PUT /:key",
  "COS GET /:key",
  "COS HEAD /:key",
] as const;
export type RouteKey = (typeof ROUTE_KEYS)[number];

/** What a CI route handler answers; the server adds the request ID header and the framing. */
export interface CiResult {
  status: number;
  /** XML text; empty for a bodiless 200 (cancel). */
  body: string;
  /** Default `application/xml`; a JSON error answer (error-answer.ts) says `application/json`. */
  contentType?: string;
}

export type { XmlObject };
