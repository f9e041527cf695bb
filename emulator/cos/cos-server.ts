/**
 * A COS request between "it arrived" and "this is the answer": signature (the same check as CI's, answered with
 * COS's 403 codes), bucket (404 NoSuchBucket), then the endpoint. Throws CiFault for COS errors.
 */
import { verifySignature } from "../auth";
import { CiFault } from "../ci-error";
import type { ParsedTarget } from "../http-request";
import type { Stats } from "../stats";
import type { EmulatorStore } from "../store/emulator-store";
import type { EmulatorCredentials } from "../types";
import { asCosAuthFault, type CosResult } from "./cos-response";
import { handleCosGet, handleCosHead, handleCosList, handleCosPut, type CosRouteMatch } from "./cos-routes";

export interface CosDeps {
  store: EmulatorStore;
  stats: Stats;
  credentials: EmulatorCredentials;
  skewSeconds: number;
  requireSignedParams: boolean;
}

export interface CosRequest {
  method: string;
  target: ParsedTarget;
  host: { bucket: string; region: string };
  match: CosRouteMatch;
  /** null: larger than the PUT limit. */
  body: Buffer | null;
  header: (lowerCaseName: string) => string | undefined;
  /** The lifecycle clock (written objects' dates). */
  now: number;
  /** The emulator's own clock, for the signature window. */
  signatureNow: number;
}

export function processCos(deps: CosDeps, r: CosRequest): CosResult {
  try {
    verifySignature(
      { method: r.method, path: r.target.path, query: r.target.query, header: r.header },
      {
        credentials: deps.credentials,
        nowMs: r.signatureNow,
        skewSeconds: deps.skewSeconds,
        requireSignedParams: deps.requireSignedParams,
      },
    );
  } catch (e) {
    if (!(e instanceof CiFault)) throw e;
    deps.stats.authFailure({
      at: r.signatureNow,
      route: r.match.key ?? "unmatched",
      code: e.code,
      message: e.message,
      expectedHttpString: e.diagnostic,
    });
    throw asCosAuthFault(e);
  }
  const store = deps.store.bucket(r.host.bucket, r.host.region);
  if (!store)
    throw new CiFault(404, "NoSuchBucket", `The specified bucket ${r.host.bucket} does not exist in ${r.host.region}`);
  if (!r.match.key) throw r.match.fault;
  const ctx = {
    bucket: store.objects,
    query: r.target.query,
    objectKey: r.match.objectKey,
    header: r.header,
    now: r.now,
  };
  const appId = /-(\d+)$/.exec(r.host.bucket)?.[1] ?? "";
  switch (r.match.key) {
    case "COS GET /":
      return handleCosList({ ...ctx, body: Buffer.alloc(0) }, appId);
    case "COS PUT /:key":
      return handleCosPut({ ...ctx, body: r.body });
    case "COS GET /:key":
      return handleCosGet({ ...ctx, body: Buffer.alloc(0) });
    case "COS HEAD /:key":
      return handleCosHead({ ...ctx, body: Buffer.alloc(0) });
    default:
      throw new CiFault(404, "InvalidURI", `The emulator does not serve ${r.method} ${r.target.path} on COS`);
  }
}
