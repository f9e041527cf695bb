/**
 * The XML codec for CI bodies. Shared by the server (to sign and send), the wizard (to preview the exact body) and
 * the emulator (to read requests and write answers), so all three agree byte for byte.
 */
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import { isRepeatablePath } from "./repeatable-paths";

export { isRepeatablePath, REPEATABLE_NAMES, REPEATABLE_PATHS } from "./repeatable-paths";

export class XmlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlParseError";
  }
}

export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [key: string]: XmlValue;
}

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
  return text.replace(
    ENTITY_REF,
    (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name) return XML_ENTITIES[name] ?? whole;
      const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      return isXmlChar(cp) ? String.fromCodePoint(cp) : whole;
    },
  );
}

/**
 * `preserveOrder` gives the parser's own node list, before the library turns it into objects; we turn it into objects
 * ourselves (toXmlValue), deciding repeatable elements by their path on the way. Half the cost of the library's
 * conversion, whose path matcher and per-element callbacks dominated a 100-job answer (bench/xml-parse.bench.ts).
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
});

/** One entry of the parser's ordered output: `{ Name: [children…] }` or `{ "#text": "…" }`. */
type OrderedNode = Record<string, unknown>;
const TEXT_NODE = "#text";

/**
 * Children → value: no children is "", text alone is the text, elements become an object whose repeatable
 * elements (by path, lib/ci/repeatable-paths.ts) are always arrays and whose other repeated elements become arrays
 * from their second occurrence. `path` is the element's own path, root first; it is restored before returning.
 */
function toXmlValue(children: OrderedNode[], path: string[]): XmlValue {
  let text: string | undefined;
  let obj: XmlObject | undefined;
  for (const child of children) {
    for (const name in child) {
      if (name === TEXT_NODE) {
        const t = String(child[name]);
        text = text === undefined ? t : text + t;
        continue;
      }
      if (name === "__proto__") throw new XmlParseError("Malformed XML: reserved element name");
      path.push(name);
      const value = toXmlValue(child[name] as OrderedNode[], path);
      const repeatable = isRepeatablePath(path);
      path.pop();
      obj ??= {};
      const prev = Object.hasOwn(obj, name) ? obj[name] : undefined;
      if (prev === undefined) obj[name] = repeatable ? [value] : value;
      else if (Array.isArray(prev)) prev.push(value);
      else obj[name] = [prev, value];
    }
  }
  if (!obj) return text ?? "";
  if (text !== undefined && text !== "") obj[TEXT_NODE] = text;
  return obj;
}

/** Parses a CI XML document into plain objects: strings everywhere, repeatable elements always arrays, `<X/>` → "". */
export function parseXml(xml: string): XmlObject {
  return parseXmlUnder(xml, []);
}

/**
 * parseXml for a fragment cut out of a larger document: `parents` is where its root element sits there (e.g.
 * ["Response"] for one JobsDetail of a list answer), so repeatables are decided by the full path.
 */
export function parseXmlUnder(xml: string, parents: readonly string[]): XmlObject {
  // CI never sends a DOCTYPE; refusing it rules out entity tricks in bodies from anything between us and CI.
  if (/<!DOCTYPE/i.test(xml)) throw new XmlParseError("Malformed XML: DOCTYPE is not allowed");
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new XmlParseError(`Malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const out = toXmlValue(parser.parse(xml) as OrderedNode[], [...parents]);
  if (!out || typeof out !== "object" || Array.isArray(out)) throw new XmlParseError("Malformed XML: no root element");
  return out;
}

const builder = new XMLBuilder({
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
  return builder.build(cleaned) as string;
}
