/** How COS answers (COS 436/7730): `<Error>` with Resource, `x-cos-request-id`, `Server: tencent-cos`. */
import { buildXml } from "@/lib/ci/xml";
import { CiFault } from "../ci-error";
import { newTraceId } from "../request-id";

/** A COS answer: status, body (bytes for objects), and headers beyond the framing the server adds. */
export interface CosResult {
  status: number;
  body: string | Buffer;
  headers?: Record<string, string>;
  /** HEAD: the Content-Length to announce without a body. */
  contentLength?: number;
}

export function cosError(
  status: number,
  code: string,
  message: string,
  resource: string,
  requestId: string,
): CosResult {
  const doc = buildXml("Error", {
    Code: code,
    Message: message,
    Resource: resource,
    RequestId: requestId,
    TraceId: newTraceId(),
  });
  return {
    status,
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${doc}`,
    headers: { "Content-Type": "application/xml" },
  };
}

export const cosXml = (root: string, body: Record<string, unknown>): CosResult => ({
  status: 200,
  body: `<?xml version="1.0" encoding="UTF-8"?>\n${buildXml(root, body)}`,
  headers: { "Content-Type": "application/xml" },
});

/**
 * The signature check (auth.ts) speaks CI's codes; COS answers every signature problem with a 403 (COS 436/7730):
 * a wrong signature is SignatureDoesNotMatch, an unknown SecretId InvalidAccessKeyId, the rest AccessDenied.
 */
export function asCosAuthFault(e: CiFault): CiFault {
  if (e.code === "SecretidNotExist") return new CiFault(403, "InvalidAccessKeyId", e.message);
  if (e.code === "AccessDenied" && e.diagnostic !== undefined)
    return new CiFault(403, "SignatureDoesNotMatch", e.message, e.diagnostic);
  if (["MissingAuthorization", "InvalidAuthorization", "SignatureExpired", "AccessDenied"].includes(e.code))
    return new CiFault(403, "AccessDenied", e.message, e.diagnostic);
  return e;
}
