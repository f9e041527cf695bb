/**
 * ImageInspect: find images that hide other content (black-market detection). cos-python-sdk-v5 ut/test.py triggers
 * one with neither a QueueId nor an Output and expects Success; cos-go-sdk-v5 ci_media.go carries
 * `ImageInspect{AutoProcess, ProcessType}` under `InventoryTriggerJobOperationJobParam` (and the result block
 * `ImageInspectResult`). Writes no output file. Both parameters are optional strings in the Go SDK and no source
 * lists ProcessType's values, so it is free text (what CI refuses, CI names).
 */
import { defineTag } from "./define-tag";
import { bool, text } from "./field-helpers";

export const imageInspect = defineTag({
  tag: "ImageInspect",
  group: "image",
  label: "Image inspection",
  description: "Detect images that hide other content, optionally acting on them",
  templateTag: null,
  output: "none",
  paramElement: "ImageInspect",
  fields: [
    {
      kind: "group",
      name: "ImageInspect",
      label: "Image inspection",
      required: false,
      fields: [
        bool("AutoProcess", "Act on suspicious images"),
        text("ProcessType", "What to do", { maxLength: 64, help: "How CI treats a suspicious image when acting on it", visibleWhen: { path: "ImageInspect.AutoProcess", equals: ["true"] } }),
      ],
    },
  ],
  example: { JobParam: { ImageInspect: { AutoProcess: "true", ProcessType: "BackupObject" } } },
});
