/**
 * Which CI elements repeat, decided by their PATH (issue 12 item 3): fast-xml-parser reads one occurrence as an
 * object and two as an array, so every element CI may repeat is listed here and always comes out as an array.
 * A bare name is not enough: `Video` repeats under a MediaInfo `Stream` but is one block in a Transcode template,
 * `Watermark` repeats under `JobParam` but is one template body in a template list.
 *
 * Each rule is a path suffix ("JobParam.Watermark" matches `…JobParam.Watermark` at any depth); a one-name rule is
 * for list answers whose item can only be a list item. Sources: docs/ci-api.md §1–§4 and §8 (answers), cos-go-sdk-v5
 * ci_media.go (`[]` fields of `InventoryTriggerJobOperationJobParam`, `MediaResult`, `MediaInfo`, `JobOutput`).
 */
export const REPEATABLE_PATHS: readonly string[] = [
  // List answers (docs/ci-api.md §1.2, §8): their items.
  "JobsDetail",
  "TemplateList",
  "QueueList",
  "MediaWorkflowList",
  "MediaBucketList",
  "NonExistJobIds",
  "NonExistTIDs",
  "NonExistPIDs",
  "NonExistIDs",
  // Request JobParam children the Tags repeat (lib/jobs/tags: fields of kind list / stringList), also echoed in answers.
  "JobParam.Watermark",
  "JobParam.WatermarkTemplateId",
  "Transcode.AudioMixArray",
  "Subtitles.Subtitle",
  "ConcatTemplate.ConcatFragment",
  "ConcatTemplate.AudioMixArray",
  "VideoMontage.AudioMixArray",
  // Output (ci_media.go JobOutput: StreamExtract []StreamExtract).
  "Output.StreamExtract",
  // Result blocks CI echoes under Operation.JobParam (ci_media.go MediaResult, MediaInfo).
  "MediaResult.OutputFile.ObjectName",
  "MediaResult.OutputFile.Md5Info",
  "OutputFile.SpriteOutputFile.ObjectName",
  "OutputFile.SpriteOutputFile.Md5Info",
  "MediaInfo.Stream.Video",
  "MediaInfo.Stream.Audio",
  "MediaInfo.Stream.Subtitle",
  // The per-Tag result blocks' lists (ci_media.go VideoTagResult, WordsGeneralizeResult, DnaResult, VocalScoreResult:
  // their `[]` fields), spelled from the block down so that no other `Tags` is caught; a list inside one of these
  // lists is named from its list parent (names only VideoTagResult uses; the parent's own rule places it).
  "VideoTagResult.StreamData.Data.Tags",
  "VideoTagResult.StreamData.Data.PersonTags",
  "PersonTags.DetailPerSecond",
  "DetailPerSecond.BBox",
  "VideoTagResult.StreamData.Data.PlaceTags",
  "PlaceTags.Tags",
  "PlaceTags.ClipFrameResult",
  "VideoTagResult.StreamData.Data.ActionTags",
  "ActionTags.Tags",
  "VideoTagResult.StreamData.Data.ObjectTags",
  "ObjectTags.Objects",
  "Objects.BBox",
  "VideoTagResult.StreamData.Data.Labels",
  "WordsGeneralizeResult.WordsGeneralizeLable",
  "WordsGeneralizeResult.WordsGeneralizeToken",
  "DnaResult.Detection.MatchDetail",
  "VocalScoreResult.PitchScore.SentenceScores",
  "VocalScoreResult.RhythemScore.SentenceScores",
];

/** Rules by their last name, each as the names before it, nearest parent first. */
const RULES_BY_NAME = new Map<string, string[][]>();
for (const rule of REPEATABLE_PATHS) {
  const names = rule.split(".");
  const last = names.pop()!;
  const list = RULES_BY_NAME.get(last) ?? [];
  list.push(names.reverse());
  RULES_BY_NAME.set(last, list);
}

/** True when the element at `path` (root first, the element itself last) is one CI may repeat. */
export function isRepeatablePath(path: readonly string[]): boolean {
  const rules = RULES_BY_NAME.get(path[path.length - 1]!);
  if (!rules) return false;
  next: for (const parents of rules) {
    if (parents.length > path.length - 1) continue;
    for (let i = 0; i < parents.length; i++) if (path[path.length - 2 - i] !== parents[i]) continue next;
    return true;
  }
  return false;
}

/** The element names that are repeatable under some path (for callers that only know a bare name). */
export const REPEATABLE_NAMES: ReadonlySet<string> = new Set(RULES_BY_NAME.keys());
