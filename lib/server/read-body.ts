import "server-only";
import { ApiProblem } from "./problem";

const MAX_BODY_BYTES = 256 * 1024;

/** Reads a JSON body with a size cap; malformed JSON is the caller's mistake (400), never ours (500). */
export async function readJsonBody(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new ApiProblem(413, "BodyTooLarge", `The request body is over ${MAX_BODY_BYTES / 1024} KiB`);
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new ApiProblem(413, "BodyTooLarge", `The request body is over ${MAX_BODY_BYTES / 1024} KiB`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiProblem(400, "MalformedJson", "The request body is not valid JSON", { fields: [{ path: "body", message: "Not valid JSON" }] });
  }
}
