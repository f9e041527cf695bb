/**
 * Issue 12 item 6: requests taken from the official SDKs' tests and demos (test/conformance/sdk-corpus.ts names the
 * file and function of each) posted through POST /api/jobs to the in-process emulator, and checked as the exact XML
 * the emulator received. The app writes elements in its schema's order (the SDKs each use their own; CI's docs and
 * SDKs disagree on order, so order is not significant to CI: docs/ci-api.md §1.1); values are the SDK's, byte for byte.
 * Then answer samples from the docs, parsed into the job view model (lib/jobs/job-detail-schema.ts readJobDetail).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as jobsRoute from "@/app/api/jobs/route";
import { parseXml, type XmlObject } from "@/lib/ci/xml";
import { readJobDetail } from "@/lib/jobs/job-detail-schema";
import { fixture, type Mutable } from "../fixtures";
import { post, startHarness, type Harness } from "../support/route-harness";
import { SINGLE_JOB_TAG_CASES } from "./corpus";
import { SDK_REQUESTS, type SdkRequest } from "./sdk-corpus";

const WF = "<WorkflowIds>w7476ff3564ee45b7b490d64bccaba6cc</WorkflowIds>";
const TPL = "<JobParam><TemplateId>t1460606b9752148c4ab182f55163ba7cd</TemplateId></JobParam>";
const QUEUE = "<QueueId>p893bcda225bf4945a378da6662e81a89</QueueId>";
const PIC =
  "<JobParam><PicProcess><IsPicInfo>true</IsPicInfo><ProcessRule>imageMogr2/thumbnail/!50p</ProcessRule></PicProcess></JobParam>";

/** The exact body the emulator must receive for each SDK request the app accepts. */
const EXPECTED_XML: Readonly<Record<string, string>> = {
  // No <Type>: sent as the Go example writes it (CI reads it as Workflow, lib/jobs/request-type.ts).
  "go-example-workflow-manifest-no-type":
    "<Request><Name>trigger-7</Name><Input><Manifest>https://test-123456789.cos.ap-chongqing.myqcloud.com/cos_bucket_inventory/123456789/test/menu_instant_20220506171340/20220506/manifest.json</Manifest></Input>" +
    `<Operation><TimeInterval><Start>2002-02-16T10:45:12+0800</Start><End>2022-05-16T10:45:12+0800</End></TimeInterval>${WF}</Operation></Request>`,
  "go-test-transcode-template":
    "<Request><Name>demo</Name><Type>Job</Type><Input><Prefix>input</Prefix></Input><Operation><TimeInterval><Start>2022-02-01T12:00:00+0800</Start><End>2022-05-01T12:00:00+0800</End></TimeInterval>" +
    `<Tag>Transcode</Tag>${TPL}<Output><Region>ap-chongqing</Region><Bucket>test-1234567890</Bucket><Object>output/\${InventoryTriggerJobId}/out.mp4</Object></Output>` +
    `${QUEUE}<UserData>this is my inventorytriggerjob</UserData><JobLevel>1</JobLevel><CallBack>https://www.callback.com</CallBack></Operation></Request>`,
  "go-example-job-by-param":
    "<Request><Name>trigger-42</Name><Type>Job</Type><Input><Prefix>input/</Prefix></Input><Operation><TimeInterval><Start>2002-02-16T10:45:12+0800</Start><End>2023-05-16T10:45:12+0800</End></TimeInterval>" +
    `<Tag>Transcode</Tag>${TPL}<Output><Region>ap-chongqing</Region><Bucket>test-123456789</Bucket><Object>output/\${InputName}_\${InventoryTriggerJobId}.\${ext}</Object></Output>` +
    "<UserData>This is my CreateInventoryTriggerJob</UserData><JobLevel>1</JobLevel></Operation></Request>",
  "python-demo-image-inspect-workflow":
    "<Request><Name>image-inspect-auto-move-batch-process</Name><Type>Workflow</Type><Input><Prefix>/</Prefix></Input><Operation><TimeInterval><Start>2023-05-01T00:00:00+0800</Start><End>2023-06-01T00:00:00+0800</End></TimeInterval>" +
    `${WF}</Operation></Request>`,
  "java-demo-transcode-template": `<Request><Name>demo</Name><Type>Job</Type><Input><Prefix>media/</Prefix></Input><Operation><Tag>Transcode</Tag>${TPL}<Output><Region>ap-chongqing</Region><Bucket>demo-1234567890</Bucket><Object>out/\${InventoryTriggerJobId}.mp4</Object></Output></Operation></Request>`,
  "java-demo-workflow-time-interval": `<Request><Name>workflow-demo</Name><Type>Workflow</Type><Input><Prefix>media/</Prefix></Input><Operation><TimeInterval><Start>2022-02-01T12:00:00+0800</Start><End>2022-05-01T12:00:00+0800</End></TimeInterval>${WF}</Operation></Request>`,
  "java-demo-workflow-manifest": `<Request><Name>workflow-manifest-demo</Name><Type>Workflow</Type><Input><Manifest>manifest.json</Manifest></Input><Operation>${WF}</Operation></Request>`,
  "java-demo-workflow-url-file": `<Request><Name>workflow-urlfile-demo</Name><Type>Workflow</Type><Input><UrlFile>url-list.txt</UrlFile></Input><Operation>${WF}</Operation></Request>`,
  "java-demo-pic-process": `<Request><Name>demo</Name><Type>Job</Type><Input><Prefix>mark1/1</Prefix></Input><Operation><Tag>PicProcess</Tag>${PIC}<Output><Region>ap-chongqing</Region><Bucket>demo-1234567890</Bucket><Object>out/\${InventoryTriggerJobId}</Object></Output></Operation></Request>`,
  "java-demo-speed-transcoding": `<Request><Name>demo-speed-transcoding</Name><Type>Job</Type><Input><Prefix>media/</Prefix></Input><Operation><Tag>Transcode</Tag>${TPL}<Output><Region>ap-chongqing</Region><Bucket>demo-1234567890</Bucket><Object>out/\${InventoryTriggerJobId}.mp4</Object></Output><QueueType>SpeedTranscoding</QueueType></Operation></Request>`,
  "java-demo-kafka-callback":
    `<Request><Name>demo</Name><Type>Job</Type><Input><Prefix>mark1/1</Prefix></Input><Operation><Tag>PicProcess</Tag>${PIC}<Output><Region>ap-chongqing</Region><Bucket>demo-1234567890</Bucket><Object>out/\${InventoryTriggerJobId}</Object></Output>` +
    "<CallBackFormat>json</CallBackFormat><CallBackType>Kafka</CallBackType><CallBackKafkaConfig><Region>ap-chongqing</Region><InstanceId>instance_id</InstanceId><Topic>topic</Topic></CallBackKafkaConfig></Operation></Request>",
  "java-test-queue-user-data":
    `<Request><Name>demo-basic-job</Name><Type>Job</Type><Input><Prefix>media/</Prefix></Input><Operation><Tag>Transcode</Tag>${TPL}<Output><Region>ap-beijing</Region><Bucket>examplebucket-1250000000</Bucket><Object>output/\${InventoryTriggerJobId}.mp4</Object></Output>` +
    `${QUEUE}<UserData>test user data</UserData><JobLevel>0</JobLevel></Operation></Request>`,
  "php-sample-workflow-chinese-name": `<Request><Name>存量触发任务名称</Name><Type>Workflow</Type><Input><Object>test01.png</Object></Input><Operation>${WF}</Operation></Request>`,
  "js-demo-workflow": `<Request><Name>demo</Name><Type>Workflow</Type><Input><Prefix>inputtest</Prefix></Input><Operation><TimeInterval><Start>2022-02-01T12:00:00+0800</Start><End>2022-05-01T12:00:00+0800</End></TimeInterval>${WF}</Operation></Request>`,
  "python-test-image-inspect":
    "<Request><Name>image-inspect-auto-move-batch-process</Name><Type>Job</Type><Input><Object>test.png</Object></Input><Operation><Tag>ImageInspect</Tag><JobParam><ImageInspect><AutoProcess>false</AutoProcess></ImageInspect></JobParam></Operation></Request>",
  "python-demo-image-inspect-backup":
    "<Request><Name>image-inspect-auto-move-batch-process</Name><Type>Job</Type><Input><Prefix>/</Prefix></Input><Operation><TimeInterval><Start>2023-05-01T00:00:00+0800</Start><End>2023-06-01T00:00:00+0800</End></TimeInterval><Tag>ImageInspect</Tag><JobParam><ImageInspect><AutoProcess>true</AutoProcess><ProcessType>BackupObject</ProcessType></ImageInspect></JobParam></Operation></Request>",
  "java-demo-segment-aigc-metadata":
    "<Request><Name>demo</Name><Type>Job</Type><Input><Prefix>media/</Prefix></Input><Operation><Tag>Segment</Tag><JobParam><Segment><Format>mp4</Format><AIGCMetadata><Label>label</Label><ContentProducer>testProducer</ContentProducer><ProduceID>testProduceId</ProduceID><ReservedCode1>dGVzdA==</ReservedCode1><ContentPropagator>testPropagator</ContentPropagator><PropagateID>testPropagateId</PropagateID><ReservedCode2>dGVzdA==</ReservedCode2></AIGCMetadata></Segment></JobParam><Output><Region>ap-chongqing</Region><Bucket>demo-1234567890</Bucket><Object>out/${InventoryTriggerJobId}.mp4</Object></Output></Operation></Request>",
};

/**
 * GAPS — SDK shapes the app refuses on purpose (each with the field its 400 names). Should the app ever accept one,
 * the test below prints a reminder to move it into EXPECTED_XML with its exact body.
 */
const APP_REFUSES_TODAY: Readonly<Record<string, { field: string; why: string }>> = {};

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => h.close());

type Trigger = { xml: string; status: number; jobId: string | null };
const triggers = () => h.admin<Trigger[]>("triggers");
let key = 0;
const send = (body: unknown) =>
  jobsRoute.POST(post("/api/jobs", body, { "idempotency-key": `sdk-conformance-${++key}-${Date.now()}` }));

describe("SDK requests through POST /api/jobs reach the emulator as exactly these bytes", () => {
  it("every SDK request is either checked byte for byte or listed as a gap", () => {
    const listed = new Set([...Object.keys(EXPECTED_XML), ...Object.keys(APP_REFUSES_TODAY)]);
    expect(SDK_REQUESTS.map((s) => s.name).filter((n) => !listed.has(n))).toEqual([]);
    expect(listed.size).toBe(SDK_REQUESTS.length);
  });

  it.each(SDK_REQUESTS.filter((s) => EXPECTED_XML[s.name]).map((s) => [s.name, s] as [string, SdkRequest]))(
    "%s",
    async (name, s) => {
      const res = await send(s.request);
      const body = (await res.json()) as { job?: Record<string, unknown>; error?: unknown };
      expect([res.status, body.error]).toEqual([201, undefined]);
      const last = (await triggers()).at(-1)!;
      expect(last.status).toBe(200);
      expect(last.xml).toBe(EXPECTED_XML[name]);
      // Nothing added, dropped or altered: the received document is the SDK's request, element for element.
      expect(parseXml(last.xml).Request).toEqual(parseXml(`<Request>${toXmlish(s.request)}</Request>`).Request);
      // The emulator's answer reads into the view model without a "details not understood" marker.
      expect(body.job).toMatchObject({ JobId: last.jobId, State: "Submitted", Name: s.request.Name });
      expect(body.job!.detailsProblem).toBeUndefined();
    },
  );

  // Tolerant on purpose: once the app accepts a gap (e.g. after merging tags-flaky) this still checks what reached the
  // emulator and prints a reminder to move the entry into EXPECTED_XML, instead of failing the merge.
  it.each(Object.entries(APP_REFUSES_TODAY))(
    "GAP %s: refused with a 400 naming the field and nothing sent (or, once accepted, sent unaltered)",
    async (name, gap) => {
      const s = SDK_REQUESTS.find((r) => r.name === name)!;
      const before = (await triggers()).length;
      const res = await send(s.request);
      if (res.status === 201) {
        console.info(`GAP ${name} is closed (${gap.why}): move it into EXPECTED_XML with the exact body`);
        const last = (await triggers()).at(-1)!;
        expect(last.status).toBe(200);
        expect(parseXml(last.xml).Request).toEqual(parseXml(`<Request>${toXmlish(s.request)}</Request>`).Request);
        return;
      }
      const body = (await res.json()) as { error: { code: string; fields: { path: string }[] } };
      expect([res.status, body.error.code]).toEqual([400, "ValidationError"]);
      expect(body.error.fields.map((f) => f.path)).toContain(gap.field);
      expect((await triggers()).length).toBe(before);
    },
  );

  it.each([
    ["a bad Name", "java-demo-pic-process", (r: Mutable) => (r.Name = "bad name!"), "Name"],
    ["two input sources", "java-demo-workflow-manifest", (r: Mutable) => (r.Input.Prefix = "media/"), "Input"],
    [
      "QueueType Turbo",
      "java-demo-speed-transcoding",
      (r: Mutable) => (r.Operation.QueueType = "Turbo"),
      "Operation.QueueType",
    ],
    [
      "CallBackFormat yaml",
      "java-demo-kafka-callback",
      (r: Mutable) => (r.Operation.CallBackFormat = "yaml"),
      "Operation.CallBackFormat",
    ],
    [
      "Kafka without its config",
      "java-demo-kafka-callback",
      (r: Mutable) => delete r.Operation.CallBackKafkaConfig,
      "Operation.CallBackKafkaConfig",
    ],
    [
      "PicProcess without ProcessRule",
      "java-demo-pic-process",
      (r: Mutable) => delete r.Operation.JobParam.PicProcess.ProcessRule,
      "Operation.JobParam.PicProcess.ProcessRule",
    ],
    [
      "a bad TimeInterval",
      "js-demo-workflow",
      (r: Mutable) => (r.Operation.TimeInterval.Start = "2022-02-30T12:00:00+0800"),
      "Operation.TimeInterval.Start",
    ],
  ])("a malformed variant (%s) of %s gets a 400 naming %s, nothing sent", async (_label, name, change, field) => {
    const request = structuredClone(SDK_REQUESTS.find((r) => r.name === name)!.request) as Mutable;
    change(request);
    const before = (await triggers()).length;
    const res = await send(request);
    const body = (await res.json()) as { error: { fields: { path: string }[] } };
    expect(res.status).toBe(400);
    expect(body.error.fields.map((f) => f.path)).toContain(field);
    expect((await triggers()).length).toBe(before);
  });

  // Single-job Tags whose blocks only the Go batch struct carries (docs/ci-api.md §4.0 "Checked and not added").
  it.each(SINGLE_JOB_TAG_CASES.map((c) => [c.name, c.request] as const))(
    "%s gets a 400 naming Operation.Tag, nothing sent",
    async (_name, request) => {
      const before = (await triggers()).length;
      const res = await send(request);
      const body = (await res.json()) as { error: { fields: { path: string }[] } };
      expect(res.status).toBe(400);
      expect(body.error.fields.map((f) => f.path)).toContain("Operation.Tag");
      expect((await triggers()).length).toBe(before);
    },
  );
});

/** A JSON request as XML elements in its own key order (only for comparing parsed trees, never sent). */
function toXmlish(node: unknown): string {
  if (typeof node === "string") return node.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return Object.entries(node as Record<string, unknown>)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((item) => `<${k}>${toXmlish(item)}</${k}>`))
    .join("");
}

describe("answer samples from the docs read into the job view model", () => {
  const jobsOf = (xml: string) => {
    const root = parseXml(xml).Response as XmlObject;
    return ((root.JobsDetail ?? []) as unknown[]).map(readJobDetail);
  };

  it("the trigger answers (doc 460/80155 Job type, 436/76888 Workflow type)", () => {
    const [job] = jobsOf(fixture("ci/response-trigger-job.xml"));
    expect(job).toMatchObject({
      JobId: "be8f65004eb8511eaaed4f377124a303c",
      Type: "Job",
      Name: "demo",
      CreationTime: "2022-06-27T15:23:10+0800",
    });
    expect(job!.detailsProblem).toBeUndefined();
    expect((job!.Operation as XmlObject).JobParam).toEqual({ TemplateId: "t1460606b9752148c4ab182f55163ba7cd" });
    const [wf] = jobsOf(fixture("ci/response-trigger-workflow.xml"));
    expect(wf).toMatchObject({ Type: "Workflow" });
    expect(wf!.detailsProblem).toBeUndefined();
  });

  it("the list answer with both types (doc 460/76894) and a single-job list", () => {
    const two = jobsOf(fixture("ci/response-list-two.xml"));
    expect(two.map((j) => [j.JobId, j.Type, j.State, j.StartTime])).toEqual([
      ["b3deffea2f84911ec9cb15254008618d9", "Workflow", "Running", "-"],
      ["be8f65004eb8511eaaed4f377124a303c", "Job", "Running", "2022-06-27T15:23:11+0800"],
    ]);
    expect(two.every((j) => j.detailsProblem === undefined)).toBe(true);
    const one = jobsOf(fixture("ci/response-list-one.xml"));
    expect(one).toHaveLength(1);
    expect(one[0]!.detailsProblem).toBeUndefined();
  });

  it("an unknown job ID answers NonExistJobIds and no job (doc 460/76893)", () => {
    const root = parseXml(fixture("ci/response-get-nonexist.xml")).Response as XmlObject;
    expect(root.NonExistJobIds).toEqual(["b00000000000000000000000000000000"]);
    expect(root.JobsDetail).toBeUndefined();
  });
});
