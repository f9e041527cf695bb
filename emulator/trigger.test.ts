/** POST /inventorytriggerjob: both types from the seed's own requests and the doc samples; every refusal. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseXml, type XmlObject } from "@/lib/ci/xml";
import { formatCiTime } from "./model/ci-formats";
import { TAG_NAMES } from "./model/tag-table";
import { DOC_SAMPLE_IDS } from "./seed/catalog";
import type { JobRecord } from "./store/job-record";
import { BUCKET, errorOf, jobsOf, REGION, responseOf, startHarness, T0, type Harness } from "./test-support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const post = (body: string, headers?: Record<string, string>) =>
  h.send({ method: "POST", path: "/inventorytriggerjob", body, headers });
const seedJobs = (): JobRecord[] =>
  [...h.emu.store.bucket(BUCKET, REGION)!.jobs.values()].filter((j) => j.source === "seed");

const DOC_JOB_SAMPLE = `<Request>
  <Name>demo</Name>
  <Type>Job</Type>
  <Input><Prefix>input</Prefix></Input>
  <Operation>
    <TimeInterval>
      <Start>2022-02-01T12:00:00+0800</Start>
      <End>2022-05-01T12:00:00+0800</End>
    </TimeInterval>
    <QueueId>${DOC_SAMPLE_IDS.queueId}</QueueId>
    <UserData>this is my inventorytriggerjob</UserData>
    <CallBack>https://www.callback.com</CallBack>
    <Tag>Transcode</Tag>
    <JobParam>
      <TemplateId>${DOC_SAMPLE_IDS.templateId}</TemplateId>
    </JobParam>
    <Output>
      <Region>ap-chongqing</Region>
      <Bucket>test-1234567890</Bucket>
      <Object>output/\${InventoryTriggerJobId}/out.mp4</Object>
    </Output>
    <JobLevel>0</JobLevel>
  </Operation>
</Request>`;

const workflowXml = (workflowId: string, extra = "<Type>Workflow</Type>") =>
  `<Request><Name>wf-test</Name>${extra}<Input><Prefix>input/</Prefix></Input><Operation><WorkflowIds>${workflowId}</WorkflowIds></Operation></Request>`;

describe("accepted triggers", () => {
  it("creates a Job-type job from the doc sample and answers its JobsDetail", async () => {
    const r = await post(DOC_JOB_SAMPLE);
    expect(r.status).toBe(200);
    expect(responseOf(r).RequestId).toBe(r.headers["x-ci-request-id"]);
    const [d] = jobsOf(r);
    expect(d).toMatchObject({
      Code: "Success",
      Message: "Success",
      Type: "Job",
      Name: "demo",
      State: "Submitted",
      Tag: "Transcode",
      StartTime: "-",
      EndTime: "-",
    });
    expect(d!.JobId).toMatch(/^b[0-9a-f]{32}$/);
    expect(d!.CreationTime).toBe(formatCiTime(new Date(T0), 480));
    expect(d!.CreationTime).toMatch(/\+0800$/);
    expect(d!.Input).toEqual({ Prefix: "input" });
    const op = d!.Operation as XmlObject;
    expect(op.QueueId).toBe(DOC_SAMPLE_IDS.queueId);
    expect((op.Output as XmlObject).Object).toBe("output/${InventoryTriggerJobId}/out.mp4");
    expect((op.JobParam as XmlObject).TemplateId).toBe(DOC_SAMPLE_IDS.templateId);
  });

  it("keeps the raw request XML for the admin API", async () => {
    const r = await post(DOC_JOB_SAMPLE);
    const jobId = String(jobsOf(r)[0]!.JobId);
    const admin = await h.admin("GET", `jobs/${jobId}`);
    expect(admin.json.requestXml).toBe(DOC_JOB_SAMPLE);
    expect(admin.json.source).toBe("trigger");
  });

  it("creates a Workflow-type job for the doc's workflow ID", async () => {
    const r = await post(workflowXml(DOC_SAMPLE_IDS.workflowId));
    expect(r.status).toBe(200);
    const [d] = jobsOf(r);
    expect(d).toMatchObject({ Type: "Workflow", State: "Submitted" });
    expect(d!.Tag).toBeUndefined();
    expect((d!.Operation as XmlObject).WorkflowIds).toBe(DOC_SAMPLE_IDS.workflowId);
  });

  it("treats a request without Type as Workflow (Type is optional there)", async () => {
    const r = await post(workflowXml(DOC_SAMPLE_IDS.workflowId, ""));
    expect(r.status).toBe(200);
    expect(jobsOf(r)[0]!.Type).toBe("Workflow");
  });

  it("re-triggers one seed request of every Tag and a Workflow one", async () => {
    const seeds = seedJobs();
    const active = new Set(
      h.emu.store
        .bucket(BUCKET, REGION)!
        .workflows.filter((w) => w.state === "Active")
        .map((w) => w.workflowId),
    );
    const picks = TAG_NAMES.map((tag) => seeds.find((j) => j.tag === tag)).filter((j): j is JobRecord => !!j);
    expect(picks.length).toBeGreaterThanOrEqual(18);
    picks.push(seeds.find((j) => j.type === "Workflow" && active.has(String(j.operation.WorkflowIds)))!);
    for (const job of picks) {
      const r = await post(job.requestXml);
      expect([job.tag ?? job.type, r.status, errorOf(r).Message ?? ""]).toEqual([job.tag ?? job.type, 200, ""]);
      const d = jobsOf(r)[0]!;
      expect(d.Name).toBe(job.name);
      expect(d.Operation).toEqual(
        parseXml(job.requestXml).Request && (parseXml(job.requestXml).Request as XmlObject).Operation,
      );
    }
  });

  it("logs every trigger body, accepted or not, newest last", async () => {
    await post("<Request><Name>bad name!</Name></Request>");
    const r = await post(workflowXml(DOC_SAMPLE_IDS.workflowId));
    const log = (await h.admin("GET", "triggers")).json as {
      jobId: string | null;
      status: number;
      code?: string;
      xml: string;
    }[];
    const [prev, last] = log.slice(-2);
    expect(prev).toMatchObject({
      jobId: null,
      status: 400,
      code: "InvalidArgument",
      xml: "<Request><Name>bad name!</Name></Request>",
    });
    expect(last).toMatchObject({ jobId: jobsOf(r)[0]!.JobId, status: 200 });
  });
});

describe("refused triggers", () => {
  const job = (op: string, name = "demo", input = "<Prefix>in/</Prefix>") =>
    `<Request><Name>${name}</Name><Type>Job</Type><Input>${input}</Input><Operation>${op}</Operation></Request>`;
  const out =
    "<Output><Region>ap-beijing</Region><Bucket>examplebucket-1250000000</Bucket><Object>o/out.mp4</Object></Output>";

  it.each([
    [
      "a missing Name",
      "<Request><Type>Job</Type><Input><Prefix>a/</Prefix></Input><Operation><Tag>MediaInfo</Tag></Operation></Request>",
      "Request.Name",
    ],
    ["a bad Name", job("<Tag>MediaInfo</Tag>", "bad name!"), "Request.Name"],
    [
      "an unknown Type",
      "<Request><Name>x</Name><Type>Batch</Type><Input><Prefix>a/</Prefix></Input><Operation/></Request>",
      "Request.Type",
    ],
    ["an unknown Tag", job(`<Tag>Transcoding</Tag>${out}`), "Request.Operation.Tag"],
    [
      "a bad output bucket",
      job(
        "<Tag>Transcode</Tag><Output><Region>ap-beijing</Region><Bucket>Bad_Bucket</Bucket><Object>o</Object></Output>",
      ),
      "Request.Operation.Output.Bucket",
    ],
    [
      "two input sources",
      job("<Tag>MediaInfo</Tag>", "demo", "<Prefix>a/</Prefix><Object>b.mp4</Object>"),
      "Request.Input",
    ],
    ["a bad JobLevel", job("<Tag>MediaInfo</Tag><JobLevel>9</JobLevel>"), "Request.Operation.JobLevel"],
    ["a bad workflow ID", workflowXml("not-a-workflow"), "Request.Operation.WorkflowIds"],
    ["an unknown workflow", workflowXml("w" + "0".repeat(32)), "does not exist"],
    ["an element CI does not know", job("<Tag>MediaInfo</Tag><Color>red</Color>"), "Request.Operation"],
    ["a root that is not Request", "<Foo><Name>x</Name></Foo>", "<Request>"],
  ])("400 InvalidArgument for %s, naming the field", async (_label, body, where) => {
    const r = await post(body);
    expect(r.status).toBe(400);
    expect(errorOf(r).Code).toBe("InvalidArgument");
    expect(errorOf(r).Message).toContain(where);
  });

  it("400 InvalidArgument for a Paused workflow", async () => {
    const paused = h.emu.store.bucket(BUCKET, REGION)!.workflows.find((w) => w.state === "Paused")!;
    const r = await post(workflowXml(paused.workflowId));
    expect([r.status, errorOf(r).Code]).toEqual([400, "InvalidArgument"]);
    expect(errorOf(r).Message).toMatch(/Paused/);
  });

  it("400 InvalidContent for XML that is not well-formed", async () => {
    const r = await post("<Request><Name>demo</Name>");
    expect([r.status, errorOf(r).Code]).toEqual([400, "InvalidContent"]);
  });

  it("400 MissingContent for an empty body", async () => {
    const r = await post("");
    expect([r.status, errorOf(r).Code]).toEqual([400, "MissingContent"]);
  });

  it("400 InvalidContentType for a JSON body", async () => {
    const r = await post('{"Name":"x"}', { "Content-Type": "application/json" });
    expect([r.status, errorOf(r).Code]).toEqual([400, "InvalidContentType"]);
  });

  it("400 QueueNotFound and TemplateNotFound for IDs the bucket does not have", async () => {
    const q = await post(
      job(
        `<QueueId>p${"1".repeat(32)}</QueueId><Tag>Transcode</Tag><JobParam><TemplateId>${DOC_SAMPLE_IDS.templateId}</TemplateId></JobParam>${out}`,
      ),
    );
    expect([q.status, errorOf(q).Code]).toEqual([400, "QueueNotFound"]);
    const t = await post(
      job(`<Tag>Transcode</Tag><JobParam><TemplateId>t${"2".repeat(32)}</TemplateId></JobParam>${out}`),
    );
    expect([t.status, errorOf(t).Code]).toEqual([400, "TemplateNotFound"]);
  });

  it("400 InvalidArgument for a template of another Tag", async () => {
    const snap = h.emu.store.bucket(BUCKET, REGION)!.templates.find((t) => t.tag === "Snapshot")!;
    const r = await post(
      job(`<Tag>Transcode</Tag><JobParam><TemplateId>${snap.templateId}</TemplateId></JobParam>${out}`),
    );
    expect([r.status, errorOf(r).Code]).toEqual([400, "InvalidArgument"]);
    expect(errorOf(r).Message).toMatch(/Snapshot template/);
  });

  it("does not create a job for a refused body", async () => {
    const before = h.emu.store.bucket(BUCKET, REGION)!.jobs.size;
    await post(job("<Tag>Nope</Tag>"));
    expect(h.emu.store.bucket(BUCKET, REGION)!.jobs.size).toBe(before);
  });
});
