/** The one-level-down CI reads and the COS client against a local stub: wire form, signature, tolerant reading. */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCiClient, type CiClient, type CiTarget } from "@/lib/ci/client";
import { cosObjectUrl, createCosClient, readListBucketResult, type CosClient } from "@/lib/ci/cos-client";
import { collectOutputs } from "@/lib/ci/batch-file-reads";
import { reply, signatureMatches, startStub, type Stub } from "./support/stub-server";

const SECRET_ID = "test-id-batch-files";
const SECRET_KEY = "test-key-batch-files";
const TARGET: CiTarget = {
  bucket: "examplebucket-1250000000",
  region: "ap-beijing",
  host: "examplebucket-1250000000.ci.ap-beijing.myqcloud.com",
};
const COS = { bucket: "examplebucket-1250000000", region: "ap-beijing" };

let stub: Stub;
let ci: CiClient;
let cos: CosClient;

beforeAll(async () => {
  stub = await startStub();
  const opts = {
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    securityToken: "tok-123456",
    endpoint: stub.endpoint,
    timeoutMs: 3_000,
    maxRetries: 0,
  };
  ci = createCiClient(opts);
  cos = createCosClient(opts);
});
afterAll(async () => {
  ci.close();
  cos.close();
  await stub.close();
});

// The doc's sample (docs/ci-api.md §8.1), plus an entry without RunId and one as bare text.
const EXECUTIONS = `<Response><RequestId>req-1</RequestId>
<WorkflowExecutionList><RunId>i166ee19017b011eda8a5525400c540df</RunId><WorkflowId>web6ac56c1ef54dbfa44d7f4103203be9</WorkflowId>
<Object>wk-test/game.mp4</Object><CreateTime>2022-08-09T14:54:17+08:00</CreateTime><State>Success</State></WorkflowExecutionList>
<WorkflowExecutionList><WorkflowId>web6ac56c1ef54dbfa44d7f4103203be9</WorkflowId><State>Failed</State></WorkflowExecutionList>
<WorkflowExecutionList>odd</WorkflowExecutionList>
<WorkflowExecutionList><RunId>i2</RunId><Object>a b+c&amp;中.mp4</Object><CreationTime>2022-08-09T14:55:00+0800</CreationTime><State>Failed</State></WorkflowExecutionList>
<NextToken>115716</NextToken></Response>`;

describe("CI reads one level down", () => {
  it("lists workflow instances with the query CI documents, signed, and skips unreadable entries with a count", async () => {
    stub.handle((req, res) => reply(res, 200, EXECUTIONS));
    const page = await ci.listWorkflowExecutions(TARGET, {
      workflowId: "web6ac",
      jobId: "b123",
      size: 100,
      states: "Failed,Running",
      orderByTime: "Asc",
      startCreationTime: "2022-08-09T14:54:17+0000",
    });
    const call = stub.calls[0]!;
    expect(call.method).toBe("GET");
    const url = new URL(call.url, "http://x");
    expect(url.pathname).toBe("/workflowexecution");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      workflowId: "web6ac",
      jobId: "b123",
      size: "100",
      states: "Failed,Running",
      orderByTime: "Asc",
      startCreationTime: "2022-08-09T14:54:17+0000",
    });
    expect(call.headers.host).toBe(TARGET.host);
    expect(signatureMatches(call, SECRET_KEY)).toBe(true);
    expect(page.items.map((i) => i.runId)).toEqual(["i166ee19017b011eda8a5525400c540df", "i2"]);
    expect(page.items[1]).toMatchObject({
      object: "a b+c&中.mp4",
      createTime: "2022-08-09T14:55:00+0800",
      state: "Failed",
    });
    expect(page.skipped).toBe(2);
    expect(page.nextToken).toBe("115716");
  });

  it("reads one instance with its tasks, errors and outputs", async () => {
    stub.handle((req, res) =>
      reply(
        res,
        200,
        `<Response><RequestId>r</RequestId><WorkflowExecution><RunId>i9</RunId><WorkflowId>w1</WorkflowId><WorkflowName>demo</WorkflowName><State>Failed</State><CreateTime>2022-08-09T14:54:17+08:00</CreateTime><Object>in.mp4</Object>
        <Tasks><Type>Transcode</Type><State>Success</State><JobId>j1</JobId><TemplateId>t1</TemplateId><MediaResult><OutputFile><Bucket>b</Bucket><ObjectName>out/in.mp4</ObjectName></OutputFile></MediaResult></Tasks>
        <Tasks><Type>Snapshot</Type><State>Failed</State><Code>ResourceNotSupported</Code><Message>no video</Message></Tasks></WorkflowExecution></Response>`,
      ),
    );
    const { execution } = await ci.getWorkflowExecution(TARGET, "i9");
    expect(new URL(stub.calls[0]!.url, "http://x").pathname).toBe("/workflowexecution/i9");
    expect(execution!.workflowName).toBe("demo");
    expect(execution!.tasks).toHaveLength(2);
    expect(execution!.tasks[0]!.outputs).toEqual(["out/in.mp4"]);
    expect(execution!.tasks[1]).toMatchObject({ state: "Failed", code: "ResourceNotSupported", message: "no video" });
    await expect(ci.getWorkflowExecution(TARGET, "../x")).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("lists media jobs of a batch (DescribeMediaJobs) and keeps an odd JobsDetail, marked", async () => {
    stub.handle((req, res) =>
      reply(
        res,
        200,
        `<Response><RequestId>r</RequestId><JobsDetail><JobId>j1</JobId><State>Failed</State><Code>ResourceNotFound</Code><Message>gone</Message><Input><Object>x.mp4</Object></Input></JobsDetail><JobsDetail><JobId>j2</JobId><State><Odd>1</Odd></State></JobsDetail><JobsDetail><State>Success</State></JobsDetail></Response>`,
      ),
    );
    const page = await ci.listMediaJobs(TARGET, {
      tag: "Transcode",
      inventoryTriggerJobId: "b1",
      states: "Failed",
      size: 100,
    });
    const url = new URL(stub.calls[0]!.url, "http://x");
    expect(url.pathname).toBe("/jobs");
    expect(url.searchParams.get("inventoryTriggerJobId")).toBe("b1");
    expect(url.searchParams.get("tag")).toBe("Transcode");
    expect(page.items.map((j) => j.JobId)).toEqual(["j1", "j2"]);
    expect(page.items[1]!.detailsProblem).toBeTruthy();
    expect(page.skipped).toBe(1);
    expect(page.nextToken).toBeNull();
  });

  it("finds output keys only inside output blocks", () => {
    expect(
      collectOutputs({
        Input: { Object: "in.mp4" },
        Output: { Bucket: "b", Object: "out.mp4" },
        MediaResult: { OutputFile: { ObjectName: "o2.mp4" } },
      }),
    ).toEqual(["out.mp4", "o2.mp4"]);
  });
});

describe("COS client", () => {
  it("lists with encoding-type=url on the COS host and decodes keys", async () => {
    stub.handle((req, res) =>
      reply(
        res,
        200,
        `<ListBucketResult><Name>examplebucket-1250000000</Name><EncodingType>url</EncodingType><Prefix>a%2F</Prefix><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated><NextMarker>a/%E4%B8%AD%20x%2By%26z.mp4</NextMarker>
        <Contents><Key>a/%E4%B8%AD%20x%2By%26z.mp4</Key><LastModified>2019-05-24T10:56:40.000Z</LastModified><Size>100</Size></Contents>
        <Contents><Key>a/bad%E4</Key><Size>1</Size></Contents><Contents><Key>a/neg</Key><Size>-1</Size></Contents></ListBucketResult>`,
      ),
    );
    const page = await cos.listObjects(COS, { prefix: "a/", maxKeys: 2 });
    const call = stub.calls[0]!;
    expect(call.headers.host).toBe("examplebucket-1250000000.cos.ap-beijing.myqcloud.com");
    expect(call.headers["x-cos-security-token"]).toBe("tok-123456");
    const url = new URL(call.url, "http://x");
    expect(Object.fromEntries(url.searchParams)).toEqual({ prefix: "a/", "max-keys": "2", "encoding-type": "url" });
    expect(signatureMatches(call, SECRET_KEY)).toBe(true);
    expect(page.objects).toEqual([{ key: "a/中 x+y&z.mp4", size: 100, lastModified: "2019-05-24T10:56:40.000Z" }]);
    expect(page.skipped).toBe(2);
    expect(page.nextMarker).toBe("a/中 x+y&z.mp4");
  });

  it("puts an object with a signed Content-MD5 and reads one within a byte bound", async () => {
    stub.handle((req, res) => {
      if (req.method === "PUT") return res.writeHead(200, { ETag: '"abc"' }).end();
      res.writeHead(206, { "Content-Range": "bytes 0-3/10" }).end("0123");
    });
    await cos.putObject(COS, "lists/a b.txt", "line\n");
    const put = stub.calls[0]!;
    expect(put.url).toBe("/lists/a%20b.txt");
    expect(put.headers["content-md5"]).toBe(createHash("md5").update("line\n").digest("base64"));
    expect(put.body).toBe("line\n");
    expect(parseSigned(put.headers.authorization as string)).toContain("content-md5");
    expect(signatureMatches(put, SECRET_KEY)).toBe(true);
    const got = await cos.getObject(COS, "lists/a b.txt", { maxBytes: 4 });
    expect(stub.calls[1]!.headers.range).toBe("bytes=0-3");
    expect(got).toMatchObject({ body: "0123", truncated: true, size: 10 });
  });

  it("says an object does not exist on 404", async () => {
    stub.handle((req, res) => res.writeHead(404).end());
    expect((await cos.headObject(COS, "nope")).exists).toBe(false);
    expect(await cos.getObject(COS, "nope", { maxBytes: 10 })).toBeNull();
  });

  it("writes object URLs as COS serves them", () => {
    expect(cosObjectUrl(COS, "a/中 x+y&z.mp4")).toBe(
      "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/a/%E4%B8%AD%20x%2By%26z.mp4",
    );
    expect(
      readListBucketResult({
        status: 200,
        headers: {},
        body: "<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>",
      }).objects,
    ).toEqual([]);
  });
});

const parseSigned = (auth: string) => /q-header-list=([^&]*)/.exec(auth)?.[1] ?? "";
