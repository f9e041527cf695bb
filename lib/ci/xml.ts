/**
 * The XML codec for CI bodies. Shared by the server (to sign and send), the wizard (to preview the exact body) and
 * the emulator (to read requests and write answers), so all three agree byte for byte.
 */
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";

/**
 * Elements that CI may repeat. fast-xml-parser returns a single occurrence as an object, so these are always arrays
 * after parsing (a list with one job must not look different from a list with two).
 */
export const REPEATABLE_ELEMENTS: ReadonlySet<string> = new Set([
  "JobsDetail",
  "StreamExtract",
  "Watermark",
  "WatermarkTemplateId",
  "ConcatFragment",
  "AudioMixArray",
  "TemplateList",
  "QueueList",
  "MediaWorkflowList",
  "NonExistJobIds",
  "NonExistTIDs",
  "NonExistPIDs",
  "NonExistIDs",
  "Subtitle",
  "MediaBucketList",
]);

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
  cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);

/**
 * Decodes the five XML entities and numeric character references in one pass (so `&amp;#38;` stays `&#38;`).
 * The library's default decoder leaves `&#34;` / `&#xA;` undecoded unless HTML entities are switched on, and Go's
 * encoding/xml (a likely CI server) writes exactly those for `"` and newlines.
 */
function decodeEntities(text: string): string {
  return text.replace(ENTITY_REF, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name) return XML_ENTITIES[name] ?? whole;
    const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    return isXmlChar(cp) ? String.fromCodePoint(cp) : whole;
  });
}

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // CI sends every value as a string; "007" must stay "007" and "true" must stay "true".
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  // DOCTYPE-declared entities are never honoured (parseXml refuses a DOCTYPE anyway): CI does not send one.
  entityDecoder: { decode: decodeEntities, setExternalEntities() {}, addInputEntities() {}, reset() {}, setXmlVersion() {} },
  isArray: (name) => REPEATABLE_ELEMENTS.has(name),
  // isArray needs only the element name: without the path string built for every element, a 100-job list parses
  // ~15% faster (bench/proxy-overhead.bench.ts, "where the time goes").
  jPath: false,
});

/** Parses a CI XML document into plain objects: strings everywhere, repeatable elements always arrays, `<X/>` → "". */
export function parseXml(xml: string): XmlObject {
  // CI never sends a DOCTYPE; refusing it rules out entity tricks in bodies from anything between us and CI.
  if (/<!DOCTYPE/i.test(xml)) throw new XmlParseError("Malformed XML: DOCTYPE is not allowed");
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new XmlParseError(`Malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const out = parser.parse(xml) as unknown;
  if (!out || typeof out !== "object" || Array.isArray(out)) throw new XmlParseError("Malformed XML: no root element");
  return out as XmlObject;
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
