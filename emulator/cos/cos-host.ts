/** COS requests by Host: `<bucket>.cos.<region>.myqcloud.com` (any port), the bucket carrying its APPID. */
import { BUCKET_PATTERN, REGION_PATTERN } from "@/lib/jobs/request-schema";

const COS_HOST = /^([a-z0-9-]+)\.cos\.([a-z0-9-]+)\.myqcloud\.com\.?(?::\d{1,5})?$/;

export function parseCosHost(host: string | undefined): { bucket: string; region: string } | null {
  if (!host) return null;
  const m = COS_HOST.exec(host.trim().toLowerCase());
  if (!m || !BUCKET_PATTERN.test(m[1]!) || !REGION_PATTERN.test(m[2]!)) return null;
  return { bucket: m[1]!, region: m[2]! };
}
