/** The CI client against a local stub server: what goes on the wire, retries, and how failures are reported. */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCiClient, type CiCallInfo, type CiClient, type CiClientOptions, type CiTarget } from "@/lib/ci/client";
import { CiError } from "@/lib/ci/errors";
import { parseAuthorization } from "@/lib/ci/sign";
import { buildXml } from "@/lib/ci/xml";
import type { TriggerRequest } from "@/lib/jobs/request-schema";
import { fixture, JOB_SAMPLE, WORKFLOW_SAMPLE } from "../fixtures";
import { drop, reply, signatureMatches, startStub, type Stub } from "./support/stub-server";

const SECRET_ID = "AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q";
const SECRET_KEY = "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz";
const TOKEN = "sts-token-0123456789abcdef";
const TARGET: CiTarget = {
  bucket: "examplebucket-1250000000",
  region: "ap-beijing",
  host: "examplebucket-1250000000.ci.ap-beijing.myqcloud.com",
};
const JOB_ID = "b3deffea2f84911ec9cb15254008618d9";
const FIXED_NOW = 1_700_000_000_000;

let stub: Stub;
let client: CiClient;
let calls: CiCallInfo[];
/** Every error and log line any test produced; checked for secrets at the end. */
const seen: string[] = [];

function makeClient(extra: Partial<CiClientOptions> = {}): CiClient {
  return createCiClient({
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    securityToken: TOKEN,
    endpoint: stub.endpoint,
    timeoutMs: 3_000,
    now: () => FIXED_NOW,
    backoff: { baseMs: 1, capMs: 5 },
    onCall: (info) => {
      calls.push(info);
      seen.push(JSON.stringify(info));
    },
    ...extra,
  });
}

async function failure(p: Promise<unknown>): Promise<CiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CiError);
    const err = e as CiError;
    seen.push(err.message, String(err), JSON.stringify(err), err.stack ?? "");
    return err;
  }
  throw new Error("expected the call to fail");
}

beforeAll(async () => {
  stub = await startStub();
});
afterAll(async () => {
  await stub.close();
});
beforeEach(() => {
  calls = [];
  client?.close();
  client = makeClient();
});

describe("the request on the wire", () => {
  it("GET list: Host is the CI host while connecting to the endpoint; only set params; signed", async () => {
    stub.handle((_req, res) => reply(res, 200, fixture("ci/response-list-two.xml")));
    await client.listJobs(TARGET, { size: 10, states: "Running,Success", type: "Job", name: undefined });
    const [rec] = stub.calls;
    expect(rec!.method).toBe("GET");
    expect(rec!.headers.host).toBe(TARGET.host);
    expect(rec!.url).toBe("/inventorytriggerjob?size=10&type=Job&states=Running%2CSuccess");
    const auth = parseAuthorization(String(rec!.headers.authorization));
    expect(auth).toMatchObject({ secretId: SECRET_ID, headerList: ["host"], urlParamList: ["size", "states", "type"] });
    expect(auth!.keyTime).toBe("1699999940;1700000300");
    expect(signatureMatches(rec!, SECRET_KEY)).toBe(true);
    expect(signatureMatches(rec!, "another-key")).toBe(false);
    expect(rec!.headers["x-ci-security-token"]).toBe(TOKEN);
  });

  it("every list filter is sent in CI's spelling", async () => {
    stub.handle((_req, res) => reply(res, 200, "<Response/>"));
    await client.listJobs(TARGET, {
      nextToken: "25",
      size: 5,
      type: "Workflow",
      orderByTime: "Asc",
      states: "Failed",
      startCreationTime: "2022-06-27T00:00:00+0800",
      endCreationTime: "2022-06-28T00:00:00+0800",
      workflowId: "w7476ff3564ee45b7b490d64bccaba6cc",
      jobId: JOB_ID,
      name: "demo",
    });
    const url = new URL(stub.calls[0]!.url, "http://x");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      nextToken: "25",
      size: "5",
      type: "Workflow",
      orderByTime: "Asc",
      states: "Failed",
      startCreationTime: "2022-06-27T00:00:00+0800",
      endCreationTime: "2022-06-28T00:00:00+0800",
      workflowId: "w7476ff3564ee45b7b490d64bccaba6cc",
      jobId: JOB_ID,
      name: "demo",
    });
    expect(stub.calls[0]!.url).toContain("startCreationTime=2022-06-27T00%3A00%3A00%2B0800");
    expect(signatureMatches(stub.calls[0]!, SECRET_KEY)).toBe(true);
  });

  it("POST trigger: the XML body, Content-Type, Content-MD5 and a signature over content-length, content-md5, content-type and host", async () => {
    stub.handle((_req, res) => reply(res, 200, fixture("ci/response-trigger-job.xml")));
    const { job, requestId } = await client.triggerJob(TARGET, JOB_SAMPLE as unknown as TriggerRequest);
    const rec = stub.calls[0]!;
    expect(rec.method).toBe("POST");
    expect(rec.url).toBe("/inventorytriggerjob");
    expect(rec.body).toBe(buildXml("Request", JOB_SAMPLE));
    expect(rec.headers["content-type"]).toBe("application/xml");
    expect(rec.headers["content-length"]).toBe(String(Buffer.byteLength(rec.body)));
    // Content-MD5 is the base64 of the body's MD5 (as the Go SDK sends it), and the signature covers it.
    expect(rec.headers["content-md5"]).toBe(createHash("md5").update(Buffer.from(rec.body, "utf8")).digest("base64"));
    expect(parseAuthorization(String(rec.headers.authorization))!.headerList).toEqual([
      "content-length",
      "content-md5",
      "content-type",
      "host",
    ]);
    expect(signatureMatches(rec, SECRET_KEY)).toBe(true);
    expect(job.JobId).toBe("be8f65004eb8511eaaed4f377124a303c");
    expect(job.State).toBe("Running");
    expect(requestId).toBe("NjJiZDU1ZmZfOTBmYTUwNjRfNzdjY18xYQ==");
  });

  it("PUT cancel: ?cancel signed as cancel=, empty 200 answer, RequestId from the header", async () => {
    stub.handle((_req, res) => {
      res.writeHead(200, { "x-ci-request-id": "cancel-rid", "Content-Length": "0" });
      res.end();
    });
    await expect(client.cancelJob(TARGET, JOB_ID)).resolves.toEqual({ requestId: "cancel-rid" });
    const rec = stub.calls[0]!;
    expect(rec.method).toBe("PUT");
    expect(rec.url).toBe(`/inventorytriggerjob/${JOB_ID}?cancel`);
    expect(parseAuthorization(String(rec.headers.authorization))!.urlParamList).toEqual(["cancel"]);
    expect(signatureMatches(rec, SECRET_KEY)).toBe(true);
  });

  it("no security token header without a token", async () => {
    const plain = makeClient({ securityToken: undefined });
    stub.handle((_req, res) => reply(res, 200, fixture("ci/response-list-one.xml")));
    await plain.listJobs(TARGET, {});
    expect(stub.calls[0]!.headers["x-ci-security-token"]).toBeUndefined();
    expect(stub.calls[0]!.url).toBe("/inventorytriggerjob");
    plain.close();
  });

  it("a job ID that is not one is refused before any request", async () => {
    stub.handle((_req, res) => reply(res, 200, "<Response/>"));
    for (const bad of ["../template", "a/b", "", "x?y", "a".repeat(129)]) {
      const err = await failure(client.getJob(TARGET, bad));
      expect(err.code).toBe("InvalidArgument");
    }
    expect(stub.calls).toHaveLength(0);
  });
});

describe("retries", () => {
  it("GET is retried after 500, SlowDown and a dropped connection, then succeeds", async () => {
    stub.handle((_req, res, n) => {
      if (n === 0) return reply(res, 500, "<Error><Code>InternalError</Code><Message>oops</Message></Error>");
      if (n === 1) return reply(res, 503, fixture("ci/error-slow-down.xml"));
      if (n === 2) return drop(res);
      reply(res, 200, fixture("ci/response-list-one.xml"));
    });
    const { jobs } = await client.listJobs(TARGET, {});
    expect(jobs).toHaveLength(1);
    expect(stub.calls).toHaveLength(4);
    expect(calls.map((c) => [c.attempt, c.status, c.code])).toEqual([
      [0, 500, "InternalError"],
      [1, 503, "SlowDown"],
      [2, 0, "NetworkError"],
      [3, 200, undefined],
    ]);
  });

  it("GET gives up after maxRetries with a retryable CiError", async () => {
    stub.handle((_req, res) => reply(res, 502, "<html>bad gateway</html>", "gw-rid"));
    const err = await failure(client.getJob(TARGET, JOB_ID));
    expect(stub.calls).toHaveLength(4); // 1 + maxRetries (3)
    expect(err).toMatchObject({
      status: 502,
      code: "BadResponse",
      retryable: true,
      outcomeUnknown: false,
      requestId: "gw-rid",
    });
  });

  it("maxRetries is configurable", async () => {
    const once = makeClient({ maxRetries: 1 });
    stub.handle((_req, res) => drop(res));
    const err = await failure(once.listWorkflows(TARGET));
    expect(stub.calls).toHaveLength(2);
    expect(err).toMatchObject({ status: 0, code: "NetworkError", retryable: true });
    once.close();
  });

  it("a 4xx is not retried", async () => {
    stub.handle((_req, res) => reply(res, 403, fixture("ci/error-access-denied.xml"), "header-rid"));
    const err = await failure(client.listJobs(TARGET, {}));
    expect(stub.calls).toHaveLength(1);
    expect(err).toMatchObject({
      status: 403,
      code: "AccessDenied",
      message: "Access Denied.",
      requestId: "NjJiZDU1ZmZfYWNjZXNzZGVuaWVk",
      retryable: false,
      outcomeUnknown: false,
    });
    expect(err.traceId).toMatch(/^OGVmYzZi/);
  });

  it("POST trigger is never retried on 500, and its outcome is unknown", async () => {
    stub.handle((_req, res) =>
      reply(
        res,
        500,
        "<Error><Code>InternalError</Code><Message>try later</Message><RequestId>r500</RequestId></Error>",
      ),
    );
    const err = await failure(client.triggerJob(TARGET, WORKFLOW_SAMPLE as unknown as TriggerRequest));
    expect(stub.calls).toHaveLength(1);
    expect(err).toMatchObject({ status: 500, code: "InternalError", requestId: "r500", outcomeUnknown: true });
  });

  it("POST trigger is never retried after a dropped connection, and its outcome is unknown", async () => {
    stub.handle((_req, res) => drop(res));
    const err = await failure(client.triggerJob(TARGET, WORKFLOW_SAMPLE as unknown as TriggerRequest));
    expect(stub.calls).toHaveLength(1);
    expect(err).toMatchObject({ status: 0, code: "NetworkError", outcomeUnknown: true });
  });

  it("POST trigger answered SlowDown did nothing: not retried, outcome known", async () => {
    stub.handle((_req, res) => reply(res, 503, fixture("ci/error-slow-down.xml")));
    const err = await failure(client.triggerJob(TARGET, WORKFLOW_SAMPLE as unknown as TriggerRequest));
    expect(stub.calls).toHaveLength(1);
    expect(err).toMatchObject({ code: "SlowDown", retryable: true, outcomeUnknown: false });
  });

  it("POST that never reached a server (connection refused): outcome known, retryable", async () => {
    const closed = await startStub();
    const endpoint = closed.endpoint;
    await closed.close();
    const nowhere = makeClient({ endpoint });
    const err = await failure(nowhere.triggerJob(TARGET, WORKFLOW_SAMPLE as unknown as TriggerRequest));
    expect(err).toMatchObject({ status: 0, code: "NetworkError", retryable: true, outcomeUnknown: false });
    nowhere.close();
  });

  it("cancel is retried when the connection drops; a later 'already cancelled' makes the outcome unknown", async () => {
    stub.handle((_req, res, n) => (n === 0 ? drop(res) : res.writeHead(200, { "x-ci-request-id": "ok" }).end()));
    await expect(client.cancelJob(TARGET, JOB_ID)).resolves.toEqual({ requestId: "ok" });
    expect(stub.calls).toHaveLength(2);

    stub.handle((_req, res, n) =>
      n === 0
        ? drop(res)
        : reply(res, 400, "<Error><Code>InvalidArgument</Code><Message>job already finished</Message></Error>"),
    );
    const err = await failure(client.cancelJob(TARGET, JOB_ID));
    expect(stub.calls).toHaveLength(2);
    expect(err).toMatchObject({ status: 400, code: "InvalidArgument", outcomeUnknown: true });
  });

  it("cancel is not retried on 500", async () => {
    stub.handle((_req, res) => reply(res, 500, "<Error><Code>InternalError</Code></Error>"));
    const err = await failure(client.cancelJob(TARGET, JOB_ID));
    expect(stub.calls).toHaveLength(1);
    expect(err).toMatchObject({
      status: 500,
      code: "InternalError",
      outcomeUnknown: true,
      message: "CI answered InternalError (HTTP 500)",
    });
  });
});

describe("failures", () => {
  it("no answer within timeoutMs → Timeout (budget covers the whole call)", async () => {
    const quick = makeClient({ timeoutMs: 250 });
    stub.handle(() => {
      /* never answers */
    });
    const t0 = performance.now();
    const err = await failure(quick.getJob(TARGET, JOB_ID));
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(err).toMatchObject({ status: 0, code: "Timeout", retryable: true, outcomeUnknown: false });
    expect(err.message).toContain("250 ms");
    expect(calls).toHaveLength(1); // the budget is spent: no retry, not even a last-millisecond one
    quick.close();
  });

  it("a trigger that times out has an unknown outcome", async () => {
    const quick = makeClient({ timeoutMs: 250 });
    stub.handle(() => {});
    const err = await failure(quick.triggerJob(TARGET, WORKFLOW_SAMPLE as unknown as TriggerRequest));
    expect(stub.calls).toHaveLength(1);
    expect(err).toMatchObject({ code: "Timeout", outcomeUnknown: true });
    quick.close();
  });

  it("an unparseable 2xx body → BadResponse (a trigger's outcome unknown)", async () => {
    stub.handle((_req, res) => reply(res, 200, "<Response><JobsDetail>", "rid-bad"));
    const read = await failure(client.listJobs(TARGET, {}));
    expect(read).toMatchObject({ status: 200, code: "BadResponse", outcomeUnknown: false, requestId: "rid-bad" });
    const trig = await failure(client.triggerJob(TARGET, WORKFLOW_SAMPLE as unknown as TriggerRequest));
    expect(trig).toMatchObject({ status: 200, code: "BadResponse", outcomeUnknown: true });
  });

  it("a JobsDetail that fails the schema: a list marks that row (issue 12); a trigger → BadResponse naming the field", async () => {
    stub.handle((_req, res) =>
      reply(res, 200, "<Response><JobsDetail><Name>x</Name><State>Running</State></JobsDetail></Response>"),
    );
    const page = await client.listJobs(TARGET, {});
    expect(page.jobs).toHaveLength(1);
    expect(page.jobs[0]).toMatchObject({ Name: "x", State: "Running", JobId: "" });
    expect(page.jobs[0]!.detailsProblem).toContain("JobId");
    const err = await failure(client.triggerJob(TARGET, WORKFLOW_SAMPLE as unknown as TriggerRequest));
    expect(err.code).toBe("BadResponse");
    expect(err.message).toContain("JobsDetail: JobId");
  });

  it("an answer far larger than any CI body → BadResponse, without reading it all", async () => {
    stub.handle((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/xml" });
      const chunk = Buffer.alloc(1024 * 1024, "a");
      for (let i = 0; i < 9; i++) res.write(chunk);
      res.end();
    });
    const err = await failure(client.getJob(TARGET, JOB_ID));
    expect(err).toMatchObject({ code: "BadResponse", retryable: false });
    expect(stub.calls).toHaveLength(1);
  });

  it("a 2xx with another root element → BadResponse", async () => {
    stub.handle((_req, res) => reply(res, 200, "<Error><Code>X</Code></Error>"));
    expect((await failure(client.listJobs(TARGET, {}))).code).toBe("BadResponse");
  });

  it("a trigger answered without JobsDetail → BadResponse, outcome unknown", async () => {
    stub.handle((_req, res) => reply(res, 200, "<Response><RequestId>r</RequestId></Response>"));
    const err = await failure(client.triggerJob(TARGET, WORKFLOW_SAMPLE as unknown as TriggerRequest));
    expect(err).toMatchObject({ code: "BadResponse", outcomeUnknown: true, requestId: "r" });
  });

  it("never lets the secret key, token or Authorization into an error, even when CI echoes them", async () => {
    stub.handle((req, res) =>
      reply(
        res,
        400,
        buildXml("Error", {
          Code: "InvalidAuthorization",
          Message: `bad ${req.headers.authorization} token=${req.headers["x-ci-security-token"]} key=${SECRET_KEY}`,
        }),
      ),
    );
    const err = await failure(client.listJobs(TARGET, {}));
    expect(err.code).toBe("InvalidAuthorization");
    expect(err.message).toContain("[redacted");
    for (const text of [err.message, JSON.stringify(err), String(err)]) {
      expect(text).not.toContain(SECRET_KEY);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain("q-signature");
    }
  });
});

describe("answers", () => {
  it("getJob: a known job, with the raw XML", async () => {
    const xml = fixture("ci/response-trigger-workflow.xml");
    stub.handle((_req, res) => reply(res, 200, xml, "hdr-rid"));
    const { job, requestId, rawXml } = await client.getJob(TARGET, JOB_ID);
    expect(job?.JobId).toBe(JOB_ID);
    expect(job?.Message).toBe("");
    expect(job?.Operation).toEqual({
      TimeInterval: { Start: "2022-02-01T12:00:00+0800", End: "2022-05-01T12:00:00+0800" },
      WorkflowIds: "w7476ff3564ee45b7b490d64bccaba6cc",
    });
    expect(requestId).toBe("hdr-rid"); // no <RequestId> in this body: the header's
    expect(rawXml).toBe(xml);
    expect(stub.calls[0]!.url).toBe(`/inventorytriggerjob/${JOB_ID}`);
  });

  it("getJob: NonExistJobIds → job null", async () => {
    stub.handle((_req, res) => reply(res, 200, fixture("ci/response-get-nonexist.xml")));
    const r = await client.getJob(TARGET, "b00000000000000000000000000000000");
    expect(r.job).toBeNull();
    expect(r.requestId).toBe("Z2V0LW5vbmU=");
  });

  it("getJob: the Go SDK's NonExistJobId spelling also means null; neither element → BadResponse", async () => {
    stub.handle((_req, res) => reply(res, 200, "<Response><NonExistJobId>bx</NonExistJobId></Response>"));
    expect((await client.getJob(TARGET, "bx")).job).toBeNull();
    stub.handle((_req, res) => reply(res, 200, "<Response><RequestId>r</RequestId></Response>"));
    expect((await failure(client.getJob(TARGET, "bx"))).code).toBe("BadResponse");
  });

  it("listJobs: one JobsDetail → array of 1; empty NextToken → null", async () => {
    stub.handle((_req, res) => reply(res, 200, fixture("ci/response-list-one.xml")));
    const r = await client.listJobs(TARGET, {});
    expect(r.jobs.map((j) => j.JobId)).toEqual([JOB_ID]);
    expect(r.nextToken).toBeNull();
    expect(r.requestId).toBe("bGlzdC1vbmU=");
  });

  it("listJobs: two jobs and NextToken 25", async () => {
    stub.handle((_req, res) => reply(res, 200, fixture("ci/response-list-two.xml")));
    const r = await client.listJobs(TARGET, {});
    expect(r.jobs.map((j) => j.Type)).toEqual(["Workflow", "Job"]);
    expect(r.nextToken).toBe("25");
  });

  it("listJobs: no JobsDetail and no NextToken → empty page, null token", async () => {
    stub.handle((_req, res) => reply(res, 200, "<Response><RequestId>r</RequestId></Response>"));
    expect(await client.listJobs(TARGET, {})).toEqual({ jobs: [], nextToken: null, requestId: "r" });
  });

  it("templates → picker items, with tag and paging sent", async () => {
    stub.handle((_req, res) => reply(res, 200, fixture("ci/response-templates.xml")));
    const r = await client.listTemplates(TARGET, { tag: "Snapshot", pageNumber: 2, pageSize: 50 });
    expect(stub.calls[0]!.url).toBe("/template?tag=Snapshot&pageNumber=2&pageSize=50");
    expect(r).toEqual({
      items: [{ id: "t1460606b9752148c4ab182f55163ba7cd", name: "TemplateName", tag: "Snapshot", category: "Custom" }],
      total: 1,
      requestId: "dGVtcGxhdGVz",
    });
  });

  it("queues → picker items with state and category", async () => {
    stub.handle((_req, res) => reply(res, 200, fixture("ci/response-queues.xml")));
    const r = await client.listQueues(TARGET, { category: "CateAll" });
    expect(stub.calls[0]!.url).toBe("/queue?category=CateAll");
    expect(r.items).toEqual([
      { id: "p4a17eeea29334bf499b7e20e2fbfd99d", name: "queue-1", state: "Active", category: "Transcoding" },
      { id: "p893bcda225bf4945a378da6662e81a89", name: "queue-2", state: "Paused", category: "Transcoding" },
    ]);
    expect(r.total).toBe(2);
  });

  it("workflows → picker items", async () => {
    stub.handle((_req, res) => reply(res, 200, fixture("ci/response-workflows.xml")));
    const r = await client.listWorkflows(TARGET);
    expect(stub.calls[0]!.url).toBe("/workflow");
    expect(r.items).toEqual([{ id: "w7476ff3564ee45b7b490d64bccaba6cc", name: "demo", state: "Active" }]);
  });

  it("an empty picker list", async () => {
    stub.handle((_req, res) => reply(res, 200, "<Response><TotalCount>0</TotalCount></Response>"));
    expect(await client.listWorkflows(TARGET)).toEqual({ items: [], total: 0, requestId: "stub-request-id" });
  });
});

describe("secrets", () => {
  it("no error or call log of this file carried the key, the token or an Authorization value", () => {
    expect(seen.length).toBeGreaterThan(20);
    for (const text of seen) {
      expect(text).not.toContain(SECRET_KEY);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toMatch(/q-sign-algorithm|q-signature/);
    }
  });
});
