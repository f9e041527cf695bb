/**
 * The XML codec for CI bodies. Shared by the server (to sign and send), the wizard (to preview the exact body) and
 * the emulator (to read requests and write answers), so all three agree byte for byte.
 */
import { XMLBuilder, XMLParser, XMLValidator, type MatcherView } from "fast-xml-parser";
import { XmlObjectBuilder, type XmlObject, type XmlValue } from "./xml-object-builder";
import { isPlainWellFormedXml } from "./xml-quick-check";

export { isRepeatablePath, REPEATABLE_NAMES, REPEATABLE_PATHS } from "./repeatable-paths";

export class XmlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlParseError";
  }
}

export type { XmlObject, XmlValue } from "./xml-object-builder";

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const ENTITY_REF = /&(?:#[xX]([0-9A-Fa-f]{1,6})|#(\d{1,7})|(amp|lt|gt|quot|apos));/g;

/** XML's Char production: a character reference to anything else is not well-formed, so it is left as written. */
const isXmlChar = (cp: number) =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

/**
 * Decodes the five XML entities and numeric character references in one pass (so `&amp;#38;` stays `&#38;`).
 * The library's default decoder leaves `&#34;` / `&#xA;` undecoded unless HTML entities are switched on, and Go's
 * encoding/xml (a likely CI server) writes exactly those for `"` and newlines.
 */
function decodeEntities(text: string): string {
  if (!text.includes("&")) return text; // most values: no regex run at all
  return text.replace(
    ENTITY_REF,
    (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name) return XML_ENTITIES[name] ?? whole;
      const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      return isXmlChar(cp) ? String.fromCodePoint(cp) : whole;
    },
  );
}

const builder = new XmlObjectBuilder();

/**
 * The parser reads; `builder` makes the objects from its callbacks (lib/ci/xml-object-builder.ts), deciding repeatable
 * elements by path. `preserveOrder` keeps the library from converting a tree of its own afterwards; `updateTag`
 * returning false keeps it from linking one at all, and there is no second walk over a tree afterwards
 * (bench/xml-parse.bench.ts, bench/RESULTS.md "XML parse").
 */
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // CI sends every value as a string; "007" must stay "007" and "true" must stay "true".
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  // DOCTYPE-declared entities are never honoured (parseXml refuses a DOCTYPE anyway): CI does not send one.
  entityDecoder: {
    decode: decodeEntities,
    setExternalEntities() {},
    addInputEntities() {},
    reset() {},
    setXmlVersion() {},
  },
  jPath: false,
  updateTag(name, matcher) {
    builder.open(name, (matcher as MatcherView).getDepth());
    return false;
  },
  tagValueProcessor(_name, value, matcher) {
    builder.text(value, (matcher as MatcherView).getDepth());
    return ""; // taken: the library need not keep it
  },
});

/** Parses a CI XML document into plain objects: strings everywhere, repeatable elements always arrays, `<X/>` → "". */
export function parseXml(xml: string): XmlObject {
  return parseXmlUnder(xml, []);
}

/**
 * parseXml for a fragment cut out of a larger document: `parents` is where its root element sits there (e.g.
 * ["Response"] for one JobsDetail of a list answer), so repeatables are decided by the full path.
 */
export function parseXmlUnder(xml: string, parents: readonly string[]): XmlObject {
  return parsePlainXml(xml, parents) ?? parseCheckedXml(xml, parents);
}

/**
 * parseXml for a document in the plain subset of lib/ci/xml-quick-check.ts (what CI writes), null for any other
 * (then parseXml decides). A result also tells the caller that every `<` in the text starts a plain element tag:
 * no comment, CDATA or attribute value can hide a tag-like string.
 */
export function parsePlainXml(xml: string, parents: readonly string[] = []): XmlObject | null {
  // The parser alone accepts mismatched and unclosed tags; the cheap check vouches for the text instead of the
  // library's validator (a second full pass, a quarter of a 100-job answer's cost). The subset has no `<!`, so no DOCTYPE.
  return isPlainWellFormedXml(xml) ? toDocument(xml, parents) : null;
}

/** Any other text: refused when it has a DOCTYPE, else the library's validator decides and words the error. */
function parseCheckedXml(xml: string, parents: readonly string[]): XmlObject {
  // CI never sends a DOCTYPE; refusing it rules out entity tricks in bodies from anything between us and CI.
  if (/<!DOCTYPE/i.test(xml)) throw new XmlParseError("Malformed XML: DOCTYPE is not allowed");
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new XmlParseError(`Malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  return toDocument(xml, parents);
}

/** Well-formed text → plain objects. */
function toDocument(xml: string, parents: readonly string[]): XmlObject {
  builder.begin(parents);
  parser.parse(xml);
  const out = builder.finish();
  if (!out || typeof out !== "object" || Array.isArray(out)) throw new XmlParseError("Malformed XML: no root element");
  return out;
}

const xmlBuilder = new XMLBuilder({
  ignoreAttributes: true,
  format: false,
  suppressEmptyNode: false,
  processEntities: true,
});

const ELEMENT_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Drops undefined/null values and checks element names, so user-supplied keys can never inject markup. */
function clean(value: unknown, path: string): XmlValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    const items = value.map((v, i) => clean(v, `${path}[${i}]`)).filter((v): v is XmlValue => v !== undefined);
    return items;
  }
  if (typeof value === "object") {
    const out: XmlObject = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (!ELEMENT_NAME.test(key)) throw new Error(`Invalid XML element name at ${path}: ${JSON.stringify(key)}`);
      const c = clean(child, `${path}.${key}`);
      if (c === undefined) continue;
      if (Array.isArray(c) && c.length === 0) continue;
      out[key] = c;
    }
    return out;
  }
  throw new Error(`Unsupported value at ${path}`);
}

/** Builds `<Root>…</Root>` from a plain object whose keys are CI element names (arrays become repeated elements). */
export function buildXml(root: string, body: Record<string, unknown>): string {
  const cleaned = clean({ [root]: body }, "");
  return xmlBuilder.build(cleaned) as string;
}
