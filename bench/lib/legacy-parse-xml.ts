/**
 * parseXml as it was before the ordered-mode parse (git history of lib/ci/xml.ts): validate, then let
 * fast-xml-parser build the objects, arrays decided by bare element name. Kept only as the baseline of
 * bench/xml-parse.bench.ts, so before and after are measured in one run.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { REPEATABLE_NAMES, XmlParseError, type XmlObject } from "@/lib/ci/xml";

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const ENTITY_REF = /&(?:#[xX]([0-9A-Fa-f]{1,6})|#(\d{1,7})|(amp|lt|gt|quot|apos));/g;
const isXmlChar = (cp: number) =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);
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

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  entityDecoder: {
    decode: decodeEntities,
    setExternalEntities() {},
    addInputEntities() {},
    reset() {},
    setXmlVersion() {},
  },
  isArray: (name) => REPEATABLE_NAMES.has(name),
  jPath: false,
});

export function legacyParseXml(xml: string): XmlObject {
  if (/<!DOCTYPE/i.test(xml)) throw new XmlParseError("Malformed XML: DOCTYPE is not allowed");
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new XmlParseError(`Malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  return parser.parse(xml) as XmlObject;
}
