/**
 * The `errorAnswer` fault: a chosen CI error, as CI's XML `<Error>` or as the JSON body cos-go-sdk-v5 decodes
 * (error.go `jsonError`: numeric `code`, `message`, `request_id`; only when Content-Type starts with application/json).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { errorOf, startHarness, type Harness } from "./test-support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(async () => {
  await h.admin("DELETE", "faults");
});

const listJobs = () => h.send({ path: "/inventorytriggerjob", query: { size: "2" } });

describe("errorAnswer", () => {
  it("JSON: the status, application/json, {code, message, request_id} with a numeric code, request_id = x-ci-request-id", async () => {
    const set = await h.admin("POST", "faults", {
      errorAnswer: { format: "json", status: 403, code: 40300, message: "no permission for bucket" },
      routes: ["GET /inventorytriggerjob"],
    });
    expect(set.status).toBe(200);
    const r = await listJobs();
    expect(r.status).toBe(403);
    expect(r.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(r.text) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["code", "message", "request_id"]);
    expect(body.code).toBe(40300);
    expect(body.message).toBe("no permission for bucket");
    expect(body.request_id).toBe(r.headers["x-ci-request-id"]);
    expect(body.request_id).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
    expect((await h.admin("GET", "stats")).json.faults.errorAnswer).toBeGreaterThan(0);
  });

  it("XML: CI's <Error> document with the chosen code and message", async () => {
    await h.admin("POST", "faults", {
      errorAnswer: { format: "xml", status: 400, code: "ResourceAccessDenied", message: "no access to the input" },
    });
    const r = await listJobs();
    expect(r.status).toBe(400);
    expect(r.headers["content-type"]).toBe("application/xml");
    expect(errorOf(r)).toMatchObject({ Code: "ResourceAccessDenied", Message: "no access to the input" });
    expect(errorOf(r).RequestId).toBe(r.headers["x-ci-request-id"]);
  });

  it("a pinned requestId is the header and the body's request id", async () => {
    await h.admin("POST", "faults", {
      errorAnswer: { format: "json", status: 400, code: 1015, message: "bad", requestId: "pinned-request-id-1" },
    });
    const r = await listJobs();
    expect(r.headers["x-ci-request-id"]).toBe("pinned-request-id-1");
    expect(JSON.parse(r.text)).toEqual({ code: 1015, message: "bad", request_id: "pinned-request-id-1" });
  });

  it("other routes answer normally", async () => {
    await h.admin("POST", "faults", {
      errorAnswer: { format: "json", status: 400, code: 1015, message: "bad" },
      routes: ["POST /inventorytriggerjob"],
    });
    expect((await listJobs()).status).toBe(200);
  });

  it.each([
    [{ format: "json", status: 400, code: "InvalidArgument", message: "m" }, "errorAnswer.code"],
    [{ format: "xml", status: 400, code: 1015, message: "m" }, "errorAnswer.code"],
    [{ format: "json", status: 200, code: 1, message: "m" }, "errorAnswer.status"],
    [{ format: "yaml", status: 400, code: 1, message: "m" }, "errorAnswer.format"],
    [{ format: "xml", status: 400, code: "A", message: "" }, "errorAnswer.message"],
    // It is also the x-ci-request-id header: a character a header cannot carry is refused here, not at writeHead.
    [{ format: "json", status: 400, code: 1, message: "m", requestId: "id\nwith newline" }, "errorAnswer.requestId"],
    [{ format: "xml", status: 400, code: "A", message: "m", requestId: "请求" }, "errorAnswer.requestId"],
  ])("refuses %j, naming %s", async (errorAnswer, field) => {
    const r = await h.admin("POST", "faults", { errorAnswer });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(new RegExp(`^${field.replace(".", "\\.")}: `));
  });
});
