/** derive-schema on its own: FieldSpec[] → zod, messages a person understands. */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  deriveSchema,
  describeNumber,
  fieldAt,
  isEmptyValue,
  isValidNumber,
  suggest,
  valueAt,
} from "@/lib/jobs/tags/derive-schema";
import { buildJobParamSchema } from "@/lib/jobs/tags/define-tag";
import type { FieldSpec, NumberField } from "@/lib/jobs/tags/types";

function problems(schema: z.ZodType, value: unknown): Array<{ path: string; message: string }> {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

const width: NumberField = {
  kind: "number",
  name: "Width",
  label: "Width",
  min: 128,
  max: 4096,
  integer: true,
  even: true,
};

describe("numbers", () => {
  const schema = deriveSchema([width]);

  it("names the field and the range", () => {
    expect(problems(schema, { Width: "1281" })).toEqual([
      { path: "Width", message: "Width must be an even number from 128 to 4096" },
    ]);
    expect(problems(schema, { Width: "126" })[0]?.message).toBe("Width must be an even number from 128 to 4096");
    expect(problems(schema, { Width: "4098" })).toHaveLength(1);
    expect(problems(schema, { Width: "12.5" })).toHaveLength(1);
    expect(problems(schema, { Width: " 1280" })).toHaveLength(1);
    expect(problems(schema, { Width: "1280" })).toEqual([]);
    expect(problems(schema, { Width: "4096" })).toEqual([]);
  });

  it("describes open ends, units and literals", () => {
    expect(
      describeNumber({ kind: "number", name: "Fps", label: "Fps", min: 0, max: 60, minExclusive: true, unit: "fps" }),
    ).toBe("a number greater than 0 and at most 60 fps");
    expect(describeNumber({ kind: "number", name: "R", label: "R", min: 0, max: 360, maxExclusive: true })).toBe(
      "a number at least 0 and less than 360",
    );
    expect(
      describeNumber({
        kind: "number",
        name: "B",
        label: "B",
        min: 10,
        max: 50000,
        integer: true,
        literals: ["auto"],
        unit: "Kbps",
      }),
    ).toBe("a whole number from 10 to 50000 Kbps, or auto");
    expect(describeNumber({ kind: "number", name: "D", label: "D", min: 5, integer: true })).toBe(
      "a whole number at least 5",
    );
    expect(describeNumber({ kind: "number", name: "X", label: "X" })).toBe("a number");
  });

  it("applies exclusive ends, integers and literals", () => {
    const fpsF: NumberField = { kind: "number", name: "Fps", label: "Fps", min: 0, max: 60, minExclusive: true };
    expect(isValidNumber(fpsF, "0")).toBe(false);
    expect(isValidNumber(fpsF, "0.5")).toBe(true);
    expect(isValidNumber(fpsF, "60")).toBe(true);
    expect(isValidNumber(fpsF, "60.01")).toBe(false);
    expect(isValidNumber({ ...fpsF, maxExclusive: true }, "60")).toBe(false);
    const bitrate: NumberField = {
      kind: "number",
      name: "B",
      label: "B",
      min: 10,
      max: 50000,
      integer: true,
      literals: ["auto"],
    };
    expect(isValidNumber(bitrate, "auto")).toBe(true);
    expect(isValidNumber(bitrate, "Auto")).toBe(false);
    expect(isValidNumber(bitrate, "10.0")).toBe(false);
    expect(isValidNumber({ kind: "number", name: "V", label: "V", min: -10, max: 10 }, "-10")).toBe(true);
    for (const bad of ["1e3", "0x10", "", "+5", "5.", "Infinity", "NaN"])
      expect(isValidNumber(fpsF, bad), bad).toBe(false);
  });
});

describe("leaves", () => {
  const fields: FieldSpec[] = [
    {
      kind: "enum",
      name: "Codec",
      label: "Codec",
      required: true,
      options: [
        { value: "H.264", label: "H.264" },
        { value: "H.265", label: "H.265" },
      ],
    },
    { kind: "boolean", name: "Remove", label: "Remove video" },
    {
      kind: "text",
      name: "Crop",
      label: "Crop",
      maxLength: 9,
      pattern: { regex: /^\d+:\d+$/, message: "Crop is w:h" },
    },
  ];
  const schema = deriveSchema(fields);

  it("enums list their values and suggest a near miss", () => {
    expect(problems(schema, { Codec: "h.265" })).toEqual([
      { path: "Codec", message: "Codec must be one of H.264, H.265 (did you mean H.265?)" },
    ]);
    expect(problems(schema, { Codec: "VP8" })).toEqual([
      { path: "Codec", message: "Codec must be one of H.264, H.265" },
    ]);
  });

  it("booleans are the strings true / false", () => {
    expect(problems(schema, { Codec: "H.264", Remove: "TRUE" })).toEqual([
      { path: "Remove", message: "Remove video must be true or false" },
    ]);
    expect(problems(schema, { Codec: "H.264", Remove: true })).toEqual([
      { path: "Remove", message: "Remove video must be text" },
    ]);
    expect(problems(schema, { Codec: "H.264", Remove: "false" })).toEqual([]);
  });

  it("text checks length then pattern", () => {
    expect(problems(schema, { Codec: "H.264", Crop: "1280:720:0" })[0]?.message).toBe("Crop is at most 9 characters");
    expect(problems(schema, { Codec: "H.264", Crop: "12x7" })[0]?.message).toBe("Crop is w:h");
  });

  it("required means present and non-empty; empty optional values are absent", () => {
    expect(problems(schema, {})).toEqual([{ path: "Codec", message: "Codec is required" }]);
    expect(problems(schema, { Codec: "" })).toEqual([{ path: "Codec", message: "Codec is required" }]);
    expect(problems(schema, { Codec: "H.264", Remove: "", Crop: "" })).toEqual([]);
  });

  it("never rewrites values: the output is the input", () => {
    const input = { Codec: "H.264", Remove: "", Crop: "1:2" };
    const r = schema.safeParse(input);
    expect(r.success && r.data).toEqual(input);
  });
});

describe("groups", () => {
  const fields: FieldSpec[] = [
    {
      kind: "group",
      name: "Container",
      label: "Container",
      required: true,
      fields: [{ kind: "text", name: "Format", label: "Format", required: true }],
    },
    {
      kind: "group",
      name: "Sprite",
      label: "Sprite settings",
      fields: [
        { kind: "text", name: "Color", label: "Colour", required: true },
        { kind: "number", name: "Columns", label: "Columns", min: 1 },
      ],
    },
    {
      kind: "group",
      name: "Video",
      label: "Video",
      required: true,
      fields: [{ kind: "text", name: "Codec", label: "Codec" }],
    },
  ];
  const schema = deriveSchema(fields);

  it("a missing required group points at its required children, or at itself", () => {
    expect(problems(schema, {})).toEqual([
      { path: "Container.Format", message: "Format is required" },
      { path: "Video", message: "Video is required" },
    ]);
  });

  it('an optional group that is empty ({}, "" or all-empty values) counts as absent', () => {
    const ok = { Container: { Format: "mp4" }, Video: { Codec: "x" } };
    expect(problems(schema, { ...ok, Sprite: {} })).toEqual([]);
    expect(problems(schema, { ...ok, Sprite: "" })).toEqual([]);
    expect(problems(schema, { ...ok, Sprite: { Color: "", Columns: "" } })).toEqual([]);
    expect(problems(schema, { ...ok, Sprite: { Columns: "3" } })).toEqual([
      { path: "Sprite.Color", message: "Colour is required" },
    ]);
    expect(problems(schema, { ...ok, Sprite: "red" })).toEqual([
      { path: "Sprite", message: "Sprite settings must be a group of elements" },
    ]);
  });

  it("unknown elements are named, with the closest known name", () => {
    expect(problems(schema, { Container: { Format: "mp4", Fromat: "x" }, Video: { codec: "x" } })).toEqual([
      { path: "Container", message: "Unknown element Fromat in Container (did you mean Format?)" },
      { path: "Video", message: "Unknown element codec in Video (did you mean Codec?)" },
    ]);
    expect(problems(schema, { Container: { Format: "mp4" }, Video: { Codec: "x" }, Zzz: "1", Vidoe: {} })).toEqual([
      { path: "", message: "Unknown elements in JobParam: Zzz, Vidoe (did you mean Video?)" },
    ]);
  });

  it("suggests only close names", () => {
    expect(suggest("Widht", ["Width", "Height"])).toBe("Width");
    expect(suggest("WIDTH", ["Width"])).toBe("Width");
    expect(suggest("Frobnicate", ["Width", "Height"])).toBeUndefined();
  });
});

describe("lists and string lists", () => {
  const fields: FieldSpec[] = [
    {
      kind: "list",
      name: "Fragment",
      label: "Fragments",
      itemLabel: "Fragment",
      minItems: 1,
      maxItems: 2,
      fields: [{ kind: "text", name: "Url", label: "Fragment URL", required: true }],
    },
    {
      kind: "stringList",
      name: "Ids",
      label: "Template IDs",
      maxItems: 2,
      pattern: { regex: /^t\w+$/, message: "An ID starts with t" },
    },
  ];
  const schema = deriveSchema(fields);

  it("checks item counts", () => {
    expect(problems(schema, {})).toEqual([{ path: "Fragment", message: "Fragments needs at least 1 fragment" }]);
    expect(problems(schema, { Fragment: [] })).toEqual([
      { path: "Fragment", message: "Fragments needs at least 1 fragment" },
    ]);
    expect(problems(schema, { Fragment: [{ Url: "a" }, { Url: "b" }, { Url: "c" }] })).toEqual([
      { path: "Fragment", message: "Fragments takes at most 2 items, not 3" },
    ]);
  });

  it("checks each item under its index", () => {
    expect(problems(schema, { Fragment: [{ Url: "a" }, { Url: "" }] })).toEqual([
      { path: "Fragment.1.Url", message: "Fragment URL is required" },
    ]);
    expect(problems(schema, { Fragment: [{ Url: "a", Mode: "x" }] })).toEqual([
      { path: "Fragment.0", message: "Unknown element Mode in Fragment" },
    ]);
    expect(problems(schema, { Fragment: { Url: "a" } })).toEqual([
      { path: "Fragment", message: "Fragments must be a list" },
    ]);
    expect(problems(schema, { Fragment: ["a"] })).toEqual([
      { path: "Fragment.0", message: "Fragment 1 must be a group of elements" },
    ]);
  });

  it("string lists check count, emptiness and pattern", () => {
    const one = { Fragment: [{ Url: "a" }] };
    expect(problems(schema, { ...one, Ids: ["t1", "t2"] })).toEqual([]);
    expect(problems(schema, { ...one, Ids: ["t1", "t2", "t3"] })).toEqual([
      { path: "Ids", message: "Template IDs takes at most 2 items, not 3" },
    ]);
    expect(problems(schema, { ...one, Ids: ["t1", "x2"] })).toEqual([
      { path: "Ids.1", message: "Template IDs: item 2: An ID starts with t" },
    ]);
    expect(problems(schema, { ...one, Ids: ["t1", 5] })).toEqual([
      { path: "Ids.1", message: "Template IDs: item 2 is empty or not text" },
    ]);
    expect(problems(schema, { ...one, Ids: "t1" })).toEqual([{ path: "Ids", message: "Template IDs must be a list" }]);
  });
});

describe("visibleWhen", () => {
  const fields: FieldSpec[] = [
    {
      kind: "group",
      name: "Container",
      label: "Container",
      fields: [
        {
          kind: "enum",
          name: "Format",
          label: "Format",
          options: [
            { value: "mp4", label: "mp4" },
            { value: "hls", label: "hls" },
          ],
        },
        {
          kind: "group",
          name: "ClipConfig",
          label: "Segmenting",
          visibleWhen: { path: "Container.Format", equals: ["hls"] },
          fields: [{ kind: "number", name: "Duration", label: "Segment length", min: 1 }],
        },
      ],
    },
  ];
  const schema = deriveSchema(fields);

  it("rejects a value for a field the form would hide", () => {
    expect(problems(schema, { Container: { Format: "mp4", ClipConfig: { Duration: "5" } } })).toEqual([
      { path: "Container.ClipConfig", message: "Segmenting applies only when Format is hls" },
    ]);
    expect(problems(schema, { Container: { ClipConfig: { Duration: "5" } } })).toHaveLength(1);
  });

  it("accepts it when the condition holds, and ignores empty hidden fields", () => {
    expect(problems(schema, { Container: { Format: "hls", ClipConfig: { Duration: "5" } } })).toEqual([]);
    expect(problems(schema, { Container: { Format: "mp4", ClipConfig: { Duration: "" } } })).toEqual([]);
  });

  it("finds fields and values by dot path", () => {
    expect(fieldAt(fields, "Container.ClipConfig.Duration")?.label).toBe("Segment length");
    expect(fieldAt(fields, "Container.Nope")).toBeUndefined();
    expect(valueAt({ a: { b: "c" } }, "a.b")).toBe("c");
    expect(valueAt({ a: "x" }, "a.b")).toBeUndefined();
  });
});

describe("isEmptyValue", () => {
  it("treats empty strings, empty groups and empty lists as empty", () => {
    for (const v of [undefined, null, "", {}, [], { a: "" }, { a: { b: "" } }, [{}], [""]])
      expect(isEmptyValue(v), JSON.stringify(v)).toBe(true);
    for (const v of ["0", "false", { a: "x" }, ["t1"], [{ a: "1" }]])
      expect(isEmptyValue(v), JSON.stringify(v)).toBe(false);
  });
});

describe("buildJobParamSchema: TemplateId or own parameters", () => {
  const param: FieldSpec = {
    kind: "group",
    name: "Thing",
    label: "Thing",
    required: true,
    fields: [{ kind: "text", name: "A", label: "A", required: true }],
  };
  const extra: FieldSpec = { kind: "text", name: "Extra", label: "Extra" };
  const base = {
    tag: "Transcode" as const,
    group: "video" as const,
    label: "Thing",
    description: "",
    output: "object" as const,
    paramElement: "Thing",
    fields: [param, extra],
    example: {},
  };
  const withTemplate = buildJobParamSchema({ ...base, templateTag: "Transcode" });
  const noTemplate = buildJobParamSchema({ ...base, templateTag: null });

  it("takes either a TemplateId or the parameter element, extras with both", () => {
    expect(problems(withTemplate, { TemplateId: "tabcdef1" })).toEqual([]);
    expect(problems(withTemplate, { TemplateId: "tabcdef1", Extra: "x" })).toEqual([]);
    expect(problems(withTemplate, { Thing: { A: "1" }, Extra: "x" })).toEqual([]);
    expect(problems(withTemplate, { Thing: { A: "1" }, TemplateId: "" })).toEqual([]);
    expect(problems(withTemplate, {})).toEqual([
      { path: "Thing", message: "Choose a template or fill in the Thing parameters" },
    ]);
    expect(problems(withTemplate, { TemplateId: "tabcdef1", Thing: { A: "1" } })).toEqual([
      { path: "Thing", message: "Use either a template or your own Thing parameters, not both" },
    ]);
  });

  it("rejects TemplateId for Tags without templates", () => {
    expect(problems(noTemplate, { Thing: { A: "1" } })).toEqual([]);
    expect(problems(noTemplate, { TemplateId: "tabcdef1", Thing: { A: "1" } })).toEqual([
      { path: "TemplateId", message: "Thing jobs take no template: leave TemplateId out and fill in Thing" },
    ]);
    expect(problems(noTemplate, {})).toEqual([{ path: "Thing", message: "Thing is required" }]);
  });

  it("rejects a JobParam that is not a group", () => {
    expect(problems(withTemplate, "x")).toEqual([{ path: "", message: "JobParam must be a group of elements" }]);
  });
});
