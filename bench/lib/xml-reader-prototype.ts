/**
 * EXPERIMENT (benchmarks only, not used by the product): a purpose-built reader for CI's answer documents —
 * elements and text only, no attributes, no mixed content — producing the same shape as lib/ci/xml.ts parseXml
 * (strings everywhere, `<X/>` → "", REPEATABLE_NAMES always arrays, the same entity decoding). The proxy-overhead
 * benchmark times it against parseXml on a real 100-job answer and checks that both give identical results, to
 * size the gain a dedicated reader would bring. Well-formedness checks are simpler than fast-xml-parser's validator.
 */
import { REPEATABLE_NAMES, XmlParseError, type XmlObject, type XmlValue } from "@/lib/ci/xml";

const XML_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const ENTITY_REF = /&(?:#[xX]([0-9A-Fa-f]{1,6})|#(\d{1,7})|(amp|lt|gt|quot|apos));/g;
const isXmlChar = (cp: number) =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

function decode(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(
    ENTITY_REF,
    (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (name) return XML_ENTITIES[name] ?? whole;
      const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      return isXmlChar(cp) ? String.fromCodePoint(cp) : whole;
    },
  );
}

/** Tags, declarations, comments and CDATA; text lies between matches. */
const TOKEN =
  /<(\/?)([A-Za-z_][\w.:-]*)(?:\s[^<>]*?)?(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>/g;

interface Frame {
  name: string;
  children: XmlObject | null;
  text: string;
}

/** Arrays made because a non-repeatable element occurred twice (fast-xml-parser does the same). */
const repeated = new WeakSet<XmlValue[]>();

function add(parent: Frame, name: string, value: XmlValue): void {
  const obj = (parent.children ??= {});
  const existing = obj[name];
  if (existing === undefined) obj[name] = REPEATABLE_NAMES.has(name) ? [value] : value;
  else if (Array.isArray(existing) && (REPEATABLE_NAMES.has(name) || repeated.has(existing))) existing.push(value);
  else {
    const arr = [existing, value];
    repeated.add(arr);
    obj[name] = arr;
  }
}

export function readCiXml(xml: string): XmlObject {
  if (/<!DOCTYPE/i.test(xml)) throw new XmlParseError("Malformed XML: DOCTYPE is not allowed");
  const root: Frame = { name: "", children: null, text: "" };
  const stack: Frame[] = [root];
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
    const top = stack[stack.length - 1]!;
    if (m.index > last) {
      const between = xml.slice(last, m.index);
      if (between.includes("<") || between.includes(">")) throw new XmlParseError("Malformed XML: stray < or >");
      top.text += between;
    }
    last = TOKEN.lastIndex;
    const [, closing, name, selfClosing, cdata] = m;
    if (cdata !== undefined) top.text += cdata;
    if (!name) continue;
    if (closing) {
      if (top.name !== name || stack.length === 1) throw new XmlParseError(`Malformed XML: unexpected </${name}>`);
      stack.pop();
      const value: XmlValue = top.children ?? decode(top.text.trim());
      add(stack[stack.length - 1]!, name, value);
    } else if (selfClosing) {
      add(top, name, "");
    } else {
      stack.push({ name, children: null, text: "" });
    }
  }
  if (stack.length !== 1) throw new XmlParseError(`Malformed XML: <${stack[stack.length - 1]!.name}> is not closed`);
  if (xml.slice(last).trim() !== "") throw new XmlParseError("Malformed XML: text after the root element");
  if (!root.children) throw new XmlParseError("Malformed XML: no root element");
  return root.children;
}
