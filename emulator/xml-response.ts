/** The XML bodies the emulator writes: `<Response>` documents and CI's `<Error>` document (docs/ci-api.md §3.1). */
import { buildXml } from "@/lib/ci/xml";
import { newTraceId } from "./request-id";
import type { CiResult } from "./types";

/** `<Response><RequestId>…</RequestId>…</Response>`; RequestId first, as in every CI sample. */
export function xmlResponse(requestId: string, body: Record<string, unknown>, status = 200): CiResult {
  return { status, body: buildXml("Response", { RequestId: requestId, ...body }) };
}

/** CI's error body, with the declaration exactly as the doc shows it. */
export function xmlError(status: number, code: string, message: string, requestId: string): CiResult {
  const doc = buildXml("Error", { Code: code, Message: message, RequestId: requestId, TraceId: newTraceId() });
  return { status, body: `<?xml version='1.0' encoding='utf-8' ?>\n${doc}` };
}
