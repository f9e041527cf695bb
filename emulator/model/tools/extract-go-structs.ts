/**
 * Regenerates emulator/model/data/go-sdk-elements.json from cos-go-sdk-v5's ci_media.go: every XML element reachable
 * from the batch JobParam struct (and the few extra roots below), with its path, whether it repeats, and the Go
 * struct field it comes from. Run: `npx tsx emulator/model/tools/extract-go-structs.ts <ci_media.go> <commit>`.
 * Only the shape comes from here; required-ness and enums come from the docs (emulator/model/job-param-rules.ts).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

interface GoField {
  name: string;
  xml: string;
  type: string;
  /** Fields of an inline anonymous struct (`[]struct { … }`). */
  inline?: GoField[];
}

const FIELD = /^\s*(\w+)\s+(\[\]|\*)?(\*)?([\w.]+|struct\s*\{)?\s*(?:`xml:"([^"]*)"`)?/;

function parseBlock(lines: string[], start: number): { fields: GoField[]; end: number } {
  const fields: GoField[] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i]!.replace(/\/\/.*$/, "");
    if (/^\s*}/.test(line)) return { fields, end: i }; // an inline struct's tag sits on this line: read by the caller
    if (/struct\s*\{\s*$/.test(line)) {
      const head = /^\s*(\w+)\s+(\[\])?/.exec(line)!;
      const inner = parseBlock(lines, i + 1);
      const closing = /`xml:"([^"]*)"`/.exec(lines[inner.end]!);
      fields.push({
        name: head[1]!,
        xml: closing?.[1] ?? head[1]!,
        type: `${head[2] ?? ""}struct`,
        inline: inner.fields,
      });
      i = inner.end + 1;
      continue;
    }
    const m = FIELD.exec(line);
    if (m && m[5] !== undefined) fields.push({ name: m[1]!, xml: m[5], type: `${m[2] ?? ""}${m[4] ?? ""}` });
    i++;
  }
  return { fields, end: i };
}

function parseStructs(source: string): Map<string, GoField[]> {
  const lines = source.split("\n");
  const out = new Map<string, GoField[]>();
  lines.forEach((line, i) => {
    const m = /^type (\w+) struct \{\s*$/.exec(line);
    if (m) out.set(m[1]!, parseBlock(lines, i + 1).fields);
  });
  return out;
}

export interface GoElement {
  /** Dotted path below JobParam, e.g. `Transcode.Video.Codec`. */
  path: string;
  kind: "container" | "value";
  repeatable: boolean;
  /** `ci_media.go Video.Codec`. */
  source: string;
}

function walk(
  structs: Map<string, GoField[]>,
  fields: GoField[],
  owner: string,
  prefix: string,
  seen: string[],
  out: GoElement[],
) {
  for (const f of fields) {
    const name = f.xml.split(",")[0]!;
    if (name === "" || name === "-" || name.includes(">")) continue;
    const repeatable = f.type.startsWith("[]");
    const bare = f.type.replace(/^\[\]/, "").replace(/^\*/, "");
    const path = prefix ? `${prefix}.${name}` : name;
    const children = f.inline ?? structs.get(bare);
    const kind = children ? "container" : "value";
    if (!out.some((e) => e.path === path))
      out.push({ path, kind, repeatable, source: `ci_media.go ${owner}.${f.name}` });
    if (children && !seen.includes(bare))
      walk(structs, children, f.inline ? `${owner}.${f.name}` : bare, path, [...seen, bare], out);
  }
}

/** Extra JobParam children that cos-php-sdk-v5 lists for batch jobs but the Go JobParam struct lacks. */
const EXTRA_ROOTS: Array<{ element: string; struct: string }> = [
  { element: "SpeechRecognition", struct: "SpeechRecognition" },
  { element: "PicProcess", struct: "PicProcess" },
];

if (process.argv[1]?.endsWith("extract-go-structs.ts")) {
  const [file, commit] = process.argv.slice(2);
  if (!file || !commit) throw new Error("usage: extract-go-structs.ts <ci_media.go> <commit>");
  const structs = parseStructs(readFileSync(file, "utf8"));
  const out: GoElement[] = [];
  walk(
    structs,
    structs.get("InventoryTriggerJobOperationJobParam")!,
    "InventoryTriggerJobOperationJobParam",
    "",
    [],
    out,
  );
  for (const r of EXTRA_ROOTS)
    walk(structs, [{ name: r.element, xml: r.element, type: `*${r.struct}` }], "(extra root)", "", [], out);
  const doc = {
    repository: "tencentyun/cos-go-sdk-v5",
    commit,
    root: "InventoryTriggerJobOperationJobParam",
    elements: out,
  };
  writeFileSync(join(__dirname, "..", "data", "go-sdk-job-param.json"), JSON.stringify(doc, null, 1) + "\n");
  console.log(`${out.length} elements`);
}
