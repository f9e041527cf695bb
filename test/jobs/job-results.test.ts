/**
 * Issue 12 item 3: result blocks CI echoes back parse the same whether one or many, and the job page finds them.
 * Samples: cos-go-sdk-v5 example/CI/workflow_and_job/jobs.go `JobNotifyCallback` (a finished SuperResolution job
 * with MediaInfo and MediaResult under Operation), and the same blocks under Operation.JobParam as a batch job
 * echoes them (cos-go-sdk-v5 ci_media.go `InventoryTriggerJobOperationJobParam` carries MediaResult and MediaInfo).
 */
import { describe, expect, it } from "vitest";
import { parseXml, type XmlObject } from "@/lib/ci/xml";
import { readJobDetail } from "@/lib/jobs/job-detail-schema";
import { jobResults } from "@/lib/jobs/job-results";
import { fixture } from "../fixtures";

const firstJob = (xml: string) => ((parseXml(xml).Response as XmlObject).JobsDetail as XmlObject[])[0]!;
const goSample = fixture("ci/response-job-results-go-sdk.xml");

/** The Go sample's result blocks moved under Operation.JobParam, with `files` output files and two video streams. */
function batchSample(files: number): string {
  const names = Array.from({ length: files }, (_, i) => `<ObjectName>out/part-${i}.ts</ObjectName>`).join("");
  const md5 = Array.from(
    { length: files },
    (_, i) => `<Md5Info><Md5>m${i}</Md5><ObjectName>out/part-${i}.ts</ObjectName></Md5Info>`,
  ).join("");
  return (
    "<Response><JobsDetail><JobId>b1</JobId><State>Success</State><Type>Job</Type><Operation><Tag>Segment</Tag><JobParam>" +
    "<Segment><Format>ts</Format><Duration>5</Duration></Segment>" +
    `<MediaResult><OutputFile><Bucket>test-123456789</Bucket>${md5}${names}<ObjectPrefix/><Region>ap-chongqing</Region></OutputFile></MediaResult>` +
    "<MediaInfo><Stream><Video><Index>0</Index></Video>" +
    (files > 1 ? "<Video><Index>2</Index></Video>" : "") +
    "<Audio><Index>1</Index></Audio></Stream></MediaInfo>" +
    "</JobParam><Output><Bucket>test-123456789</Bucket><Object>out/part-${number}.ts</Object><Region>ap-chongqing</Region></Output></Operation></JobsDetail></Response>"
  );
}

describe("result blocks: one or many, the same shape", () => {
  it("reads the Go SDK's finished job: one ObjectName, one Md5Info, one Video and Audio stream, all lists", () => {
    const job = readJobDetail(firstJob(goSample));
    expect(job.detailsProblem).toBeUndefined();
    const op = job.Operation as XmlObject;
    const file = (op.MediaResult as XmlObject).OutputFile as XmlObject;
    expect(file.ObjectName).toEqual(["output/super_resolution.mp4"]);
    expect(file.Md5Info).toEqual([
      { Md5: "852883012a6ba726e6ed8d9b984edfdf", ObjectName: "output/super_resolution.mp4" },
    ]);
    const stream = (op.MediaInfo as XmlObject).Stream as XmlObject;
    expect((stream.Video as XmlObject[]).map((v) => v.CodecName)).toEqual(["hevc"]);
    expect((stream.Audio as XmlObject[]).map((a) => a.CodecName)).toEqual(["aac"]);
    expect(stream.Subtitle).toEqual([""]);
  });

  it.each([1, 3])(
    "under Operation.JobParam with %i file(s): lists either way, and the Tag's own parameters untouched",
    (files) => {
      const op = firstJob(batchSample(files)).Operation as XmlObject;
      const jp = op.JobParam as XmlObject;
      expect(((jp.MediaResult as XmlObject).OutputFile as XmlObject).ObjectName).toHaveLength(files);
      expect(((jp.MediaResult as XmlObject).OutputFile as XmlObject).Md5Info).toHaveLength(files);
      expect(((jp.MediaInfo as XmlObject).Stream as XmlObject).Video).toHaveLength(files > 1 ? 2 : 1);
      expect(jp.Segment).toEqual({ Format: "ts", Duration: "5" });
    },
  );

  it("keeps a Transcode's Video and Audio as single blocks next to a MediaInfo's stream lists", () => {
    const xml = batchSample(1).replace(
      "<Segment><Format>ts</Format><Duration>5</Duration></Segment>",
      "<Transcode><Container><Format>mp4</Format></Container><Video><Codec>H.264</Codec></Video><Audio><Codec>aac</Codec></Audio></Transcode>",
    );
    const jp = (firstJob(xml).Operation as XmlObject).JobParam as XmlObject;
    expect(jp.Transcode).toEqual({ Container: { Format: "mp4" }, Video: { Codec: "H.264" }, Audio: { Codec: "aac" } });
  });
});

describe("jobResults: what the job page shows", () => {
  it("finds the Go sample's blocks under Operation and the file it wrote, with its MD5", () => {
    const r = jobResults(firstJob(goSample).Operation as XmlObject);
    expect(r.blocks.map(([name]) => name)).toEqual(["MediaInfo", "MediaResult"]);
    expect(r.files).toEqual([
      {
        bucket: "test-123456789",
        region: "ap-chongqing",
        object: "output/super_resolution.mp4",
        md5: "852883012a6ba726e6ed8d9b984edfdf",
        kind: "output",
      },
    ]);
  });

  it("finds blocks under Operation.JobParam, every file in order, and no Tag parameters", () => {
    const r = jobResults(firstJob(batchSample(3)).Operation as XmlObject);
    expect(r.blocks.map(([name]) => name)).toEqual(["MediaResult", "MediaInfo"]);
    expect(r.files.map((f) => [f.object, f.md5])).toEqual([
      ["out/part-0.ts", "m0"],
      ["out/part-1.ts", "m1"],
      ["out/part-2.ts", "m2"],
    ]);
  });

  it("reads …Result blocks CI adds per Tag, a sprite file, and nothing from a job without results", () => {
    const op = {
      JobParam: {
        ImageInspectResult: { State: "Success", ProcessResult: { Suspicious: "false" } },
        MediaResult: {
          OutputFile: { Bucket: "b", ObjectName: ["a.jpg"], SpriteOutputFile: { Bucket: "b", ObjectName: ["s.jpg"] } },
        },
      },
    };
    const r = jobResults(op);
    expect(r.blocks.map(([n]) => n)).toEqual(["ImageInspectResult", "MediaResult"]);
    expect(r.files.map((f) => `${f.kind}:${f.object}`)).toEqual(["output:a.jpg", "sprite:s.jpg"]);
    expect(jobResults({ Tag: "Transcode", JobParam: { TemplateId: "t1" } })).toEqual({ blocks: [], files: [] });
    expect(jobResults(undefined)).toEqual({ blocks: [], files: [] });
  });
});

describe("per-Tag result blocks: their lists by path too", () => {
  /** A VideoTag batch's JobsDetail with `tags` labels (ci_media.go VideoTagResult.StreamData.Data.Tags is a list). */
  const videoTagJob = (tags: string[]) =>
    "<Response><JobsDetail><JobId>b2</JobId><State>Success</State><Type>Job</Type><Operation><Tag>VideoTag</Tag><JobParam>" +
    "<VideoTag><Scenario>Stream</Scenario></VideoTag><VideoTagResult><StreamData><SubErrCode>0</SubErrCode><Data>" +
    tags.map((t) => `<Tags><Tag>${t}</Tag><TagCls>scene</TagCls><Confidence>0.9</Confidence></Tags>`).join("") +
    "<PersonTags><Name>host</Name><DetailPerSecond><TimeStamp>1</TimeStamp><BBox><X1>1</X1></BBox></DetailPerSecond></PersonTags>" +
    "</Data></StreamData></VideoTagResult></JobParam></Operation></JobsDetail></Response>";

  it.each([[["beach"]], [["beach", "city"]]])("VideoTagResult with %j: Tags, PersonTags, BBox are lists", (tags) => {
    const op = readJobDetail(firstJob(videoTagJob(tags))).Operation as XmlObject;
    const result = (op.JobParam as XmlObject).VideoTagResult as XmlObject;
    const data = (result.StreamData as XmlObject).Data as XmlObject;
    expect((data.Tags as XmlObject[]).map((t) => t.Tag)).toEqual(tags);
    const person = (data.PersonTags as XmlObject[])[0]!;
    expect(person.Name).toBe("host");
    expect((person.DetailPerSecond as XmlObject[])[0]!.BBox).toEqual([{ X1: "1" }]);
    expect((op.JobParam as XmlObject).VideoTag).toEqual({ Scenario: "Stream" });
    expect(jobResults(op).blocks.map(([name]) => name)).toEqual(["VideoTagResult"]);
  });
});
