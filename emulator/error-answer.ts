/**
 * A chosen CI error answer (admin faults `errorAnswer`), for tests that need CI's code, message and RequestId to
 * reach the screen: CI's XML `<Error>` (docs/ci-api.md §3.1), or the JSON body some CI front ends send instead,
 * `{"code":…,"message":…,"request_id":…}` with `Content-Type: application/json`. The JSON field names and the numeric
 * `code` are cos-go-sdk-v5's (error.go: `jsonError { Code int "code"; Message string "message"; RequestID string
 * "request_id" }`, read by `checkResponse` when the body has no XML Code and Content-Type starts with
 * application/json), so a string code would not even decode there. Both forms carry the answer's `x-ci-request-id`.
 */
import { z } from "zod";
import { xmlError } from "./xml-response";
import type { CiResult } from "./types";

const status = z.number().int().min(400, "an error status, 400 to 599").max(599, "an error status, 400 to 599");
/** Sent as the `x-ci-request-id` header too, so only visible ASCII (anything else would make writeHead throw). */
const REQUEST_ID = z
  .string()
  .regex(/^[\x21-\x7e]{1,128}$/, "1-128 visible ASCII characters")
  .optional();
const message = z.string().min(1).max(1024);

export const errorAnswerSchema = z.discriminatedUnion("format", [
  z.strictObject({
    format: z.literal("json"),
    status,
    /** A number, as cos-go-sdk-v5's `jsonError.Code int` decodes it. */
    code: z.number().int().min(0).max(2_147_483_647),
    message,
    /** Answer with this RequestId (header and body) instead of a fresh one, so a test can look for it on screen. */
    requestId: REQUEST_ID,
  }),
  z.strictObject({
    format: z.literal("xml"),
    status,
    code: z.string().regex(/^[A-Za-z][A-Za-z0-9.]{0,63}$/, "a CI error code such as InvalidArgument"),
    message,
    requestId: REQUEST_ID,
  }),
]);
export type ErrorAnswer = z.infer<typeof errorAnswerSchema>;

/** The answer on the wire; `requestId` is the one the server also sends as `x-ci-request-id`. */
export function errorAnswerResult(answer: ErrorAnswer, requestId: string): CiResult {
  if (answer.format === "xml") return xmlError(answer.status, answer.code, answer.message, requestId);
  const body = JSON.stringify({ code: answer.code, message: answer.message, request_id: requestId });
  return { status: answer.status, body, contentType: "application/json" };
}
