/**
 * The two judges of one request: the app's trigger schema (what POST /api/jobs accepts, then buildXml sends) and the
 * emulator's model of CI's documented elements (what CI would accept of those bytes).
 */
import type { z } from "zod";
import { buildXml, parseXml } from "@/lib/ci/xml";
import { triggerRequestSchema } from "@/lib/jobs/request-schema";
import { validateTrigger } from "@/emulator/model/validate";

export interface Verdict {
  ok: boolean;
  /** The paths refused, `Request.`-prefixed on both sides, as each side words them. */
  paths: string[];
  /**
   * The fields refused, worded alike on both sides (sorted): no array indices, and an unknown element named by its
   * own path, not its parent's (see appFields). This is what the two sides are compared on.
   */
  fields: string[];
}

/** An array index: the app's zod paths count repeated elements (`Watermark.0.Pos`), XML paths do not. */
const INDEX = /^\d+$/;
/**
 * The Tag registry's wording of unknown JobParam elements (lib/jobs/tags/derive-schema.ts unknownKeysMessage), which
 * lib/jobs/tags/index.ts re-raises as a custom issue at the parent, keeping only the message.
 */
const UNKNOWN_ONE = /^Unknown element (\S+) in \S+(?: \(did you mean \S+\?\))?$/;
const UNKNOWN_MANY = /^Unknown elements in \S+: (.+)$/;

const fieldOf = (segments: readonly PropertyKey[]) =>
  ["Request", ...segments.map(String).filter((s) => !INDEX.test(s))].join(".");

/**
 * The app's refused fields in the model's words. zod names an unknown key at the object holding it (`keys` tells
 * which); the model names the unknown element itself. Same fact, different wording: normalised here.
 */
function appFields(issues: readonly z.core.$ZodIssue[]): string[] {
  const out = new Set<string>();
  for (const issue of issues) {
    let keys: readonly string[] = [];
    if (issue.code === "unrecognized_keys") keys = issue.keys;
    else if (issue.code === "custom") {
      const one = UNKNOWN_ONE.exec(issue.message);
      const many = UNKNOWN_MANY.exec(issue.message);
      if (one) keys = [one[1]!];
      else if (many) keys = many[1]!.split(", ").map((k) => k.split(" ")[0]!);
    }
    if (keys.length === 0) out.add(fieldOf(issue.path));
    for (const k of keys) out.add(fieldOf([...issue.path, k]));
  }
  return [...out].sort();
}

/** The XML the app would send for this request (when it accepts it), or the request's own XML (when it does not). */
export function judge(request: Record<string, unknown>): { app: Verdict; model: Verdict; xml: string } {
  const parsed = triggerRequestSchema.safeParse(request);
  const app: Verdict = parsed.success
    ? { ok: true, paths: [], fields: [] }
    : {
        ok: false,
        paths: [...new Set(parsed.error.issues.map((i) => ["Request", ...i.path.map(String)].join(".")))],
        fields: appFields(parsed.error.issues),
      };
  const xml = buildXml("Request", (parsed.success ? parsed.data : request) as Record<string, unknown>);
  const verdict = validateTrigger(parseXml(xml).Request);
  const modelPaths = verdict.ok ? [] : [...new Set(verdict.problems.map((p) => p.path))];
  const model: Verdict = {
    ok: verdict.ok,
    paths: modelPaths,
    fields: [...new Set(modelPaths.map((p) => fieldOf(p.split(".").slice(1))))].sort(),
  };
  return { app, model, xml };
}
