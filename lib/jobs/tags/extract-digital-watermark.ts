/** ExtractDigitalWatermark (docs/ci-api.md §4.16): read an embedded text watermark back. Writes no output file. */
import { defineTag } from "./define-tag";
import { choice, options } from "./field-helpers";

export const extractDigitalWatermark = defineTag({
  tag: "ExtractDigitalWatermark",
  group: "video",
  label: "Extract digital watermark",
  description: "Read the invisible text watermark embedded in videos",
  templateTag: null,
  output: "none",
  paramElement: "ExtractDigitalWatermark",
  fields: [
    {
      kind: "group",
      name: "ExtractDigitalWatermark",
      label: "Watermark to extract",
      required: true,
      fields: [
        choice("Type", "Type", options("Text"), { required: true, defaultValue: "Text" }),
        choice("Version", "Version", options("V1"), { required: true, defaultValue: "V1" }),
      ],
    },
  ],
  example: { JobParam: { ExtractDigitalWatermark: { Type: "Text", Version: "V1" } } },
});
