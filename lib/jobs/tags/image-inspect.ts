/**
 * ImageInspect: find images that hide other content (black-market detection). cos-python-sdk-v5 ut/test.py triggers
 * one with neither a QueueId nor an Output and expects Success; cos-go-sdk-v5 ci_media.go carries
 * `ImageInspect{AutoProcess, ProcessType}` under `InventoryTriggerJobOperationJobParam` (and the result block
 * `ImageInspectResult`). Writes no output file. Both parameters are optional strings in the Go SDK; ProcessType's
 * values come from cos-python-sdk-v5 demo/ci_media.py (ci_create_image_inspect_batch_jobs), the only source listing
 * them, and the emulator's model (emulator/model/job-param-rules.ts) holds the same three.
 */
import { defineTag } from "./define-tag";
import { bool, choice } from "./field-helpers";

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
        choice(
          "ProcessType",
          "What to do",
          [
            { value: "BackupObject", label: "Back the image up" },
            { value: "SwitchObjectToPrivate", label: "Make the image private" },
            { value: "DeleteObject", label: "Delete the image" },
          ],
          {
            help: "How CI treats a suspicious image when acting on it",
            visibleWhen: { path: "ImageInspect.AutoProcess", equals: ["true"] },
          },
        ),
      ],
    },
  ],
  example: { JobParam: { ImageInspect: { AutoProcess: "true", ProcessType: "BackupObject" } } },
});
