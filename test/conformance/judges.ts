/**
 * The two judges of one request: the app's trigger schema (what POST /api/jobs accepts, then buildXml sends) and the
 * emulator's model of CI's documented elements (what CI would accept of those bytes).
 */
import { buildXml, parseXml } from "@/lib/ci/xml";
import { triggerRequestSchema } from "@/lib/jobs/request-schema";
import { validateTrigger } from "@/emulator/model/validate";

export interface Verdict {
  ok: boolean;
  /** The paths refused, `Request.`-prefixed on both sides. */
  paths: string[];
}

/** The XML the app would send for this request (when it accepts it), or the request's own XML (when it does not). */
export function judge(request: Record<string, unknown>): { app: Verdict; model: Verdict; xml: string } {
  const parsed = triggerRequestSchema.safeParse(request);
  const app: Verdict = parsed.success
    ? { ok: true, paths: [] }
    : { ok: false, paths: [...new Set(parsed.error.issues.map((i) => ["Request", ...i.path.map(String)].join(".")))] };
  const xml = buildXml("Request", (parsed.success ? parsed.data : request) as Record<string, unknown>);
  const verdict = validateTrigger(parseXml(xml).Request);
  const model: Verdict = verdict.ok
    ? { ok: true, paths: [] }
    : { ok: false, paths: [...new Set(verdict.problems.map((p) => p.path))] };
  return { app, model, xml };
}
