/**
 * Which Output fields each kind of Tag uses (docs/ci-api.md §4.0, last column; trigger doc: Object is needed unless the
 * Tag is Snapshot, VoiceSeparate or StreamExtract). Whether Output itself must be present is request-schema's job
 * (TAGS_WITHOUT_OUTPUT); Snapshot's Object / SpriteObject choice depends on its parameters and lives in snapshot.ts.
 */
import type { z } from "zod";
import { addIssue, presentAt, type Operation } from "./refine-helpers";
import type { OutputKind } from "./types";

const FIELD_OWNERS: Record<string, { kinds: readonly OutputKind[]; label: string }> = {
  AuObject: { kinds: ["voiceSeparate"], label: "VoiceSeparate" },
  // Extra stems of a four-stem separation (cos-go-sdk-v5 `JobOutput` BassObject / DrumObject).
  BassObject: { kinds: ["voiceSeparate"], label: "VoiceSeparate" },
  DrumObject: { kinds: ["voiceSeparate"], label: "VoiceSeparate" },
  SpriteObject: { kinds: ["snapshot"], label: "Snapshot" },
  StreamExtract: { kinds: ["streamExtract"], label: "StreamExtract" },
};

export function refineOutputFields(tagLabel: string, kind: OutputKind, op: Operation, ctx: z.RefinementCtx): void {
  const output = op.Output;
  if (typeof output !== "object" || output === null || Array.isArray(output)) return;

  for (const [field, owner] of Object.entries(FIELD_OWNERS)) {
    if (!owner.kinds.includes(kind) && presentAt(op, ["Output", field]))
      addIssue(ctx, ["Output", field], `Output ${field} is only for ${owner.label} jobs; ${tagLabel} does not use it`);
  }

  const hasObject = presentAt(op, ["Output", "Object"]);
  switch (kind) {
    case "object":
      if (!hasObject)
        addIssue(ctx, ["Output", "Object"], `Output Object (the result file name) is required for ${tagLabel}`);
      break;
    case "voiceSeparate":
      if (!hasObject && !presentAt(op, ["Output", "AuObject"]))
        addIssue(ctx, ["Output", "Object"], "Give Output Object (background), AuObject (vocals), or both");
      break;
    case "streamExtract":
      if (hasObject)
        addIssue(
          ctx,
          ["Output", "Object"],
          "StreamExtract writes one file per stream: use Output StreamExtract, not Object",
        );
      if (!presentAt(op, ["Output", "StreamExtract"]))
        addIssue(
          ctx,
          ["Output", "StreamExtract"],
          "StreamExtract needs at least one stream (Index and Object) in Output StreamExtract",
        );
      break;
    case "snapshot":
    case "none":
      break;
  }
}
