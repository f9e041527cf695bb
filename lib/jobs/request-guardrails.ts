/**
 * Guardrails: valid requests that are probably mistakes, shown on Review and acknowledged before Submit.
 * They are warnings, not errors: CI accepts these requests, and a person may mean them.
 */

export interface Guardrail {
  id: "output-under-input" | "output-without-variable";
  /** The output element concerned, e.g. `Operation.Output.Object`. */
  path: string;
  message: string;
}

interface RequestLike {
  Type?: unknown;
  Input?: Record<string, unknown>;
  Operation?: { Output?: Record<string, unknown> } & Record<string, unknown>;
}

/** Every object-name template the Output writes, with its path. */
function outputObjects(output: Record<string, unknown>): { path: string; value: string }[] {
  const out: { path: string; value: string }[] = [];
  for (const k of ["Object", "AuObject", "SpriteObject"]) {
    const v = output[k];
    if (typeof v === "string" && v !== "") out.push({ path: `Operation.Output.${k}`, value: v });
  }
  if (Array.isArray(output.StreamExtract)) {
    output.StreamExtract.forEach((s: unknown, i) => {
      const v = (s as { Object?: unknown } | null)?.Object;
      if (typeof v === "string" && v !== "")
        out.push({ path: `Operation.Output.StreamExtract[${i}].Object`, value: v });
    });
  }
  return out;
}

const stripSlash = (s: string) => s.replace(/^\/+/, "");

/**
 * Warnings for a request about to be sent to `targetBucket`:
 * - an output lies (or may lie) under the input prefix in the same bucket, so a later run would process its own output;
 * - an output name has no `${…}` variable although the input can match many files, so each file overwrites the last.
 */
export function requestGuardrails(request: RequestLike, targetBucket: string): Guardrail[] {
  const output = request.Operation?.Output;
  if (request.Type !== "Job" || !output) return [];
  const warnings: Guardrail[] = [];
  const input = request.Input ?? {};
  const objects = outputObjects(output);

  const prefix = typeof input.Prefix === "string" ? stripSlash(input.Prefix) : "";
  if (prefix && output.Bucket === targetBucket) {
    for (const o of objects) {
      // Only the text before the first variable is known in advance.
      const fixed = stripSlash(o.value.split("${")[0] ?? "");
      const definitely = fixed.startsWith(prefix);
      const possibly = !definitely && fixed !== "" && prefix.startsWith(fixed);
      if (definitely || possibly) {
        warnings.push({
          id: "output-under-input",
          path: o.path,
          message: `${o.path.replace("Operation.", "")} "${o.value}" ${definitely ? "lies" : "may lie"} under the input prefix "${prefix}" in the same bucket: new files there match the input, so a later run would process its own output.`,
        });
      }
    }
  }

  const many = ["Prefix", "Manifest", "UrlFile"].find((k) => typeof input[k] === "string" && input[k] !== "");
  if (many) {
    for (const o of objects) {
      if (!o.value.includes("${")) {
        warnings.push({
          id: "output-without-variable",
          path: o.path,
          message: `${o.path.replace("Operation.", "")} "${o.value}" has no \${…} variable, but the ${many} input can match many files: each file's result would overwrite the previous one.`,
        });
      }
    }
  }
  return warnings;
}
