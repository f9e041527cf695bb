/**
 * The app's Tag registry read as element paths: every JobParam element the wizard can send for a Tag, with the
 * values an enum field offers. Compared with the emulator's model in disagreement.test.ts.
 */
import { TAG_NAMES, TAGS, type FieldSpec } from "@/lib/jobs/tags";

export interface AppElement {
  tag: string;
  /** `Request.Operation.JobParam.Transcode.Video.Codec` */
  path: string;
  options?: readonly string[];
}

function walk(tag: string, fields: readonly FieldSpec[], prefix: string, out: AppElement[]) {
  for (const f of fields) {
    const path = `${prefix}.${f.name}`;
    if (f.kind === "group" || f.kind === "list") walk(tag, f.fields, path, out);
    out.push({ tag, path, ...(f.kind === "enum" ? { options: f.options.map((o) => o.value) } : {}) });
  }
}

export function appElements(): AppElement[] {
  const out: AppElement[] = [];
  for (const tag of TAG_NAMES) {
    const mod = TAGS[tag];
    if (mod.templateTag) out.push({ tag, path: "Request.Operation.JobParam.TemplateId" });
    walk(tag, mod.fields, "Request.Operation.JobParam", out);
  }
  return out;
}
