/**
 * The official Node SDK (cos-nodejs-sdk-v5) as an independent oracle: what it signs, the emulator accepts; a changed
 * request is refused. `cos.request` reaches the emulator through the SDK's `Ip` option (URL host kept as Host header).
 */
import COS from "cos-nodejs-sdk-v5";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { camSafeUrlEncode } from "@/lib/ci/sign";
import { parseXml } from "@/lib/ci/xml";
import { BUCKET, CREDS, errorOf, HOST, rawRequest, REGION, startHarness, type Harness } from "./test-support/harness";

let h: Harness;
let cos: COS;
beforeAll(async () => {
  // The SDK signs with the wall clock, so this emulator uses it too.
  h = await startHarness({ now: Date.now });
  cos = new COS({ SecretId: CREDS.secretId, SecretKey: CREDS.secretKey, Protocol: "http:", Ip: `127.0.0.1:${h.port}` });
});
afterAll(() => h.close());

const url = (path: string) => `http://${HOST}${path}`;

/** RawBody keeps the XML text, so the assertions read what went over the wire. */
function request(params: COS.RequestParams): Promise<{ err: COS.CosError | null; data: COS.RequestResult | null }> {
  return new Promise((resolve) =>
    cos.request({ ...params, RawBody: true }, (err, data) => resolve({ err: err ?? null, data: data ?? null })),
  );
}

describe("COS.getAuthorization", () => {
  it("signs a list request the emulator accepts", async () => {
    const query = { size: "5", states: "Running,Success", type: "Job" };
    const auth = COS.getAuthorization({
      SecretId: CREDS.secretId,
      SecretKey: CREDS.secretKey,
      Method: "GET",
      Pathname: "/inventorytriggerjob",
      Query: query,
      Headers: { Host: HOST },
    });
    const r = await rawRequest(h.port, "GET", "/inventorytriggerjob?size=5&states=Running%2CSuccess&type=Job", {
      Host: HOST,
      Authorization: auth,
    });
    expect(r.status).toBe(200);
  });

  it("signs a cancel (?cancel signed as cancel=) the emulator accepts", async () => {
    const job = [...h.emu.store.bucket(BUCKET, REGION)!.jobs.values()].find(
      (j) => j.timeline.final === "Pause" && !j.override,
    )!;
    const auth = COS.getAuthorization({
      SecretId: CREDS.secretId,
      SecretKey: CREDS.secretKey,
      Method: "PUT",
      Pathname: `/inventorytriggerjob/${job.jobId}`,
      Query: { cancel: "" },
      Headers: { Host: HOST },
    });
    const r = await rawRequest(h.port, "PUT", `/inventorytriggerjob/${job.jobId}?cancel`, {
      Host: HOST,
      Authorization: auth,
    });
    expect(r.status).toBe(200);
    expect(r.text).toBe("");
  });

  it("rejects the same signature on a changed query or path", async () => {
    const auth = COS.getAuthorization({
      SecretId: CREDS.secretId,
      SecretKey: CREDS.secretKey,
      Method: "GET",
      Pathname: "/inventorytriggerjob",
      Query: { size: "5" },
      Headers: { Host: HOST },
    });
    const q = await rawRequest(h.port, "GET", "/inventorytriggerjob?size=6", { Host: HOST, Authorization: auth });
    expect([q.status, errorOf(q).Code]).toEqual([403, "AccessDenied"]);
    const p = await rawRequest(h.port, "GET", "/template?size=5", { Host: HOST, Authorization: auth });
    expect([p.status, errorOf(p).Code]).toEqual([403, "AccessDenied"]);
  });

  it("is refused when the SDK signs its default cos host instead of the ci host", async () => {
    const auth = COS.getAuthorization({
      SecretId: CREDS.secretId,
      SecretKey: CREDS.secretKey,
      Method: "GET",
      Pathname: "/queue",
      Bucket: BUCKET,
      Region: REGION,
    });
    const r = await rawRequest(h.port, "GET", "/queue", { Host: HOST, Authorization: auth });
    expect(r.status).toBe(403);
  });
});

describe("property: whatever the SDK signs, the emulator verifies", () => {
  // Plain keys (CI's own are plain, docs/ci-api.md §2.3); arbitrary values and path segments, unicode included.
  const keys = fc.uniqueArray(
    fc.constantFrom("name", "jobId", "workflowId", "states", "size", "orderByTime", "nextToken"),
    { maxLength: 4 },
  );
  const value = fc.string({ unit: "grapheme", maxLength: 20 });

  it("accepts list queries with arbitrary values", async () => {
    await fc.assert(
      fc.asyncProperty(keys, fc.array(value, { minLength: 4, maxLength: 4 }), async (ks, vs) => {
        const query = Object.fromEntries(ks.map((k, i) => [k, vs[i]!]));
        const auth = COS.getAuthorization({
          SecretId: CREDS.secretId,
          SecretKey: CREDS.secretKey,
          Method: "GET",
          Pathname: "/inventorytriggerjob",
          Query: query,
          Headers: { Host: HOST },
        });
        const qs = Object.entries(query)
          .map(([k, v]) => `${k}=${camSafeUrlEncode(v)}`)
          .join("&");
        const r = await rawRequest(h.port, "GET", `/inventorytriggerjob${qs ? `?${qs}` : ""}`, {
          Host: HOST,
          Authorization: auth,
        });
        // 200, or 400 for a value the list refuses — never an authentication failure.
        expect([200, 400], r.text).toContain(r.status);
      }),
      { numRuns: 60 },
    );
  });

  it("accepts arbitrary job-ID path segments", async () => {
    await fc.assert(
      fc.asyncProperty(
        value.filter((v) => v !== "" && !v.includes("/")),
        async (id) => {
          const auth = COS.getAuthorization({
            SecretId: CREDS.secretId,
            SecretKey: CREDS.secretKey,
            Method: "GET",
            Pathname: `/inventorytriggerjob/${id}`,
            Headers: { Host: HOST },
          });
          const r = await rawRequest(h.port, "GET", `/inventorytriggerjob/${camSafeUrlEncode(id)}`, {
            Host: HOST,
            Authorization: auth,
          });
          expect(r.status, r.text).toBe(200);
          expect(r.text).toContain("<NonExistJobIds>");
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("cos.request against the emulator", () => {
  it("lists jobs", async () => {
    const { err, data } = await request({
      Method: "GET",
      Url: url("/inventorytriggerjob"),
      Query: { size: "4", orderByTime: "Asc" },
    });
    expect(err).toBeNull();
    expect(data!.statusCode).toBe(200);
    const body = parseXml(String(data!.Body));
    expect((body.Response as { JobsDetail: unknown[] }).JobsDetail).toHaveLength(4);
  });

  it("triggers a job and cancels it", async () => {
    const xml =
      "<Request><Name>sdk-trigger</Name><Type>Job</Type><Input><Object>videos/pause-me.mp4</Object></Input><Operation><Tag>MediaInfo</Tag></Operation></Request>";
    const created = await request({
      Method: "POST",
      Url: url("/inventorytriggerjob"),
      Headers: { "Content-Type": "application/xml" },
      Body: xml,
    });
    expect(created.err).toBeNull();
    const jobId = /<JobId>(b[0-9a-f]{32})<\/JobId>/.exec(String(created.data!.Body))?.[1];
    expect(jobId).toBeTruthy();
    const cancelled = await request({ Method: "PUT", Url: url(`/inventorytriggerjob/${jobId}`), Action: "cancel" });
    expect(cancelled.err).toBeNull();
    expect(cancelled.data!.statusCode).toBe(200);
    const one = await request({ Method: "GET", Url: url(`/inventorytriggerjob/${jobId}`) });
    expect(String(one.data!.Body)).toContain("<State>Cancel</State>");
  });

  it("surfaces the emulator's error code and request ID for a wrong key", async () => {
    const wrong = new COS({
      SecretId: CREDS.secretId,
      SecretKey: "not-the-key",
      Protocol: "http:",
      Ip: `127.0.0.1:${h.port}`,
    });
    const err = await new Promise<COS.CosError | null>((resolve) =>
      wrong.request({ Method: "GET", Url: url("/queue") }, (e) => resolve(e)),
    );
    if (!err) throw new Error("expected an error");
    expect(err.code).toBe("AccessDenied");
    expect(err.statusCode).toBe(403);
    expect(err.RequestId).toBeTruthy();
  });
});
