/**
 * The Tag registry, Tag by Tag: each example is a valid trigger request and survives XML; TemplateId handling; the
 * usual mistakes are rejected with a message that names the field.
 */
import { describe, expect, it } from "vitest";
import { buildXml, isRepeatablePath, parseXml } from "@/lib/ci/xml";
import { fieldAt, fieldSchema } from "@/lib/jobs/tags/derive-schema";
import { TAG_NAMES, TAGS, TAGS_WITHOUT_OUTPUT, type TagName } from "@/lib/jobs/tags";
import { TAGS_BY_GROUP } from "@/components/trigger/tag-registry";
import type { FieldSpec } from "@/lib/jobs/tags/types";
import { example, expectIssue, expectValid, issues, jobRequest, type Fragment } from "./tags-support";

const TEMPLATE_ID = "t1460606b9752148c4ab182f55163ba7cd";
/** Template tags of GET /template (docs/ci-api.md §6.1). */
const TEMPLATE_TAGS = [
  "Transcode",
  "Snapshot",
  "Animation",
  "Concat",
  "SmartCover",
  "VideoProcess",
  "SuperResolution",
  "VoiceSeparate",
  "VideoMontage",
  "PicProcess",
  "Tts",
  "SpeechRecognition",
  "NoiseReduction",
];

function* allFields(
  fields: readonly FieldSpec[],
  prefix: string[] = [],
): Generator<{ path: string[]; field: FieldSpec }> {
  for (const f of fields) {
    yield { path: [...prefix, f.name], field: f };
    if (f.kind === "group" || f.kind === "list") yield* allFields(f.fields, [...prefix, f.name]);
  }
}

/** Leaves that the example fills in (outside lists), with their paths from JobParam. */
function* filledLeaves(
  fields: readonly FieldSpec[],
  value: unknown,
  prefix: string[] = [],
): Generator<{ path: string; field: FieldSpec }> {
  if (typeof value !== "object" || value === null) return;
  for (const f of fields) {
    const v = (value as Record<string, unknown>)[f.name];
    if (v === undefined || v === "") continue;
    if (f.kind === "group") yield* filledLeaves(f.fields, v, [...prefix, f.name]);
    else if (f.kind !== "list" && f.kind !== "stringList") yield { path: [...prefix, f.name].join("."), field: f };
  }
}

function typo(name: string): string {
  // Swap two letters in the middle: "Transcode" → "Trasncode".
  const i = Math.floor(name.length / 2) - 1;
  return name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
}

describe("the registry", () => {
  it("has one module per Tag, keyed by its own tag", () => {
    expect(Object.keys(TAGS).sort()).toEqual([...TAG_NAMES].sort());
    for (const t of TAG_NAMES) expect(TAGS[t].tag).toBe(t);
  });

  // The chooser's grouping (the registry's own TAG_GROUPS was unused and disagreed with it: "AI" vs "AI & analysis").
  it("groups every Tag once, in the order video, audio, image, ai", () => {
    expect(TAGS_BY_GROUP.map((g) => g.group)).toEqual(["video", "audio", "image", "ai"]);
    expect(TAGS_BY_GROUP.map((g) => g.label)).toEqual(["Video", "Audio", "Image", "AI & analysis"]);
    const listed = TAGS_BY_GROUP.flatMap((g) => g.tags.map((m) => m.tag));
    expect([...listed].sort()).toEqual([...TAG_NAMES].sort());
    for (const g of TAGS_BY_GROUP) expect(g.tags.length).toBeGreaterThan(0);
  });

  it("agrees with names.ts on which Tags write no output", () => {
    const none = TAG_NAMES.filter((t) => TAGS[t].output === "none");
    expect(none.sort()).toEqual([...TAGS_WITHOUT_OUTPUT].sort());
  });

  it("uses only GET /template tags as templateTag", () => {
    for (const t of TAG_NAMES) {
      const tt = TAGS[t].templateTag;
      if (tt !== null) expect(TEMPLATE_TAGS).toContain(tt);
    }
    expect(TAG_NAMES.filter((t) => TAGS[t].templateTag !== null)).toHaveLength(13);
  });

  it("names the parameter element as it is in fields (Concat → ConcatTemplate, Tts → TtsTpl)", () => {
    expect(TAGS.Concat.paramElement).toBe("ConcatTemplate");
    expect(TAGS.Tts.paramElement).toBe("TtsTpl");
    // No batch source carries QualityEstimateConfig (lib/jobs/tags/quality-estimate.ts): nothing is sent.
    expect(TAGS.QualityEstimate.paramElement).toBeNull();
    expect(TAGS.ImageInspect.paramElement).toBe("ImageInspect");
    expect(TAGS.MediaInfo.paramElement).toBeNull();
    expect(TAGS.StreamExtract.paramElement).toBeNull();
    for (const t of TAG_NAMES) {
      const p = TAGS[t].paramElement;
      if (p) expect(TAGS[t].fields.some((f) => f.name === p && f.kind === "group")).toBe(true);
    }
  });

  it("repeats exactly the elements the XML codec keeps as arrays", () => {
    for (const t of TAG_NAMES) {
      for (const { path, field } of allFields(TAGS[t].fields)) {
        const repeated = field.kind === "list" || field.kind === "stringList";
        expect(isRepeatablePath(["Request", "Operation", "JobParam", ...path]), `${t}: ${path.join(".")}`).toBe(
          repeated,
        );
      }
    }
  });

  it("points every visibleWhen at a field that exists", () => {
    for (const t of TAG_NAMES) {
      for (const { path, field } of allFields(TAGS[t].fields)) {
        if (!field.visibleWhen) continue;
        const target = fieldAt(TAGS[t].fields, field.visibleWhen.path);
        expect(target, `${t}: ${path.join(".")} → ${field.visibleWhen.path}`).toBeDefined();
        if (target?.kind === "enum")
          for (const v of field.visibleWhen.equals) expect(target.options.map((o) => o.value)).toContain(v);
      }
    }
  });

  it("has default values that its own fields accept", () => {
    for (const t of TAG_NAMES) {
      for (const { path, field } of allFields(TAGS[t].fields)) {
        if (field.defaultValue === undefined) continue;
        const r = fieldSchema({ ...field, required: false } as FieldSpec).safeParse(field.defaultValue);
        expect(r.success, `${t}: ${path.join(".")} = ${field.defaultValue}`).toBe(true);
      }
    }
  });

  it("has a label and a one-line description for the picker", () => {
    for (const t of TAG_NAMES) {
      expect(TAGS[t].label.length).toBeGreaterThan(2);
      expect(TAGS[t].description).not.toMatch(/\n/);
      expect(TAGS[t].description.length).toBeLessThan(100);
    }
  });
});

describe.each(TAG_NAMES.map((t) => [t] as const))("%s", (tag: TagName) => {
  const mod = TAGS[tag];

  it("example is a valid trigger request", () => {
    expectValid(tag, example(tag));
  });

  it("example round-trips through buildXml → parseXml unchanged", () => {
    const req = jobRequest(tag, example(tag));
    const back = parseXml(buildXml("Request", req));
    expect(back.Request).toEqual(req);
  });

  if (mod.templateTag) {
    it("accepts a TemplateId alone", () => {
      expectValid(tag, { JobParam: { TemplateId: TEMPLATE_ID }, Output: example(tag).Output });
    });

    it("rejects a TemplateId together with its own parameters", () => {
      const ex = example(tag);
      expectIssue(
        tag,
        { ...ex, JobParam: { ...ex.JobParam, TemplateId: TEMPLATE_ID } },
        `JobParam.${mod.paramElement}`,
        "not both",
      );
    });

    it("rejects a malformed TemplateId", () => {
      expectIssue(
        tag,
        { JobParam: { TemplateId: "x123" }, Output: example(tag).Output },
        "JobParam.TemplateId",
        /template ID looks like t/,
      );
    });
  } else {
    it("rejects a TemplateId", () => {
      expectIssue(
        tag,
        { ...example(tag), JobParam: { ...example(tag).JobParam, TemplateId: TEMPLATE_ID } },
        "JobParam.TemplateId",
        "take no template",
      );
    });
  }

  if (mod.paramElement) {
    const param = mod.paramElement;
    const paramField = mod.fields.find((f) => f.name === param)!;

    if (paramField.required) {
      it(`requires ${param} (or a template) when JobParam is empty`, () => {
        expectIssue(
          tag,
          { ...example(tag), JobParam: undefined },
          `JobParam.${param}`,
          mod.templateTag ? "Choose a template" : "is required",
        );
      });
    }

    it(`names a typo'd ${param} element and suggests the right name`, () => {
      const ex = example(tag);
      const jp = { ...ex.JobParam };
      const value = jp[param];
      delete jp[param];
      jp[typo(param)] = value;
      expectIssue(
        tag,
        { ...ex, JobParam: jp },
        "JobParam",
        `Unknown element ${typo(param)} in JobParam (did you mean ${param}?)`,
      );
    });

    it(`names an unknown element inside ${param}`, () => {
      const ex = example(tag);
      (ex.JobParam![param] as Record<string, unknown>).Bogus = "1";
      expectIssue(tag, ex, `JobParam.${param}`, `Unknown element Bogus in ${paramField.label}`);
    });

    const leaves = [...filledLeaves(mod.fields, example(tag).JobParam)];
    const anEnum = leaves.find((l) => l.field.kind === "enum");
    if (anEnum) {
      it(`rejects a bad ${anEnum.path} value naming the field and its options`, () => {
        const ex = example(tag);
        const parts = anEnum.path.split(".");
        let cur = ex.JobParam as Record<string, unknown>;
        for (const p of parts.slice(0, -1)) cur = cur[p] as Record<string, unknown>;
        cur[parts[parts.length - 1]!] = "bogus-value";
        expectIssue(tag, ex, `JobParam.${anEnum.path}`, `${anEnum.field.label} must be one of`);
      });
    }
    const aNumber = leaves.find((l) => l.field.kind === "number" && l.field.max !== undefined);
    if (aNumber && aNumber.field.kind === "number") {
      it(`rejects ${aNumber.path} above its maximum, naming the field and the range`, () => {
        const ex = example(tag);
        const parts = aNumber.path.split(".");
        let cur = ex.JobParam as Record<string, unknown>;
        for (const p of parts.slice(0, -1)) cur = cur[p] as Record<string, unknown>;
        cur[parts[parts.length - 1]!] = String((aNumber.field as { max: number }).max + 2);
        expectIssue(
          tag,
          ex,
          `JobParam.${aNumber.path}`,
          new RegExp(`^${aNumber.field.label} must be .*${(aNumber.field as { max: number }).max}`),
        );
      });
    }
  } else {
    it("accepts JobParam absent or empty, and rejects any element in it", () => {
      expectValid(tag, example(tag));
      expectValid(tag, { ...example(tag), JobParam: {} });
      expectIssue(
        tag,
        { ...example(tag), JobParam: { Transcode: { Container: { Format: "mp4" } } } },
        "JobParam",
        "Unknown element Transcode",
      );
    });
  }
});

/** Typical mistakes, at least one per Tag, each rejected with a message naming the field. */
const MISTAKES: Array<[TagName, string, (ex: Fragment) => void, string, RegExp | string]> = [
  [
    "Transcode",
    "odd width",
    (ex) => (v(ex, "Transcode.Video").Width = "1281"),
    "JobParam.Transcode.Video.Width",
    "Width must be an even number from 128 to 4096 px",
  ],
  [
    "Transcode",
    "width too small",
    (ex) => (v(ex, "Transcode.Video").Width = "64"),
    "JobParam.Transcode.Video.Width",
    "Width must be an even number from 128 to 4096",
  ],
  [
    "Transcode",
    "fps 0 (range open at 0)",
    (ex) => (v(ex, "Transcode.Video").Fps = "0"),
    "JobParam.Transcode.Video.Fps",
    "Frame rate must be a number greater than 0 and at most 60 fps",
  ],
  [
    "Transcode",
    "bitrate not a number",
    (ex) => (v(ex, "Transcode.Video").Bitrate = "fast"),
    "JobParam.Transcode.Video.Bitrate",
    "Bitrate must be a whole number from 10 to 50000 Kbps, or auto",
  ],
  [
    "Transcode",
    "codec case (suggests)",
    (ex) => (v(ex, "Transcode.Video").Codec = "h.264"),
    "JobParam.Transcode.Video.Codec",
    "(did you mean H.264?)",
  ],
  [
    "Transcode",
    "missing container format",
    (ex) => delete v(ex, "Transcode.Container").Format,
    "JobParam.Transcode.Container.Format",
    "Format is required",
  ],
  [
    "Transcode",
    "boolean spelled Yes",
    (ex) => (v(ex, "Transcode.TransConfig").IsCheckReso = "Yes"),
    "JobParam.Transcode.TransConfig.IsCheckReso",
    "Check resolution must be true or false",
  ],
  [
    "Transcode",
    "number given as a JSON number",
    (ex) => (v(ex, "Transcode.Video").Height = 720),
    "JobParam.Transcode.Video.Height",
    "Height must be text",
  ],
  [
    "Transcode",
    "rotation 360 (range open at 360)",
    (ex) => (v(ex, "Transcode.Video").Rotate = "360"),
    "JobParam.Transcode.Video.Rotate",
    "Rotation must be a number at least 0 and less than 360",
  ],
  [
    "Snapshot",
    "count 0",
    (ex) => (v(ex, "Snapshot").Count = "0"),
    "JobParam.Snapshot.Count",
    "Count must be a whole number greater than 0 and at most 10000",
  ],
  ["Snapshot", "missing count", (ex) => delete v(ex, "Snapshot").Count, "JobParam.Snapshot.Count", "Count is required"],
  [
    "Snapshot",
    "sprite without colour",
    (ex) => delete v(ex, "Snapshot.SpriteSnapshotConfig").Color,
    "JobParam.Snapshot.SpriteSnapshotConfig.Color",
    "Background colour is required",
  ],
  [
    "Animation",
    "missing codec",
    (ex) => delete v(ex, "Animation.Video").Codec,
    "JobParam.Animation.Video.Codec",
    "Codec is required",
  ],
  [
    "Animation",
    "format mp4",
    (ex) => (v(ex, "Animation.Container").Format = "mp4"),
    "JobParam.Animation.Container.Format",
    "Format must be one of gif, hgif, webp",
  ],
  [
    "SmartCover",
    "count 11",
    (ex) => (v(ex, "SmartCover").Count = "11"),
    "JobParam.SmartCover.Count",
    "Count must be a whole number from 1 to 10",
  ],
  [
    "Concat",
    "fragment without URL",
    (ex) => delete (v(ex, "ConcatTemplate").ConcatFragment as Record<string, unknown>[])[1]!.Url,
    "JobParam.ConcatTemplate.ConcatFragment.1.Url",
    "Fragment URL is required",
  ],
  [
    "Concat",
    "no fragments",
    (ex) => delete v(ex, "ConcatTemplate").ConcatFragment,
    "JobParam.ConcatTemplate.ConcatFragment",
    "Fragments needs at least 1 fragment",
  ],
  [
    "Concat",
    "transition 6 s",
    (ex) => (v(ex, "ConcatTemplate.SceneChangeInfo").Time = "6"),
    "JobParam.ConcatTemplate.SceneChangeInfo.Time",
    "Transition time must be a number greater than 0 and at most 5 s",
  ],
  [
    "SpeechRecognition",
    "missing engine",
    (ex) => delete v(ex, "SpeechRecognition").EngineModelType,
    "JobParam.SpeechRecognition.EngineModelType",
    "Engine is required",
  ],
  [
    "SpeechRecognition",
    "speaker count 11",
    (ex) => (v(ex, "SpeechRecognition").SpeakerNumber = "11"),
    "JobParam.SpeechRecognition.SpeakerNumber",
    "Speaker count must be a whole number from 0 to 10",
  ],
  [
    "VoiceSeparate",
    "audio mode typo",
    (ex) => (v(ex, "VoiceSeparate").AudioMode = "IsAudios"),
    "JobParam.VoiceSeparate.AudioMode",
    "did you mean IsAudio?",
  ],
  [
    "VideoMontage",
    "odd height",
    (ex) => (v(ex, "VideoMontage.Video").Height = "721"),
    "JobParam.VideoMontage.Video.Height",
    "Height must be an even number from 128 to 4096",
  ],
  [
    "SDRtoHDR",
    "HdrMode HDR",
    (ex) => (v(ex, "SDRtoHDR").HdrMode = "HDR"),
    "JobParam.SDRtoHDR.HdrMode",
    "HDR standard must be one of HLG, HDR10",
  ],
  [
    "SDRtoHDR",
    "bad TranscodeTemplateId",
    (ex) => (ex.JobParam!.TranscodeTemplateId = "p123456789"),
    "JobParam.TranscodeTemplateId",
    "transcode template ID looks like t",
  ],
  [
    "VideoProcess",
    "contrast 101",
    (ex) => (v(ex, "VideoProcess.ColorEnhance").Contrast = "101"),
    "JobParam.VideoProcess.ColorEnhance.Contrast",
    "Contrast must be a whole number from 0 to 100",
  ],
  [
    "VideoProcess",
    "nothing to do",
    (ex) => (ex.JobParam!.VideoProcess = {}),
    "JobParam.VideoProcess",
    "Choose a template or fill in the Video enhancement parameters",
  ],
  [
    "SuperResolution",
    "resolution 4k",
    (ex) => (v(ex, "SuperResolution").Resolution = "4k"),
    "JobParam.SuperResolution.Resolution",
    "Upscale must be one of sdtohd, hdto4k",
  ],
  [
    "Segment",
    "duration 3",
    (ex) => (v(ex, "Segment").Duration = "3"),
    "JobParam.Segment.Duration",
    "Piece length must be a whole number at least 5 s",
  ],
  [
    "Segment",
    "fractional duration",
    (ex) => (v(ex, "Segment").Duration = "7.5"),
    "JobParam.Segment.Duration",
    "Piece length must be a whole number at least 5 s",
  ],
  [
    "VideoTag",
    "scenario ShortVideo",
    (ex) => (v(ex, "VideoTag").Scenario = "ShortVideo"),
    "JobParam.VideoTag.Scenario",
    "Scenario must be one of Stream",
  ],
  [
    "PicProcess",
    "missing rule",
    (ex) => (v(ex, "PicProcess").ProcessRule = ""),
    "JobParam.PicProcess.ProcessRule",
    "Processing rule is required",
  ],
  [
    "DigitalWatermark",
    "message too long",
    (ex) => (v(ex, "DigitalWatermark").Message = "a".repeat(65)),
    "JobParam.DigitalWatermark.Message",
    "Message is at most 64 characters",
  ],
  [
    "DigitalWatermark",
    "message with spaces",
    (ex) => (v(ex, "DigitalWatermark").Message = "hello world"),
    "JobParam.DigitalWatermark.Message",
    "Use Chinese or English letters",
  ],
  [
    "DigitalWatermark",
    "IgnoreError (no effect for this Tag)",
    (ex) => (v(ex, "DigitalWatermark").IgnoreError = "true"),
    "JobParam.DigitalWatermark",
    "Unknown element IgnoreError",
  ],
  [
    "ExtractDigitalWatermark",
    "version V2",
    (ex) => (v(ex, "ExtractDigitalWatermark").Version = "V2"),
    "JobParam.ExtractDigitalWatermark.Version",
    "Version must be one of V1",
  ],
  [
    "Tts",
    "volume 11",
    (ex) => (v(ex, "TtsTpl").Volume = "11"),
    "JobParam.TtsTpl.Volume",
    "Volume must be a number from -10 to 10",
  ],
  [
    "Tts",
    "speed 40",
    (ex) => (v(ex, "TtsTpl").Speed = "40"),
    "JobParam.TtsTpl.Speed",
    "Speed must be a number from 50 to 200 %",
  ],
  [
    "NoiseReduction",
    "sample rate 44000",
    (ex) => (v(ex, "NoiseReduction").Samplerate = "44000"),
    "JobParam.NoiseReduction.Samplerate",
    "Sample rate must be one of",
  ],
  [
    "NoiseReduction",
    "SampleRate spelling",
    (ex) => {
      const n = v(ex, "NoiseReduction");
      n.SampleRate = n.Samplerate;
      delete n.Samplerate;
    },
    "JobParam.NoiseReduction",
    "Unknown element SampleRate in Noise reduction (did you mean Samplerate?)",
  ],
  [
    "QualityEstimate",
    "QualityEstimateConfig (no batch source lists it)",
    (ex) => {
      ex.JobParam = { QualityEstimateConfig: { Mode: "general", Rotate: "0" } };
    },
    "JobParam",
    "Unknown element QualityEstimateConfig",
  ],
  [
    "ImageInspect",
    "AutoProcess yes",
    (ex) => (v(ex, "ImageInspect").AutoProcess = "yes"),
    "JobParam.ImageInspect.AutoProcess",
    "true or false",
  ],
  [
    "StreamExtract",
    "non-numeric index",
    (ex) => ((ex.Output!.StreamExtract as Record<string, unknown>[])[0]!.Index = "a"),
    "Output.StreamExtract.0.Index",
    "Index is a stream number",
  ],
];

function v(ex: Fragment, path: string): Record<string, unknown> {
  let cur = ex.JobParam as Record<string, unknown>;
  for (const p of path.split(".")) cur = cur[p] as Record<string, unknown>;
  return cur;
}

describe("typical mistakes", () => {
  it.each(MISTAKES)("%s: %s", (tag, _name, mutate, path, message) => {
    const ex = example(tag);
    mutate(ex);
    expectIssue(tag, ex, path, message);
  });

  it("covers every Tag", () => {
    const covered = new Set(MISTAKES.map(([t]) => t));
    const uncovered = TAG_NAMES.filter((t) => !covered.has(t) && TAGS[t].paramElement !== null);
    expect(uncovered).toEqual([]);
  });

  it("reports an unknown key and a typo'd element in one go", () => {
    const ex = example("Transcode");
    const t = ex.JobParam!.Transcode as Record<string, unknown>;
    t.Vidoe = t.Video;
    delete t.Video;
    ex.JobParam!.Frobnicate = "1";
    const found = issues("Transcode", ex);
    expect(found).toContainEqual({
      path: "JobParam.Transcode",
      message: "Unknown element Vidoe in Transcode (did you mean Video?)",
    });
    expect(found).toContainEqual({ path: "JobParam", message: "Unknown element Frobnicate in JobParam" });
  });
});
