import { describe, expect, it } from "vitest";
import type { CiTarget, PickerPage } from "@/lib/ci/client";
import { CiError } from "@/lib/ci/errors";
import { GONE_LABEL, jobRefs, nameText, type CiRef } from "@/lib/jobs/ci-names";
import { createNameResolver, NAMES_RETRY_MS, NAMES_TTL_MS, type NameResolverDeps } from "@/lib/server/ci-names";
import { createCoalescer } from "@/lib/server/coalesce";

const target: CiTarget = {
  bucket: "examplebucket-1250000000",
  region: "ap-beijing",
  host: "examplebucket-1250000000.ci.ap-beijing.myqcloud.com",
};
const WF = "w7476ff3564ee45b7b490d64bccaba6cc";
const Q = "p893bcda225bf4945a378da6662e81a89";
const T = "t1460606b9752148c4ab182f55163ba7cd";

const page = (items: { id: string; name: string }[], total = items.length): PickerPage => ({
  items,
  total,
  requestId: "r",
});

/** A stub CI client that counts calls per kind and can be told to fail. */
function stubClient(opts: { workflows?: PickerPage; fail?: boolean; delayMs?: number } = {}) {
  const calls = { workflows: 0, queues: 0, templates: [] as string[] };
  const answer = async <T>(value: T): Promise<T> => {
    if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
    if (opts.fail) throw new CiError({ status: 500, code: "InternalError", message: "boom", retryable: true });
    return value;
  };
  const client: NameResolverDeps["client"] = {
    listWorkflows: async () => (
      calls.workflows++,
      answer(opts.workflows ?? page([{ id: WF, name: "hls-adaptive-pipeline" }]))
    ),
    listQueues: async (_t, q) => (
      calls.queues++,
      expect(q?.category).toBe("CateAll"),
      answer(page([{ id: Q, name: "default-transcode" }]))
    ),
    listTemplates: async (_t, q) => {
      calls.templates.push(`${q.tag}/${q.category}`);
      return answer(q.category === "Custom" ? page([{ id: T, name: "demo-transcode" }]) : page([]));
    },
  };
  return { client, calls };
}

const refs: CiRef[] = [
  { kind: "workflows", id: WF, path: "Operation.WorkflowIds" },
  { kind: "queues", id: Q, path: "Operation.QueueId" },
  { kind: "templates", id: T, path: "Operation.JobParam.TemplateId", tag: "Transcode" },
];

describe("CI name look-up", () => {
  it("names workflows, queues and templates from one look-up per kind (Custom and Official templates of the Tag)", async () => {
    const { client, calls } = stubClient();
    const resolve = createNameResolver({ client, reads: createCoalescer() });
    const names = await resolve(target, refs);
    expect(names).toEqual({
      workflows: { [WF]: "hls-adaptive-pipeline" },
      queues: { [Q]: "default-transcode" },
      templates: { [T]: "demo-transcode" },
    });
    expect(calls).toEqual({ workflows: 1, queues: 1, templates: ["Transcode/Custom", "Transcode/Official"] });
  });

  it("cache hit: 50 concurrent answers and later polls within the TTL cost CI nothing more; after the TTL it asks again", async () => {
    let t = 1_000_000;
    const { client, calls } = stubClient({ delayMs: 5 });
    const resolve = createNameResolver({ client, reads: createCoalescer(() => t), now: () => t });
    await Promise.all(Array.from({ length: 50 }, () => resolve(target, refs)));
    t += NAMES_TTL_MS - 1;
    expect((await resolve(target, refs)).workflows[WF]).toBe("hls-adaptive-pipeline");
    expect(calls.workflows).toBe(1);
    expect(calls.queues).toBe(1);
    expect(calls.templates).toHaveLength(2);
    t += 2;
    await resolve(target, refs);
    expect(calls.workflows).toBe(2);
  });

  it("miss: an ID a complete list does not have is gone from CI ((no longer in CI)); with an incomplete list it stays unknown", async () => {
    const deleted = "w00000000000000000000000000000000";
    const complete = createNameResolver({ client: stubClient().client, reads: createCoalescer() });
    const names = await complete(target, [{ kind: "workflows", id: deleted, path: "Operation.WorkflowIds" }]);
    expect(names.workflows).toEqual({ [deleted]: null });
    expect(nameText(names, "workflows", deleted)).toBe(GONE_LABEL);

    // CI says there are 900 workflows but pages stop early: absence proves nothing.
    const partial = stubClient({ workflows: page([{ id: WF, name: "hls-adaptive-pipeline" }], 900) });
    const incomplete = createNameResolver({ client: partial.client, reads: createCoalescer() });
    const some = await incomplete(target, [{ kind: "workflows", id: deleted, path: "Operation.WorkflowIds" }]);
    expect(some.workflows).toEqual({});
    expect(nameText(some, "workflows", deleted)).toBe("");
  });

  it("CI failure: IDs only, never an error; the failure is remembered briefly, then CI is asked again", async () => {
    let t = 5_000_000;
    const failing = stubClient({ fail: true });
    const resolve = createNameResolver({ client: failing.client, reads: createCoalescer(() => t), now: () => t });
    await expect(resolve(target, refs)).resolves.toEqual({ workflows: {}, queues: {}, templates: {} });
    await resolve(target, refs);
    expect(failing.calls.workflows).toBe(1); // a poll right after does not hammer a failing CI
    t += NAMES_RETRY_MS;
    await resolve(target, refs); // this one notices the failure is old and clears it
    await resolve(target, refs);
    expect(failing.calls.workflows).toBe(2);
  });

  it("a slow look-up does not hold the answer: IDs only after the wait, names once it lands", async () => {
    const { client } = stubClient({ delayMs: 80 });
    const resolve = createNameResolver({ client, reads: createCoalescer(), waitMs: 10 });
    expect((await resolve(target, refs)).workflows).toEqual({});
    await new Promise((r) => setTimeout(r, 120));
    expect((await resolve(target, refs)).workflows).toEqual({ [WF]: "hls-adaptive-pipeline" });
  });

  it("templates without a Tag to list them under are not looked up", async () => {
    const { client, calls } = stubClient();
    const resolve = createNameResolver({ client, reads: createCoalescer() });
    expect(await resolve(target, [{ kind: "templates", id: T, path: "Operation.JobParam.TemplateId" }])).toEqual({
      workflows: {},
      queues: {},
      templates: {},
    });
    expect(calls.templates).toEqual([]);
  });
});

describe("jobRefs", () => {
  it("finds every workflow (comma list), the queue and each template with the Tag to list it under", () => {
    const refs = jobRefs({
      Tag: "Transcode",
      Operation: {
        WorkflowIds: "w1, w2",
        QueueId: "p1",
        JobParam: { TemplateId: "t1", WatermarkTemplateId: ["t2", "t3"], TranscodeTemplateId: "t4" },
      },
    });
    expect(refs.map((r) => `${r.kind}:${r.id}:${r.tag ?? ""}`)).toEqual([
      "workflows:w1:",
      "workflows:w2:",
      "queues:p1:",
      "templates:t1:Transcode",
      "templates:t2:Watermark",
      "templates:t3:Watermark",
      "templates:t4:Transcode",
    ]);
  });

  it("uses the job-level QueueId when the Operation has none; a Tag without templates gives no Tag", () => {
    const refs = jobRefs({ Tag: "MediaInfo", QueueId: "p9", Operation: { JobParam: { TemplateId: "t9" } } });
    expect(refs).toEqual([
      { kind: "queues", id: "p9", path: "Operation.QueueId" },
      { kind: "templates", id: "t9", path: "Operation.JobParam.TemplateId" },
    ]);
  });
});
