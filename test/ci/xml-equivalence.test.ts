/**
 * Issue 12 item 7: the faster parseXml (a cheap well-formedness check instead of the validator pass for plain XML,
 * objects built from the parser's callbacks) reads what the old one read and refuses what it refused. The old one is
 * kept as the benchmark's baseline (bench/lib/legacy-parse-xml.ts). The one intended difference: repeatable elements
 * are decided by path (an element listed by bare name there may be a single value here, and the other way round),
 * so the general comparisons hold "modulo one-element lists". And since the ordered-mode parse (before this change),
 * text the validator lets through that holds no element at all (e.g. `</A/>`) is refused, where the old one gave {}.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseXml, XmlParseError, type XmlValue } from "@/lib/ci/xml";
import { isPlainWellFormedXml } from "@/lib/ci/xml-quick-check";
import { legacyParseXml } from "../../bench/lib/legacy-parse-xml";
import { listAnswer } from "../../bench/lib/list-answer-fixture";
import { fixture } from "../fixtures";

/** A one-element list and its element are the same here (the documented path-vs-name difference). */
function modOneElementLists(v: XmlValue): XmlValue {
  if (Array.isArray(v)) return v.length === 1 ? modOneElementLists(v[0]!) : v.map(modOneElementLists);
  if (typeof v === "string") return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, modOneElementLists(x)]));
}

/** "ok" and the value, or the error's class: what a caller can tell apart. */
function outcome(parse: (xml: string) => unknown, xml: string): unknown {
  try {
    const value = parse(xml) as XmlValue;
    if (parse === legacyParseXml && typeof value === "object" && Object.keys(value).length === 0)
      return { threw: "XmlParseError" };
    return { ok: modOneElementLists(value) };
  } catch (e) {
    return { threw: e instanceof XmlParseError ? "XmlParseError" : "Error" };
  }
}

const FIXTURES = [
  "error-access-denied.xml",
  "error-slow-down.xml",
  "request-job-go-sdk.xml",
  "request-job.xml",
  "request-workflow-seed-typo.xml",
  "request-workflow.xml",
  "response-get-nonexist.xml",
  "response-job-results-go-sdk.xml",
  "response-list-one.xml",
  "response-list-two.xml",
  "response-queues.xml",
  "response-templates.xml",
  "response-trigger-job-seed-typo.xml",
  "response-trigger-job.xml",
  "response-trigger-workflow.xml",
  "response-workflows.xml",
];

describe("parseXml reads what the old parseXml read", () => {
  it("the benchmark's 100-job answer: exactly equal (it has no path-decided element)", () => {
    for (const [variant, moved] of [
      [0, 0],
      [7, 3],
      [12, 100],
    ] as const) {
      const xml = listAnswer(`r${variant}`, variant, moved);
      expect(isPlainWellFormedXml(xml)).toBe(true); // the fast path is the one timed
      expect(parseXml(xml)).toEqual(legacyParseXml(xml));
    }
  });

  it.each(FIXTURES)("test fixture %s: same value or same refusal, modulo one-element lists", (name) => {
    const xml = fixture(`ci/${name}`);
    expect(outcome(parseXml, xml)).toEqual(outcome(legacyParseXml, xml));
  });
});

/** Random CI-like documents: element names that are repeatable by some path, text with entities, now and then CDATA,
 * a comment, a declaration or an attribute (which send parseXml down the validator's path). */
const NAMES = [
  "Response",
  "JobsDetail",
  "Operation",
  "JobParam",
  "Watermark",
  "Video",
  "Stream",
  "MediaInfo",
  "Name",
  "A",
  "b_1",
  "x.y",
  "c-d",
];
const TEXTS = [
  "",
  "v",
  "  spaced  ",
  "a &amp; b",
  "&lt;x&gt;",
  "&#34;q&#x22;",
  "&amp;#38;",
  "007",
  "中文",
  "]]>",
  "a > b",
];
const elementOf = (extras: readonly string[]): fc.Memo<string> => {
  const element: fc.Memo<string> = fc.memo((depth) =>
    fc
      .tuple(
        fc.constantFrom(...NAMES),
        depth <= 1
          ? fc.constantFrom(...TEXTS).map((t) => [t])
          : fc.array(
              fc.oneof(
                { weight: 3, arbitrary: element(depth - 1) },
                { weight: 1, arbitrary: fc.constantFrom(...TEXTS) },
              ),
              { maxLength: 4 },
            ),
        fc.constantFrom(...extras),
        fc.boolean(),
      )
      .map(([name, parts, extra, selfClose]) =>
        selfClose && parts.length === 0
          ? `<${name}/>`
          : extra.startsWith(" ")
            ? `<${name}${extra}>${parts.join("")}</${name}>`
            : `<${name}>${extra}${parts.join("")}</${name}>`,
      ),
  );
  return element;
};
const documentOf = (element: fc.Memo<string>) =>
  fc
    .tuple(
      fc.constantFrom("", "", `<?xml version="1.0" encoding="UTF-8"?>`, "\n"),
      element(4),
      fc.constantFrom("", "\n", " "),
    )
    .map(([before, root, after]) => before + root + after);
/** What CI writes: the quick check's subset. */
const plainDocument = documentOf(elementOf([""]));
const document = fc.oneof(plainDocument, documentOf(elementOf(["", "", "", ' a="1"', "<!--c-->", "<![CDATA[<&>]]>"])));

/** A broken variant: a character dropped or inserted, a slice repeated, the end cut off. */
const mutated = fc
  .tuple(
    document,
    fc.nat(),
    fc.nat(),
    fc.constantFrom("<", ">", "/", "&", ";", "a", " ", "!", "?", '"', "#", "</A>", "<A>", "x"),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(([xml, i, j, ch, kind]) => {
    const at = xml.length === 0 ? 0 : i % xml.length;
    const to = xml.length === 0 ? 0 : j % xml.length;
    if (kind === 0) return xml.slice(0, at) + xml.slice(at + 1);
    if (kind === 1) return xml.slice(0, at) + ch + xml.slice(at);
    if (kind === 2)
      return (
        xml.slice(0, Math.max(at, to)) + xml.slice(Math.min(at, to), Math.max(at, to)) + xml.slice(Math.max(at, to))
      );
    return xml.slice(0, at);
  });

describe("parseXml refuses what the old parseXml refused", () => {
  it("random plain documents pass the quick check and read the same, modulo one-element lists", () => {
    fc.assert(
      fc.property(plainDocument, (xml) => {
        expect(isPlainWellFormedXml(xml)).toBe(true);
        expect(outcome(parseXml, xml)).toEqual(outcome(legacyParseXml, xml));
      }),
      { numRuns: 500 },
    );
  });

  it("random documents: same value or same refusal, modulo one-element lists", () => {
    fc.assert(
      fc.property(document, (xml) => {
        expect(outcome(parseXml, xml)).toEqual(outcome(legacyParseXml, xml));
      }),
      { numRuns: 500 },
    );
  });

  it("random broken documents: refused exactly when the old parseXml refused them", () => {
    fc.assert(
      fc.property(mutated, (xml) => {
        expect(outcome(parseXml, xml)).toEqual(outcome(legacyParseXml, xml));
      }),
      { numRuns: 3000 },
    );
  });

  it("the quick check never vouches for text the library's validator refuses", () => {
    fc.assert(
      fc.property(fc.oneof(document, mutated), (xml) => {
        if (isPlainWellFormedXml(xml)) expect(() => legacyParseXml(xml)).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });

  // Each shape the parser alone would accept, which the quick check must catch (then the validator words the error).
  it.each([
    ["a closing tag that does not match", "<Response><A>x</B></Response>"],
    ["crossed tags", "<Response><A><B>x</A></B></Response>"],
    ["an unclosed root", "<Response><A>1</A>"],
    ["an unclosed inner element", "<Response><A>1</Response>"],
    ["a closing tag never opened", "<Response></A></Response>"],
    ["a second root", "<Response></Response><Response></Response>"],
    ["text after the root", "<Response></Response>junk"],
    ["text before the root", "junk<Response/>"],
    ["text between the declaration and the root", `<?xml version="1.0"?>junk<Response/>`],
    ["whitespace before the declaration", ` <?xml version="1.0"?><Response/>`],
    ["a bare ampersand", "<Response><A>a & b</A></Response>"],
    ["an ampersand with no semicolon", "<Response><A>&amp</A></Response>"],
    ["an empty reference", "<Response><A>&;</A></Response>"],
    ["a stray '<' in text", "<Response><A>a < b</A></Response>"],
    ["an invalid name", "<Response><1A>x</1A></Response>"],
    ["a space after '<'", "<Response>< A>x</A></Response>"],
    ["a closing tag with a slash at the end", "<Response><A>x</A/></Response>"],
    ["a declaration that does not end", `<?xml version="1.0"<Response/>`],
    ["no element at all", "   "],
  ])("%s → XmlParseError, as before", (_label, xml) => {
    expect(isPlainWellFormedXml(xml)).toBe(false);
    expect(() => legacyParseXml(xml)).toThrow(XmlParseError);
    expect(() => parseXml(xml)).toThrow(XmlParseError);
  });

  it.each([
    ["an unknown named reference", "<Response><A>&nbsp;</A></Response>", { Response: { A: "&nbsp;" } }],
    ["an element with attributes", `<Response><A x="1">v</A></Response>`, { Response: { A: "v" } }],
    ["a space before '>'", "<Response ><A>v</A ></Response>", { Response: { A: "v" } }],
    ["a comment", "<Response><!-- c --><A>v</A></Response>", { Response: { A: "v" } }],
    ["a namespaced name", "<Response><ci:A>v</ci:A></Response>", { Response: { "ci:A": "v" } }],
    // The validator never counted a self-closing root as the root (so neither did the old parseXml).
    ["text after a self-closing root", "<Response/>junk", { Response: "" }],
  ])("%s: outside the quick check's subset, still read (the validator accepts it)", (_label, xml, value) => {
    expect(isPlainWellFormedXml(xml)).toBe(false);
    expect(parseXml(xml)).toEqual(value);
  });
});
