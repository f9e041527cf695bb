/** MediaInfo (docs/ci-api.md §4.17): probe each file's format and streams. No JobParam, no output file. */
import { defineTag } from "./define-tag";

export const mediaInfo = defineTag({
  tag: "MediaInfo",
  group: "video",
  label: "Media info",
  description: "Read the format and streams of each audio or video file",
  templateTag: null,
  output: "none",
  paramElement: null,
  fields: [],
  example: {},
});
