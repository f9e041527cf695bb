/**
 * CI's error bodies through the real routes and the real emulator (admin fault `errorAnswer`, emulator/error-answer.ts):
 * the JSON body some CI front ends send (`{code, message, request_id}`, cos-go-sdk-v5 error.go `jsonError`) and CI's
 * XML `<Error>` both reach the API answer as CI's code, message and RequestId (docs/ci-api.md §3.1).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as jobsRoute from "@/app/api/jobs/route";
import * as jobRoute from "@/app/api/jobs/[jobId]/route";
import { get, params, post, startHarness, type Harness } from "../support/route-harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.admin("faults", { method: "DELETE" });
});

type ErrorAnswer =
  | { format: "json"; status: number; code: number; message: string; requestId?: string }
  | { format: "xml"; status: number; code: string; message: string; requestId?: string };

async function answerWith(errorAnswer: ErrorAnswer, routes: string[]): Promise<void> {
  const res = await fetch(`${h.emulatorUrl}/__emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ errorAnswer, routes }),
  });
  expect(res.status).toBe(200);
}

interface ApiError {
  error: { code: string; message: string; requestId?: string; retryable: boolean };
}

describe("a JSON error body from CI", () => {
  it("the job list answers CI's numeric code, its message and its request_id", async () => {
    await answerWith(
      { format: "json", status: 400, code: 1015, message: "invalid states parameter", requestId: "json-list-req-1" },
      ["GET /inventorytriggerjob"],
    );
    const res = await jobsRoute.GET(get("/api/jobs?size=3&name=json-error-list"));
    expect(res.status).toBe(400);
    const body = (await res.json()) as ApiError;
    expect(body.error).toMatchObject({
      code: "1015",
      message: "invalid states parameter",
      requestId: "json-list-req-1",
      retryable: false,
    });
  });

  it("a refused trigger answers CI's code, message and request_id (a 4xx: nothing was created)", async () => {
    await answerWith(
      { format: "json", status: 400, code: 40001, message: "queue is paused", requestId: "json-trigger-req-1" },
      ["POST /inventorytriggerjob"],
    );
    const triggersBefore = (await h.admin<unknown[]>("triggers")).length;
    const res = await jobsRoute.POST(
      post("/api/jobs", {
        Name: "json-error-trigger",
        Type: "Job",
        Input: { Prefix: "videos/" },
        Operation: { Tag: "MediaInfo" },
      }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as ApiError & { error: { outcomeUnknown?: boolean } };
    expect(body.error).toMatchObject({ code: "40001", message: "queue is paused", requestId: "json-trigger-req-1" });
    expect(body.error.outcomeUnknown).toBeUndefined();
    expect((await h.admin<unknown[]>("triggers")).length).toBe(triggersBefore);
  });

  it("one job's page: CI trouble (5xx) keeps the code, message and the request_id the emulator sent", async () => {
    const list = (await (await jobsRoute.GET(get("/api/jobs?size=1"))).json()) as { jobs: { JobId: string }[] };
    const jobId = list.jobs[0]!.JobId;
    await answerWith({ format: "json", status: 500, code: 50000, message: "internal error, try later" }, [
      "GET /inventorytriggerjob/:jobId",
    ]);
    const res = await jobRoute.GET(get(`/api/jobs/${jobId}`), params({ jobId }));
    expect(res.status).toBe(502);
    const body = (await res.json()) as ApiError;
    expect(body.error).toMatchObject({ code: "50000", message: "internal error, try later", retryable: true });
    // Not pinned: the fresh id the emulator sent, which is both its x-ci-request-id and the body's request_id.
    expect(body.error.requestId).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
  });
});

describe("an XML error body from CI", () => {
  it("the job list answers CI's code, message and RequestId", async () => {
    await answerWith(
      {
        format: "xml",
        status: 400,
        code: "ResourceAccessDenied",
        message: "no access to the input",
        requestId: "xml-list-req-1",
      },
      ["GET /inventorytriggerjob"],
    );
    const res = await jobsRoute.GET(get("/api/jobs?size=3&name=xml-error-list"));
    expect(res.status).toBe(400);
    expect(((await res.json()) as ApiError).error).toMatchObject({
      code: "ResourceAccessDenied",
      message: "no access to the input",
      requestId: "xml-list-req-1",
    });
  });
});
