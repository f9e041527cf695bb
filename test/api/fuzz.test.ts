import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as jobsRoute from "@/app/api/jobs/route";
import { get, post, startHarness, type Harness } from "../support/route-harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    "<Request>",
    "]]>",
    "&amp;",
    "<!ENTITY x SYSTEM 'file:///etc/passwd'>",
    "\u0000",
    "💥",
    "—",
    "a".repeat(5000),
  ),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);

const malformedBody = fc.oneof(
  fc.record(
    {
      Name: nasty,
      Type: fc.constantFrom("Workflow", "Job", "Batch", 7),
      Input: fc.dictionary(fc.constantFrom("Prefix", "Object", "UrlFile", "Manifest", "Evil"), nasty),
      Operation: fc.dictionary(
        fc.constantFrom("WorkflowIds", "Tag", "JobParam", "Output", "JobLevel", "CallBackType", "__proto__"),
        nasty,
      ),
    },
    { requiredKeys: [] },
  ),
  fc.record({
    Name: fc.constant("valid-name"),
    Type: fc.constant("Job"),
    Input: fc.constant({ Prefix: "in/" }),
    Operation: fc.record(
      {
        Tag: fc.oneof(fc.constantFrom("Transcode", "Snapshot", "NotATag", "toString"), nasty),
        JobParam: fc.dictionary(fc.string({ maxLength: 12 }), nasty),
        Output: fc.dictionary(fc.constantFrom("Region", "Bucket", "Object"), nasty),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.string({ maxLength: 200 }),
  fc.json(),
);

describe("fuzz: malformed input never reaches CI and never gives a 5xx", () => {
  it("bodies", async () => {
    const before = ((await h.admin<unknown[]>("triggers")) as unknown[]).length;
    await fc.assert(
      fc.asyncProperty(malformedBody, async (body) => {
        const res = await jobsRoute.POST(post("/api/jobs", typeof body === "string" ? body : JSON.stringify(body)));
        const json = (await res.json()) as { error?: { code: string; message: string } };
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(json.error?.message).toBeTruthy();
      }),
      { numRuns: 300 },
    );
    const after = ((await h.admin<unknown[]>("triggers")) as unknown[]).length;
    expect(after - before).toBe(0);
  });

  it("queries", async () => {
    const key = fc.constantFrom(
      "type",
      "states",
      "startCreationTime",
      "endCreationTime",
      "orderByTime",
      "name",
      "jobId",
      "workflowId",
      "size",
      "nextToken",
      "bucket",
      "toString",
      "__proto__",
      "constructor",
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, nasty.map(String)), { minLength: 1, maxLength: 4 }), async (pairs) => {
        const qs = new URLSearchParams(pairs.map(([k, v]) => [k, v.slice(0, 300)])).toString();
        const res = await jobsRoute.GET(get(`/api/jobs?${qs}`));
        expect(res.status, qs).not.toBeGreaterThanOrEqual(500);
        if (res.status !== 200) {
          const body = (await res.json()) as { error: { code: string } };
          expect(body.error.code).toBeTruthy();
        }
      }),
      { numRuns: 300 },
    );
  });
});
