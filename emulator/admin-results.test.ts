/**
 * `POST /__emulator/jobs/<id>/results`: result blocks attached to a Job-type batch come back in its JobsDetail under
 * `Operation.JobParam` (DescribeJob and the list), in the Go SDK struct's element order, and the body is checked
 * against the emulator's own model of `InventoryTriggerJobOperationJobParam`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import goShape from "./model/data/go-sdk-job-param.json";
import { RESULT_BLOCKS } from "./admin-results";
import { BUCKET, jobsOf, REGION, startHarness, T0, type Harness } from "./test-support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const SNAPSHOT_PARAM =
  "<JobParam><Snapshot><Mode>Interval</Mode><Count>3</Count><SnapshotOutMode>SnapshotAndSprite</SnapshotOutMode>" +
  "<SpriteSnapshotConfig><CellWidth>320</CellWidth><CellHeight>180</CellHeight><Color>White</Color><Columns>2</Columns><Lines>2</Lines></SpriteSnapshotConfig>" +
  "</Snapshot></JobParam>";
const OUTPUT =
  "<Output><Region>ap-beijing</Region><Bucket>examplebucket-1250000000</Bucket><Object>snap/${InventoryTriggerJobId}-${Number}.jpg</Object><SpriteObject>snap/sprite-${Number}.jpg</SpriteObject></Output>";
const TRIGGER = `<Request><Name>results-test</Name><Type>Job</Type><Input><Prefix>media/small/</Prefix></Input><Operation><Tag>Snapshot</Tag>${SNAPSHOT_PARAM}${OUTPUT}</Operation></Request>`;

/** A finished Snapshot batch (triggered at T0, forced to Success 5 s later). */
async function finishedSnapshotJob(): Promise<string> {
  h.clock.now = T0;
  const t = await h.send({ method: "POST", path: "/inventorytriggerjob", body: TRIGGER });
  expect(t.status).toBe(200);
  const jobId = jobsOf(t)[0]!.JobId as string;
  h.clock.now = T0 + 5000;
  expect((await h.admin("POST", `jobs/${jobId}/state`, { State: "Success" })).status).toBe(200);
  return jobId;
}

/** Keys deliberately out of the struct's order: the emulator writes Bucket, Md5Info, ObjectName, …, Region. */
const RESULTS = {
  MediaResult: {
    OutputFile: {
      SpriteOutputFile: {
        ObjectName: "snap/sprite-0.jpg",
        Md5Info: { ObjectName: "snap/sprite-0.jpg", Md5: "c3" },
        Bucket: "examplebucket-1250000000",
      },
      Region: "ap-beijing",
      ObjectName: ["snap/frame-0.jpg", "snap/frame-1.jpg"],
      Md5Info: [
        { ObjectName: "snap/frame-0.jpg", Md5: "a1" },
        { Md5: "b2", ObjectName: "snap/frame-1.jpg" },
      ],
      Bucket: "examplebucket-1250000000",
    },
  },
  // Inside MediaInfo.Stream.Video the Go shape names no children (an anonymous struct): written as given.
  MediaInfo: { Stream: { Video: [{ Index: "0", CodecName: "h264" }] }, Format: { Duration: "12.5" } },
};
const RESULTS_XML =
  "<MediaResult><OutputFile><Bucket>examplebucket-1250000000</Bucket>" +
  "<Md5Info><Md5>a1</Md5><ObjectName>snap/frame-0.jpg</ObjectName></Md5Info>" +
  "<Md5Info><Md5>b2</Md5><ObjectName>snap/frame-1.jpg</ObjectName></Md5Info>" +
  "<ObjectName>snap/frame-0.jpg</ObjectName><ObjectName>snap/frame-1.jpg</ObjectName><Region>ap-beijing</Region>" +
  "<SpriteOutputFile><Bucket>examplebucket-1250000000</Bucket><Md5Info><Md5>c3</Md5><ObjectName>snap/sprite-0.jpg</ObjectName></Md5Info>" +
  "<ObjectName>snap/sprite-0.jpg</ObjectName></SpriteOutputFile></OutputFile></MediaResult>" +
  "<MediaInfo><Format><Duration>12.5</Duration></Format><Stream><Video><Index>0</Index><CodecName>h264</CodecName></Video></Stream></MediaInfo>";

describe("attached results are echoed under Operation.JobParam", () => {
  it("DescribeJob answers exactly this XML: the Tag's parameters, then the result blocks", async () => {
    const jobId = await finishedSnapshotJob();
    const attached = await h.admin("POST", `jobs/${jobId}/results`, RESULTS);
    expect(attached.status).toBe(200);
    const r = await h.send({ path: `/inventorytriggerjob/${jobId}` });
    expect(r.status).toBe(200);
    const requestId = r.headers["x-ci-request-id"];
    expect(r.text).toBe(
      `<Response><RequestId>${requestId}</RequestId><JobsDetail><Code>Success</Code><Type>Job</Type><Message></Message>` +
        `<Name>results-test</Name><JobId>${jobId}</JobId><State>Success</State>` +
        "<CreationTime>2026-11-20T10:00:00+0800</CreationTime><StartTime>2026-11-20T10:00:01+0800</StartTime>" +
        "<EndTime>2026-11-20T10:00:02+0800</EndTime><Progress>100</Progress><Tag>Snapshot</Tag>" +
        "<Input><Prefix>media/small/</Prefix></Input><Operation><Tag>Snapshot</Tag>" +
        `${SNAPSHOT_PARAM.replace("</JobParam>", `${RESULTS_XML}</JobParam>`)}${OUTPUT}</Operation></JobsDetail></Response>`,
    );
  });

  it("the list echoes them too; the job's request as received stays untouched; {} clears them", async () => {
    const jobId = await finishedSnapshotJob();
    await h.admin("POST", `jobs/${jobId}/results`, RESULTS);
    const list = await h.send({ path: "/inventorytriggerjob", query: { jobId } });
    expect(list.text).toContain(`${RESULTS_XML}</JobParam>`);
    expect((await h.admin("GET", `jobs/${jobId}`)).json.requestXml).toBe(TRIGGER);
    expect((await h.admin("POST", `jobs/${jobId}/results`, {})).status).toBe(200);
    const after = await h.send({ path: `/inventorytriggerjob/${jobId}` });
    expect(after.text).toContain(`<Tag>Snapshot</Tag>${SNAPSHOT_PARAM}${OUTPUT}</Operation>`);
  });

  it("a job sent without JobParam gets one, right after its Tag", async () => {
    const t = await h.send({
      method: "POST",
      path: "/inventorytriggerjob",
      body: "<Request><Name>info</Name><Type>Job</Type><Input><Object>media/one/keynote-1.mp4</Object></Input><Operation><Tag>MediaInfo</Tag><UserData>u</UserData></Operation></Request>",
    });
    const jobId = jobsOf(t)[0]!.JobId as string;
    await h.admin("POST", `jobs/${jobId}/results`, { MediaInfo: { Format: { Duration: "1.0" } } });
    const r = await h.send({ path: `/inventorytriggerjob/${jobId}` });
    expect(r.text).toContain(
      "<Operation><Tag>MediaInfo</Tag><JobParam><MediaInfo><Format><Duration>1.0</Duration></Format></MediaInfo></JobParam><UserData>u</UserData></Operation>",
    );
  });
});

describe("the admin body is checked strictly", () => {
  it.each([
    [{ SnapshotResult: {} }, /^SnapshotResult: not a result block CI echoes under JobParam/],
    [{ MediaResult: { OutputFile: { Colour: "x" } } }, /^MediaResult\.OutputFile\.Colour: not an element of/],
    [{ MediaResult: { OutputFile: { Bucket: ["a", "b"] } } }, /^MediaResult\.OutputFile\.Bucket: not repeatable/],
    [{ MediaResult: { OutputFile: { ObjectName: [] } } }, /^MediaResult\.OutputFile\.ObjectName: a list of 1 to/],
    [{ MediaResult: { OutputFile: { ObjectName: ["a", 7] } } }, /^MediaResult\.OutputFile\.ObjectName\[1\]: a text/],
    [{ MediaResult: { OutputFile: { Md5Info: [{ Sha1: "x" }] } } }, /^MediaResult\.OutputFile\.Md5Info\[0\]\.Sha1:/],
    [{ MediaResult: "done" }, /^MediaResult: an object of child elements/],
    [{ MediaInfo: { Stream: { Video: { "bad name": "x" } } } }, /^MediaInfo\.Stream\.Video\.bad name: not an XML/],
    [["MediaResult"], /^body: an object of result blocks/],
  ])("%j → 400 naming the field", async (body, message) => {
    const jobId = await finishedSnapshotJob();
    const r = await h.admin("POST", `jobs/${jobId}/results`, body);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(message);
    expect((await h.send({ path: `/inventorytriggerjob/${jobId}` })).text).not.toContain("Result>");
  });

  it("a Workflow batch → 409 (its Operation has no JobParam); an unknown job → 404", async () => {
    const workflowJob = [...h.emu.store.bucket(BUCKET, REGION)!.jobs.values()].find((j) => j.type === "Workflow")!;
    const r = await h.admin("POST", `jobs/${workflowJob.jobId}/results`, RESULTS);
    expect(r.status).toBe(409);
    expect(r.json.error).toContain("Workflow batch");
    expect((await h.admin("POST", "jobs/bnope/results", RESULTS)).status).toBe(404);
  });
});

it("the result blocks are exactly the Go SDK JobParam fields named MediaResult, MediaInfo or …Result", () => {
  const tops = goShape.elements.map((e) => e.path).filter((p) => !p.includes("."));
  expect(RESULT_BLOCKS.map((b) => b.name)).toEqual(tops.filter((n) => /^Media(Result|Info)$|Result$/.test(n)));
});
