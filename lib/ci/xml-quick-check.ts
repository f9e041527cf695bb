/**
 * A cheap well-formedness check for the plain XML CI answers are written in, so parseXml can skip fast-xml-parser's
 * separate validation pass (XMLValidator.validate, a second full walk of the text) for them (issue 12 item 7).
 *
 * fast-xml-parser's parser does not check what the validator checks: it closes `</B>` against an open `<A>`, drops
 * text before and after the root, accepts several roots, an unclosed root and a stray `&`. This check covers exactly
 * those, for a subset of XML: an optional `<?xml …?>` declaration at the very start, then one root element; tags
 * `<Name>`, `</Name>`, `<Name/>` with no attributes and no spaces, names of `[A-Za-z_][A-Za-z0-9_.-]*`; no comments,
 * CDATA, DOCTYPE or other processing instructions; `&` only as one of the five XML entities or a numeric character
 * reference. Every document of the subset that passes is one the validator accepts.
 *
 * It answers "certainly well-formed" or "not sure", never "malformed": anything outside the subset (or broken) is
 * `false`, and parseXml then runs the library's validator, which decides and words the error as before.
 */

/** The only references the subset allows (the validator accepts these and more). */
const REFERENCE = /&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9A-Fa-f]{1,6});/y;
/** `<?xml version="1.0" encoding="UTF-8"?>`: names and quoted values only (the parser reads them as attributes). */
const DECLARATION = /^<\?xml(?:\s+[A-Za-z]+\s*=\s*(?:"[^"<>&?]*"|'[^'<>&?]*'))*\s*\?>/;
const GT = 0x3e;
const SLASH = 0x2f;

const isBlank = (xml: string, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c !== 0x20 && c !== 0x9 && c !== 0xa && c !== 0xd) return false;
  }
  return true;
};
/** [A-Za-z_] */
const isNameStart = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
/** [A-Za-z0-9_.-] */
const isNameChar = (c: number) => isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d;

/** True only when `xml` is in the subset above and well-formed. Reads tags by hand: a regex per tag cost twice as much. */
export function isPlainWellFormedXml(xml: string): boolean {
  let pos = 0;
  if (xml.startsWith("<?")) {
    const declaration = DECLARATION.exec(xml);
    if (!declaration) return false;
    pos = declaration[0].length;
  }
  const open: number[] = []; // where each open element's name starts, and its length
  let rootClosed = false;
  let amp = xml.indexOf("&", pos);
  for (;;) {
    const lt = xml.indexOf("<", pos);
    const textEnd = lt < 0 ? xml.length : lt;
    if (open.length === 0) {
      // Outside the root only whitespace (the validator's "char not expected" / "Extra text at the end").
      if (!isBlank(xml, pos, textEnd)) return false;
    } else {
      while (amp >= 0 && amp < textEnd) {
        REFERENCE.lastIndex = amp;
        if (!REFERENCE.test(xml)) return false;
        amp = xml.indexOf("&", REFERENCE.lastIndex);
      }
    }
    if (lt < 0) break;
    // `<Name>`, `</Name>` or `<Name/>`; anything else (`<!--`, `<![CDATA[`, `<?`, an attribute, a stray '<') is not
    // the subset.
    const closing = xml.charCodeAt(lt + 1) === SLASH;
    const start = closing ? lt + 2 : lt + 1;
    if (!isNameStart(xml.charCodeAt(start))) return false;
    let end = start + 1;
    while (isNameChar(xml.charCodeAt(end))) end++;
    const after = xml.charCodeAt(end);
    if (after === GT) {
      pos = end + 1;
      if (closing) {
        if (open.length === 0) return false;
        const length = open.pop()!;
        const from = open.pop()!;
        if (length !== end - start) return false;
        for (let k = 0; k < length; k++) if (xml.charCodeAt(from + k) !== xml.charCodeAt(start + k)) return false;
        if (open.length === 0) rootClosed = true;
      } else {
        if (rootClosed) return false; // a second root
        open.push(start, end - start);
      }
    } else if (after === SLASH && !closing && xml.charCodeAt(end + 1) === GT) {
      pos = end + 2;
      if (rootClosed) return false; // a second root
      if (open.length === 0) rootClosed = true;
    } else return false;
  }
  return rootClosed && open.length === 0;
}
