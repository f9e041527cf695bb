/**
 * Output names of a file's job: the batch's (or workflow node's) Output.Object with CI's variables filled in for
 * that file. Known: `${InventoryTriggerJobId}` (the batch), `${InputName}` (file name without extension),
 * `${InputNameAndExt}`, `${InputPath}` (the key's folder), `${RunId}`, `${ext}` (the Tag's usual extension);
 * `${Number}` stays as written (several outputs).
 */
import type { BatchChild } from "./batch-children";

const EXT: Record<string, string> = {
  Transcode: "mp4",
  Snapshot: "jpg",
  Animation: "gif",
  SmartCover: "jpg",
  SpeechRecognition: "txt",
  PicProcess: "jpg",
  Tts: "mp3",
  NoiseReduction: "wav",
  VoiceSeparate: "mp3",
};

export const basenameOf = (key: string) => key.slice(key.lastIndexOf("/") + 1);

export function resolveOutput(template: string, c: BatchChild, tag: string): string {
  const file = basenameOf(c.key);
  const dot = file.lastIndexOf(".");
  const name = dot > 0 ? file.slice(0, dot) : file;
  const path = c.key.slice(0, c.key.length - file.length).replace(/\/$/, "");
  return template
    .replace(/\$\{InventoryTriggerJobId\}/g, c.batch.jobId)
    .replace(/\$\{InputNameAndExt\}/g, file)
    .replace(/\$\{InputName\}/g, name)
    .replace(/\$\{InputPath\}/g, path)
    .replace(/\$\{RunId\}/g, c.id)
    .replace(/\$\{ext\}/g, EXT[tag] ?? "mp4");
}
