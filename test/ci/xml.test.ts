import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildXml, parseXml, REPEATABLE_PATHS, XmlParseError, type XmlObject } from "@/lib/ci/xml";
import { fixture, JOB_SAMPLE, WORKFLOW_SAMPLE } from "../fixtures";

const root = (xml: string, name = "Response") => parseXml(xml)[name] as XmlObject;

describe("parseXml: shapes", () => {
  it("a single JobsDetail is an array of one", () => {
    const r = root(fixture("ci/response-list-one.xml"));
    expect(Array.isArray(r.JobsDetail)).toBe(true);
    expect(r.JobsDetail).toHaveLength(1);
    expect((r.JobsDetail as XmlObject[])[0]!.JobId).toBe("b3deffea2f84911ec9cb15254008618d9");
  });

  it("two JobsDetail are an array of two, in order", () => {
    const r = root(fixture("ci/response-list-two.xml"));
    expect((r.JobsDetail as XmlObject[]).map((d) => d.JobId)).toEqual([
      "b3deffea2f84911ec9cb15254008618d9",
      "be8f65004eb8511eaaed4f377124a303c",
    ]);
    expect(r.NextToken).toBe("25");
  });

  /** `<Response><A><B>inner</B></A></Response>` for the path A.B, and the object at A. */
  const nest = (names: string[], inner: string) => names.reduceRight((acc, n) => `<${n}>${acc}</${n}>`, inner);
  const at = (r: XmlObject, names: string[]) => names.reduce<XmlObject>((o, n) => o[n] as XmlObject, r);

  it.each([...REPEATABLE_PATHS])("%s is always an array, even once", (rule) => {
    const names = rule.split(".");
    const parents = names.slice(0, -1);
    const name = names.at(-1)!;
    const once = root(`<Response>${nest(parents, `<${name}>x</${name}>`)}</Response>`);
    expect(at(once, parents)[name]).toEqual(["x"]);
    const nested = root(
      `<Response><Wrap>${nest(parents, `<${name}><A>1</A></${name}><${name}><A>2</A></${name}>`)}</Wrap></Response>`,
    );
    expect(at(nested, ["Wrap", ...parents])[name]).toEqual([{ A: "1" }, { A: "2" }]);
  });

  it("decides by path, not by bare name: a Transcode's Video stays one block, a MediaInfo stream's Video is a list", () => {
    const r = root(
      "<Response><JobsDetail><Operation><JobParam>" +
        "<Transcode><Video><Codec>H.264</Codec></Video><Audio><Codec>aac</Codec></Audio></Transcode>" +
        "<MediaInfo><Stream><Video><Index>0</Index></Video><Audio><Index>1</Index></Audio></Stream></MediaInfo>" +
        "</JobParam></Operation></JobsDetail></Response>",
    );
    const jobParam = at((r.JobsDetail as XmlObject[])[0]!, ["Operation", "JobParam"]);
    expect(at(jobParam, ["Transcode"])).toEqual({ Video: { Codec: "H.264" }, Audio: { Codec: "aac" } });
    expect(at(jobParam, ["MediaInfo", "Stream"])).toEqual({ Video: [{ Index: "0" }], Audio: [{ Index: "1" }] });
    // A watermark template in a template list is one body; under JobParam, Watermark is a list.
    expect(
      root("<Response><TemplateList><Watermark><Type>Text</Type></Watermark></TemplateList></Response>").TemplateList,
    ).toEqual([{ Watermark: { Type: "Text" } }]);
  });

  it("keeps an element that is not repeatable but came twice as both values, in order", () => {
    expect(root("<Response><Name>a</Name><Name>b</Name><Name>c</Name></Response>").Name).toEqual(["a", "b", "c"]);
  });

  it("keeps text next to child elements under #text (mixed content, never sent by CI)", () => {
    expect(root("<Response><A>t<B>1</B></A></Response>").A).toEqual({ B: "1", "#text": "t" });
  });

  it("other elements stay single values", () => {
    expect(root("<Response><Name>a</Name><Input><Prefix>p</Prefix></Input></Response>")).toEqual({
      Name: "a",
      Input: { Prefix: "p" },
    });
  });

  it("<Message/> and <EndTime></EndTime> are empty strings", () => {
    const d = (root(fixture("ci/response-trigger-workflow.xml")).JobsDetail as XmlObject[])[0]!;
    expect(d.Message).toBe("");
    expect(root("<Response><EndTime></EndTime></Response>").EndTime).toBe("");
  });

  it("never coerces numbers or booleans", () => {
    const r = root(
      "<Response><A>007</A><B>true</B><C>1e3</C><D>0x1F</D><E>-0</E><F>  12  </F><JobLevel>0</JobLevel></Response>",
    );
    expect(r).toEqual({ A: "007", B: "true", C: "1e3", D: "0x1F", E: "-0", F: "12", JobLevel: "0" });
  });

  it("ignores the XML declaration and attributes", () => {
    expect(parseXml(`<?xml version='1.0' encoding='utf-8' ?><Error a="1"><Code>X</Code></Error>`)).toEqual({
      Error: { Code: "X" },
    });
  });
});

describe("parseXml: entities", () => {
  it("decodes the five XML entities", () => {
    expect(root("<Response><A>&amp;&lt;&gt;&quot;&apos;</A></Response>").A).toBe(`&<>"'`);
  });

  it("decodes numeric character references (Go's encoding/xml writes &#34; and &#xA;)", () => {
    expect(root("<Response><A>&#34;a&#39;&#xA;&#20013;&#x1F600;</A></Response>").A).toBe(`"a'\n中😀`);
  });

  it("decodes in one pass: &amp;#38; is the text &#38;", () => {
    expect(root("<Response><A>&amp;#38;&amp;amp;</A></Response>").A).toBe("&#38;&amp;");
  });

  it("leaves CDATA as written", () => {
    expect(root("<Response><A><![CDATA[<b>&amp;</b>]]></A></Response>").A).toBe("<b>&amp;</b>");
  });

  it("refuses a DOCTYPE (no custom entities)", () => {
    expect(() => parseXml(`<!DOCTYPE R [<!ENTITY x "boom">]><R><A>&x;</A></R>`)).toThrow(XmlParseError);
  });
});

describe("parseXml: malformed input", () => {
  it.each([
    ["unclosed root", "<Response><A>1</A>"],
    ["mismatched tag", "<Response><A>x</B></Response>"],
    ["plain text", "not xml"],
    ["empty", ""],
    ["seed 001's <Type>Workflow</Name>", fixture("ci/request-workflow-seed-typo.xml")],
    ["seed 003's unclosed <RequestId>", fixture("ci/response-trigger-job-seed-typo.xml")],
  ])("%s → XmlParseError", (_label, xml) => {
    expect(() => parseXml(xml)).toThrow(XmlParseError);
  });
});

describe("buildXml", () => {
  it("escapes &, < and > in Name and UserData and they round-trip", () => {
    const body = { Name: `a&b<c>d"e'f`, Operation: { UserData: "x < y && y > z ]]> <!-- -->" } };
    const xml = buildXml("Request", body);
    expect(xml).not.toMatch(/<c>|<!--/);
    expect(parseXml(xml)).toEqual({ Request: body });
  });

  it("round-trips arbitrary printable text (trimmed, as CI values are)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => {
        // XML 1.0 cannot carry most control characters at all; CI values never contain them.
        const text = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");
        const parsed = parseXml(buildXml("Request", { Name: text }));
        expect((parsed.Request as XmlObject).Name).toBe(text.trim());
      }),
      { numRuns: 300 },
    );
  });

  it("repeats arrays as elements and drops undefined, null and empty arrays", () => {
    const xml = buildXml("Request", {
      A: [{ B: "1" }, { B: "2" }],
      C: [],
      D: null,
      E: undefined,
      F: 3,
      G: true,
      H: "",
    });
    expect(xml).toBe("<Request><A><B>1</B></A><A><B>2</B></A><F>3</F><G>true</G><H></H></Request>");
  });

  it.each(["A><B", "A B", "1A", "", "x:y", "__proto__<", "A/"])("rejects the element name %j", (key) => {
    expect(() => buildXml("Request", { [key]: "x" })).toThrow(/Invalid XML element name/);
    expect(() => buildXml("Request", { Nested: { [key]: "x" } })).toThrow(/Invalid XML element name/);
  });
});

describe("the seeds' sample request bodies", () => {
  it("the Workflow sample (seeds 000/001/004) builds to XML that parses back equal", () => {
    const fromSeed = parseXml(fixture("ci/request-workflow.xml"));
    expect(fromSeed).toEqual({ Request: WORKFLOW_SAMPLE });
    expect(parseXml(buildXml("Request", WORKFLOW_SAMPLE))).toEqual(fromSeed);
    // And what we parsed rebuilds to the very same document.
    expect(parseXml(buildXml("Request", fromSeed.Request as XmlObject))).toEqual(fromSeed);
  });

  it("the Job sample (seed 003, docs/ci-api.md §1.1) builds to XML that parses back equal", () => {
    const fromSeed = parseXml(fixture("ci/request-job.xml"));
    expect(fromSeed).toEqual({ Request: JOB_SAMPLE });
    expect(parseXml(buildXml("Request", JOB_SAMPLE))).toEqual(fromSeed);
  });

  it("the Go SDK's element order carries the same content (JobLevel 1 there)", () => {
    const go = parseXml(fixture("ci/request-job-go-sdk.xml"));
    expect(go).toEqual({ Request: { ...JOB_SAMPLE, Operation: { ...JOB_SAMPLE.Operation, JobLevel: "1" } } });
  });

  it("the built Workflow body is compact and in the sample's element order", () => {
    expect(buildXml("Request", WORKFLOW_SAMPLE)).toBe(
      "<Request><Name>demo</Name><Type>Workflow</Type><Input><Prefix>input</Prefix></Input><Operation><TimeInterval>" +
        "<Start>2022-02-01T12:00:00+0800</Start><End>2022-05-01T12:00:00+0800</End></TimeInterval>" +
        "<WorkflowIds>w7476ff3564ee45b7b490d64bccaba6cc</WorkflowIds></Operation></Request>",
    );
  });
});
