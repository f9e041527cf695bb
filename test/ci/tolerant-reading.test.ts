/**
 * Issue 12 items 3 and 4: an odd JobsDetail never breaks a page, JSON error bodies keep CI's code, and nextToken is
 * opaque (any characters, URL-encoded on the wire, signed as CI decodes it).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCiClient, type CiClient, type CiTarget } from "@/lib/ci/client";
import { CiError } from "@/lib/ci/errors";
import { readJobDetail } from "@/lib/jobs/job-detail-schema";
import { reply, signatureMatches, startStub, type Stub } from "./support/stub-server";

const SECRET_KEY = "tolerant-reading-test-key";
const TARGET: CiTarget = {
  bucket: "examplebucket-1250000000",
  region: "ap-beijing",
  host: "examplebucket-1250000000.ci.ap-beijing.myqcloud.com",
};

let stub: Stub;
let client: CiClient;

beforeAll(async () => {
  stub = await startStub();
});
afterAll(async () => {
  client?.close();
  await stub.close();
});
beforeEach(() => {
  client?.close();
  client = createCiClient({
    secretId: "tolerant-id",
    secretKey: SECRET_KEY,
    endpoint: stub.endpoint,
    timeoutMs: 3_000,
    backoff: { baseMs: 1, capMs: 2 },
  });
});

const GOOD = (id: string) =>
  `<JobsDetail><JobId>${id}</JobId><Name>ok-${id}</Name><State>Success</State><Type>Job</Type>` +
  `<CreationTime>2022-06-27T15:23:10+0800</CreationTime><Input><Prefix>in/</Prefix></Input><Operation><Tag>Transcode</Tag></Operation></JobsDetail>`;

describe("readJobDetail", () => {
  it("returns a job that fits the schema unchanged, without a problem marker", () => {
    const job = readJobDetail({ JobId: "j1", State: "Running", Name: "n", Input: { Prefix: "a/" } });
    expect(job).toEqual({ JobId: "j1", State: "Running", Name: "n", Input: { Prefix: "a/" } });
    expect(job.detailsProblem).toBeUndefined();
  });

  it("keeps what can be read of an odd job and names the element that did not fit", () => {
    const job = readJobDetail({
      JobId: "j2",
      State: "Failed",
      Name: "odd",
      Input: "",
      CreationTime: "2022-06-27T15:23:10+0800",
      Operation: { Tag: "Transcode" },
    });
    expect(job).toMatchObject({
      JobId: "j2",
      State: "Failed",
      Name: "odd",
      CreationTime: "2022-06-27T15:23:10+0800",
      Operation: { Tag: "Transcode" },
    });
    expect(job.Input).toBeUndefined();
    expect(job.detailsProblem).toMatch(/^Input: /);
  });

  it("a job without a State reads as Unknown; without a JobId as an empty id", () => {
    const job = readJobDetail({ Name: ["a", "b"] });
    expect(job.State).toBe("Unknown");
    expect(job.JobId).toBe("");
    expect(job.Name).toBeUndefined();
    expect(job.detailsProblem).toBeTruthy();
  });
});

describe("a list with one malformed job", () => {
  it("renders every other row and marks the odd one (an empty <Input/>)", async () => {
    const odd = `<JobsDetail><JobId>jodd</JobId><Name>odd</Name><State>Running</State><Input/></JobsDetail>`;
    stub.handle((_req, res) =>
      reply(
        res,
        200,
        `<Response><RequestId>r1</RequestId>${GOOD("ja")}${odd}${GOOD("jb")}<NextToken>n1</NextToken></Response>`,
      ),
    );
    const page = await client.listJobs(TARGET, {});
    expect(page.jobs.map((j) => j.JobId)).toEqual(["ja", "jodd", "jb"]);
    expect(page.jobs.map((j) => Boolean(j.detailsProblem))).toEqual([false, true, false]);
    expect(page.jobs[1]).toMatchObject({ Name: "odd", State: "Running" });
    expect(page.nextToken).toBe("n1");
  });

  it("a job detail of an unexpected shape still opens, marked, with the raw XML", async () => {
    const body = `<Response><RequestId>r2</RequestId><JobsDetail><JobId>jodd</JobId><State>Success</State><Operation/></JobsDetail></Response>`;
    stub.handle((_req, res) => reply(res, 200, body));
    const got = await client.getJob(TARGET, "jodd");
    expect(got.job).toMatchObject({ JobId: "jodd", State: "Success" });
    expect(got.job?.detailsProblem).toMatch(/^Operation: /);
    expect(got.rawXml).toBe(body);
  });

  it("a trigger answer without a readable JobId is still a BadResponse with an unknown outcome", async () => {
    stub.handle((_req, res) =>
      reply(res, 200, `<Response><JobsDetail><State>Submitted</State></JobsDetail></Response>`),
    );
    const err = await client
      .triggerJob(TARGET, { Name: "x", Type: "Job", Input: { Prefix: "a/" }, Operation: { Tag: "Transcode" } } as never)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CiError);
    expect((err as CiError).code).toBe("BadResponse");
    expect((err as CiError).outcomeUnknown).toBe(true);
  });
});

describe("JSON error bodies", () => {
  it("keep CI's code, message and request id (the Go SDK's jsonError shape, numeric code)", async () => {
    stub.handle((_req, res) => {
      res.writeHead(403, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ code: 40300, message: "no permission for bucket", request_id: "json-req-1" }));
    });
    const err = (await client.listJobs(TARGET, {}).catch((e: unknown) => e)) as CiError;
    expect(err).toBeInstanceOf(CiError);
    expect(err).toMatchObject({
      status: 403,
      code: "40300",
      message: "no permission for bucket",
      requestId: "json-req-1",
    });
  });

  it("a string code is read as well", async () => {
    stub.handle((_req, res) => {
      res.writeHead(400, { "Content-Type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ code: "InvalidArgument", message: "bad tag", request_id: "json-req-2" }));
    });
    const err = (await client.listJobs(TARGET, {}).catch((e: unknown) => e)) as CiError;
    expect(err).toMatchObject({ code: "InvalidArgument", message: "bad tag", requestId: "json-req-2" });
  });

  it("broken JSON falls back to the status alone", async () => {
    stub.handle((_req, res) => {
      res.writeHead(400, { "Content-Type": "application/json" });
      res.end("{not json");
    });
    const err = (await client.listJobs(TARGET, {}).catch((e: unknown) => e)) as CiError;
    expect(err).toMatchObject({ status: 400, code: "BadResponse" });
  });
});

describe("nextToken is opaque", () => {
  it("any characters reach CI URL-encoded, and the signature covers the decoded value", async () => {
    stub.handle((_req, res) => reply(res, 200, "<Response/>"));
    const token = "a&b=c/+ 中%";
    await client.listJobs(TARGET, { nextToken: token });
    const rec = stub.calls.at(-1)!;
    expect(new URL(rec.url, "http://x").searchParams.get("nextToken")).toBe(token);
    expect(rec.url).not.toContain("&b=c");
    expect(signatureMatches(rec, SECRET_KEY)).toBe(true);
  });
});
