/** Signature verification: what CI accepts, each 401/403 it answers, and tampering of every signed part. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseXml } from "@/lib/ci/xml";
import { createEmulator } from "./server";
import { BUCKET, CREDS, errorOf, HOST, rawRequest, startHarness, T0, type Harness } from "./test-support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const nowSec = () => Math.floor(h.clock.now / 1000);

describe("accepted signatures", () => {
  it("accepts a list request signed by lib/ci/sign.ts", async () => {
    const r = await h.send({ path: "/inventorytriggerjob", query: { size: "3", type: "Job" } });
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/xml");
    expect(r.headers.server).toBe("tencent-ci");
    expect((r.xml!.Response as { RequestId: string }).RequestId).toBe(r.headers["x-ci-request-id"]);
  });

  it("accepts the signature in q-* query parameters", async () => {
    const r = await h.send({ path: "/inventorytriggerjob", query: { size: "2" }, authInQuery: true });
    expect(r.status).toBe(200);
  });

  it("accepts a key time that starts slightly in the future (clock skew)", async () => {
    const r = await h.send({ path: "/queue", sign: { keyTime: `${nowSec() + 30};${nowSec() + 900}` } });
    expect(r.status).toBe(200);
  });

  it("accepts the Host header with a port suffix", async () => {
    const r = await h.send({ path: "/workflow", host: `${HOST}:443` });
    expect(r.status).toBe(200);
  });

  it("accepts an unsigned bare ?cancel, as CI does for the Python SDK", async () => {
    const job = [...h.emu.store.bucket(BUCKET, "ap-beijing")!.jobs.values()].find(
      (j) => j.timeline.final === "Pause" && !j.override,
    )!;
    const r = await h.send({
      method: "PUT",
      path: `/inventorytriggerjob/${job.jobId}`,
      query: { cancel: null },
      sign: { query: {} },
    });
    expect(r.status).toBe(200);
  });

  it("reproduces the derived CI vector of docs/ci-api.md §2.2 byte for byte", async () => {
    const emu = createEmulator({
      credentials: { secretId: "AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q", secretKey: "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz" },
      buckets: [{ bucket: "examplebucket-1250000000", region: "ap-beijing" }],
      seedCount: 5,
      now: () => 1557990000_000,
    });
    const port = await emu.listen(0);
    try {
      const auth =
        "q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&q-sign-time=1557989753;1557996953&q-key-time=1557989753;1557996953" +
        "&q-header-list=host&q-url-param-list=size;states;type&q-signature=077f90df51c26ff17b37be77b429a56767a2ddf1";
      const r = await rawRequest(port, "GET", "/inventorytriggerjob?size=10&states=Running%2CSuccess&type=Job", {
        Host: HOST,
        Authorization: auth,
      });
      expect(r.status).toBe(200);
      const bad = await rawRequest(port, "GET", "/inventorytriggerjob?size=11&states=Running%2CSuccess&type=Job", {
        Host: HOST,
        Authorization: auth,
      });
      expect(bad.status).toBe(403);
    } finally {
      await emu.close();
    }
  });
});

describe("authentication errors", () => {
  it("401 MissingAuthorization without any signature", async () => {
    const r = await h.send({ path: "/inventorytriggerjob", sign: false });
    expect(r.status).toBe(401);
    expect(errorOf(r).Code).toBe("MissingAuthorization");
  });

  it.each([
    ["garbage", "not-a-signature"],
    [
      "a missing part",
      "q-sign-algorithm=sha1&q-ak=x&q-sign-time=1;2&q-key-time=1;2&q-header-list=host&q-signature=abc",
    ],
    [
      "another algorithm",
      `q-sign-algorithm=md5&q-ak=${CREDS.secretId}&q-sign-time=1;2&q-key-time=1;2&q-header-list=host&q-url-param-list=&q-signature=${"a".repeat(40)}`,
    ],
    [
      "a bad key time",
      `q-sign-algorithm=sha1&q-ak=${CREDS.secretId}&q-sign-time=x;y&q-key-time=x;y&q-header-list=host&q-url-param-list=&q-signature=${"a".repeat(40)}`,
    ],
  ])("401 InvalidAuthorization for %s", async (_label, value) => {
    const r = await h.send({ path: "/inventorytriggerjob", sign: false, headers: { Authorization: value } });
    expect(r.status).toBe(401);
    expect(errorOf(r).Code).toBe("InvalidAuthorization");
  });

  it("401 SecretidNotExist for an unknown q-ak", async () => {
    const r = await h.send({ path: "/inventorytriggerjob", sign: { secretId: "someone-else" } });
    expect(r.status).toBe(401);
    expect(errorOf(r).Code).toBe("SecretidNotExist");
  });

  it("401 SignatureExpired when the key time has ended", async () => {
    const r = await h.send({
      path: "/inventorytriggerjob",
      sign: { keyTime: `${nowSec() - 7200};${nowSec() - 3600}` },
    });
    expect(r.status).toBe(401);
    expect(errorOf(r).Code).toBe("SignatureExpired");
  });

  it("401 SignatureExpired when the key time has not started", async () => {
    const r = await h.send({
      path: "/inventorytriggerjob",
      sign: { keyTime: `${nowSec() + 3600};${nowSec() + 7200}` },
    });
    expect(r.status).toBe(401);
    expect(errorOf(r).Code).toBe("SignatureExpired");
  });

  it("403 AccessDenied for a wrong secret key", async () => {
    const r = await h.send({ path: "/inventorytriggerjob", sign: { secretKey: "wrong" } });
    expect(r.status).toBe(403);
    expect(errorOf(r).Code).toBe("AccessDenied");
    expect(h.emu.stats.snapshot().recentAuthFailures.at(-1)?.expectedHttpString).toContain(
      "get\\n/inventorytriggerjob",
    );
  });

  it("403 AccessDenied when host is not signed", async () => {
    const r = await h.send({ path: "/inventorytriggerjob", sign: { signHeaders: [] } });
    expect(r.status).toBe(403);
    expect(errorOf(r).Message).toMatch(/host/);
  });

  it("writes CI's error document: declaration, Code, Message, RequestId = header, TraceId", async () => {
    const r = await h.send({ path: "/inventorytriggerjob", sign: false });
    expect(r.text.startsWith("<?xml version='1.0' encoding='utf-8' ?>")).toBe(true);
    const e = errorOf(r);
    expect(e.RequestId).toBe(r.headers["x-ci-request-id"]);
    expect(e.TraceId).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(e.Message).toBeTruthy();
  });
});

describe("tampered requests are rejected with 403 AccessDenied", () => {
  const cases: [string, Parameters<Harness["send"]>[0]][] = [
    ["a changed query value", { path: "/inventorytriggerjob", query: { size: "20" }, sign: { query: { size: "10" } } }],
    [
      "an added unsigned parameter",
      { path: "/inventorytriggerjob", query: { size: "10", states: "Failed" }, sign: { query: { size: "10" } } },
    ],
    ["a signed parameter not sent", { path: "/inventorytriggerjob", query: {}, sign: { query: { size: "10" } } }],
    [
      "a changed path",
      {
        path: "/inventorytriggerjob/b0000000000000000000000000000000b",
        sign: { path: "/inventorytriggerjob/b0000000000000000000000000000000a" },
      },
    ],
    ["a changed method", { method: "GET", path: "/inventorytriggerjob", sign: { method: "POST" } }],
    [
      "a changed host",
      {
        path: "/inventorytriggerjob",
        sign: { headerValues: { host: "otherbucket-1250000000.ci.ap-beijing.myqcloud.com" } },
      },
    ],
    [
      "a signed header that is missing",
      { path: "/inventorytriggerjob", sign: { signHeaders: ["host", "x-ci-security-token"] } },
    ],
  ];
  it.each(cases)("%s", async (_label, opts) => {
    const r = await h.send(opts);
    expect(r.status).toBe(403);
    expect(errorOf(r).Code).toBe("AccessDenied");
  });

  it("a changed body length (content-length is signed)", async () => {
    const body = "<Request><Name>demo</Name></Request>";
    const r = await h.send({
      method: "POST",
      path: "/inventorytriggerjob",
      body: body + " ",
      sign: { headerValues: { "content-length": String(body.length) } },
    });
    expect(r.status).toBe(403);
    expect(errorOf(r).Code).toBe("AccessDenied");
  });
});

describe("hosts and buckets", () => {
  it("400 InvalidHost for a host that is not a bucket's CI host", async () => {
    const r = await h.send({ path: "/inventorytriggerjob", host: "127.0.0.1:9100" });
    expect(r.status).toBe(400);
    expect(errorOf(r).Code).toBe("InvalidHost");
  });

  it("400 MediaBucketUnBinded for a bucket the emulator does not serve", async () => {
    const r = await h.send({ path: "/inventorytriggerjob", host: "otherbucket-1250000000.ci.ap-beijing.myqcloud.com" });
    expect(r.status).toBe(400);
    expect(errorOf(r).Code).toBe("MediaBucketUnBinded");
  });

  it("treats a configured bucket asked for in another region as not bound", async () => {
    const r = await h.send({ path: "/inventorytriggerjob", host: `${BUCKET}.ci.ap-guangzhou.myqcloud.com` });
    expect(errorOf(r).Code).toBe("MediaBucketUnBinded");
  });

  it("404 InvalidUrl for a path it does not serve, 405 for a wrong method", async () => {
    const a = await h.send({ path: "/mediabucket" }); // a CI endpoint the emulator does not serve (/jobs now is)
    expect([a.status, errorOf(a).Code]).toEqual([404, "InvalidUrl"]);
    const b = await h.send({ method: "DELETE", path: "/inventorytriggerjob" });
    expect([b.status, errorOf(b).Code]).toEqual([405, "MethodNotAllowed"]);
  });

  it("400 InvalidContent when Content-MD5 does not match the body", async () => {
    const body = "<Request><Name>x</Name></Request>";
    const r = await h.send({
      method: "POST",
      path: "/inventorytriggerjob",
      body,
      headers: { "Content-MD5": "AAAAAAAAAAAAAAAAAAAAAA==" },
    });
    expect(errorOf(r).Code).toBe("InvalidContent");
  });

  it("accepts an absolute-form request target (the emulator used as an HTTP proxy)", async () => {
    const start = Math.floor(T0 / 1000) - 1;
    const { signParts } = await import("@/lib/ci/sign");
    const auth = signParts({
      method: "GET",
      path: "/queue",
      headers: { host: HOST },
      secretId: CREDS.secretId,
      secretKey: CREDS.secretKey,
      keyTime: `${start};${start + 60}`,
    }).authorization;
    const r = await rawRequest(h.port, "GET", `http://${HOST}/queue`, { Host: HOST, Authorization: auth });
    expect(r.status).toBe(200);
    expect(parseXml(r.text).Response).toBeTruthy();
  });
});
