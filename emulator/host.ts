/** Which bucket a request is for: CI routes by the Host header `<bucket>.ci.<region>.myqcloud.com` (any port). */
import { BUCKET_PATTERN, REGION_PATTERN } from "./model/ci-formats";

export interface CiHost {
  bucket: string;
  region: string;
}

const HOST_PATTERN = /^([a-z0-9-]+)\.ci\.([a-z0-9-]+)\.myqcloud\.com\.?(?::\d{1,5})?$/;

/** Null when the host is not a bucket's CI host (the server answers 400 InvalidHost). */
export function parseCiHost(host: string | undefined): CiHost | null {
  if (!host) return null;
  const m = HOST_PATTERN.exec(host.trim().toLowerCase());
  if (!m) return null;
  const [, bucket, region] = m as unknown as [string, string, string];
  if (!BUCKET_PATTERN.test(bucket) || !REGION_PATTERN.test(region)) return null;
  return { bucket, region };
}

export const ciHostName = (bucket: string, region: string) => `${bucket}.ci.${region}.myqcloud.com`;
