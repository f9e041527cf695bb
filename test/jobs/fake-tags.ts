/** A small stand-in Tag registry for unit tests of the wizard's pure logic (shapes as in lib/jobs/tags/types.ts). */
import type { TagLookup } from "@/lib/jobs/draft-request";
import type { FieldSpec } from "@/lib/jobs/tags/types";

const transcodeFields: FieldSpec[] = [
  {
    kind: "group",
    name: "Transcode",
    label: "Transcode",
    fields: [
      { kind: "group", name: "Container", label: "Container", required: true, fields: [{ kind: "enum", name: "Format", label: "Format", options: [{ value: "mp4", label: "mp4" }, { value: "hls", label: "hls" }] }, { kind: "group", name: "ClipConfig", label: "Clip", visibleWhen: { path: "Transcode.Container.Format", equals: ["hls"] }, fields: [{ kind: "number", name: "Duration", label: "Duration" }] }] },
      { kind: "group", name: "Video", label: "Video", fields: [{ kind: "enum", name: "Codec", label: "Codec", options: [{ value: "H.264", label: "H.264" }] }, { kind: "number", name: "Width", label: "Width" }] },
    ],
  },
  { kind: "stringList", name: "WatermarkTemplateId", label: "Watermark templates", maxItems: 3 },
  { kind: "list", name: "Watermark", label: "Watermarks", itemLabel: "Watermark", maxItems: 3, fields: [{ kind: "enum", name: "Type", label: "Type", options: [{ value: "Text", label: "Text" }] }, { kind: "text", name: "Pos", label: "Position" }] },
];

const concatFields: FieldSpec[] = [
  {
    kind: "group",
    name: "ConcatTemplate",
    label: "Concat",
    fields: [
      { kind: "list", name: "ConcatFragment", label: "Fragments", itemLabel: "Fragment", maxItems: 20, fields: [{ kind: "text", name: "Url", label: "Url" }] },
      { kind: "group", name: "Container", label: "Container", fields: [{ kind: "text", name: "Format", label: "Format" }] },
    ],
  },
];

export const fakeLookup: TagLookup = (tag) => {
  switch (tag) {
    case "Transcode":
      return { fields: transcodeFields, output: "object", templateTag: "Transcode", paramElement: "Transcode" };
    case "Concat":
      return { fields: concatFields, output: "object", templateTag: "Concat", paramElement: "ConcatTemplate" };
    case "Snapshot":
      return { fields: [{ kind: "group", name: "Snapshot", label: "Snapshot", fields: [{ kind: "number", name: "Count", label: "Count" }] }], output: "snapshot", templateTag: "Snapshot", paramElement: "Snapshot" };
    case "StreamExtract":
      return { fields: [], output: "streamExtract", templateTag: null, paramElement: null };
    case "MediaInfo":
      return { fields: [], output: "none", templateTag: null, paramElement: null };
    default:
      return undefined;
  }
};
