/**
 * Issue 12 item 2: "every accepted shape round-trips byte-exact through buildXml and the emulator". Every corpus
 * request (test/conformance/corpus.ts) that both judges accept is posted through POST /api/jobs to the in-process
 * emulator: the emulator must accept it, and what it received must be exactly the XML buildXml makes of the app's
 * parsed request (the bytes the app sends), which in turn holds every element of the request as written.
 * The corpus names IDs from the docs and the emulator's seed; where one is not a usable reference in this emulator (a
 * Paused workflow, a template of another Tag or none at all: the emulator checks references as CI does), it is
 * swapped for one that is, so what is judged is the request's shape. The SDK requests are checked the same way, against literal bodies, in sdk-requests.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as templatesRoute from "@/app/api/ci/templates/route";
import * as workflowsRoute from "@/app/api/ci/workflows/route";
import * as jobsRoute from "@/app/api/jobs/route";
import { buildXml, parseXml } from "@/lib/ci/xml";
import { triggerRequestSchema } from "@/lib/jobs/request-schema";
import { type Mutable } from "../fixtures";
import { get, post, startHarness, type Harness } from "../support/route-harness";
import { CORPUS } from "./corpus";
import { judge } from "./judges";

let h: Harness;
let activeWorkflows: string[] = [];
const templatesByTag = new Map<string, string[]>();
beforeAll(async () => {
  h = await startHarness();
  const wf = (await (await workflowsRoute.GET(get("/api/ci/workflows"))).json()) as {
    items: { id: string; state?: string }[];
  };
  activeWorkflows = wf.items.filter((w) => w.state === "Active").map((w) => w.id);
}, 60_000);

async function templatesOf(tag: string): Promise<string[]> {
  if (!templatesByTag.has(tag)) {
    const res = await templatesRoute.GET(get(`/api/ci/templates?tag=${tag}`));
    const items = ((await res.json()) as { items: { id: string }[] }).items;
    templatesByTag.set(
      tag,
      items.map((t) => t.id),
    );
  }
  return templatesByTag.get(tag)!;
}

/** The request with every ID the emulator would refuse as a reference swapped for a usable one (order kept). */
async function withUsableIds(original: Mutable): Promise<Mutable> {
  const request = structuredClone(original);
  const op = request.Operation ?? {};
  if (typeof op.WorkflowIds === "string") {
    const swaps = new Map<string, string>();
    const unused = activeWorkflows.filter((id) => !op.WorkflowIds.split(",").includes(id));
    op.WorkflowIds = op.WorkflowIds.split(",")
      .map((id: string) => {
        if (activeWorkflows.includes(id)) return id;
        if (!swaps.has(id)) swaps.set(id, unused.shift() ?? activeWorkflows[0]!);
        return swaps.get(id)!;
      })
      .join(",");
  }
  const jp = op.JobParam;
  if (jp && typeof jp === "object") {
    const swap = async (field: string, tag: string) => {
      if (jp[field] === undefined) return;
      const usable = await templatesOf(tag);
      const swapOne = (id: string) => (usable.includes(id) ? id : usable[0]!);
      if (typeof jp[field] === "string") jp[field] = swapOne(jp[field]);
      else if (Array.isArray(jp[field])) jp[field] = jp[field].map(swapOne);
    };
    await swap("TemplateId", op.Tag);
    await swap("TranscodeTemplateId", "Transcode");
    await swap("WatermarkTemplateId", "Watermark");
  }
  return request;
}
afterAll(async () => h.close());

type Trigger = { xml: string; status: number; jobId: string | null };
let key = 0;
const send = (body: unknown) =>
  jobsRoute.POST(post("/api/jobs", body, { "idempotency-key": `corpus-through-emulator-${++key}-${Date.now()}` }));

const accepted = CORPUS.filter((c) => {
  const { app, model } = judge(c.request);
  return app.ok && model.ok;
});

describe("every corpus request both judges accept reaches the emulator as exactly the bytes the app built", () => {
  it("covers most of the corpus's valid requests", () => {
    // A guard against the filter above silently emptying (e.g. a judge that starts refusing everything).
    expect(accepted.length).toBeGreaterThanOrEqual(40);
  });

  it.each(accepted.map((c) => [c.name, c.request] as const))("%s", async (_name, original) => {
    const request = await withUsableIds(original);
    expect(judge(request).app.ok).toBe(true);
    const res = await send(request);
    const body = (await res.json()) as { job?: Record<string, unknown>; error?: { code: string; message: string } };
    expect([res.status, body.error]).toEqual([201, undefined]);
    const last = (await h.admin<Trigger[]>("triggers")).at(-1)!;
    expect(last.status).toBe(200);
    const sent = buildXml("Request", triggerRequestSchema.parse(request) as Record<string, unknown>);
    expect(last.xml).toBe(sent);
    // Nothing dropped or altered between the request and the bytes: the same document, element for element.
    expect(parseXml(last.xml).Request).toEqual(parseXml(buildXml("Request", request)).Request);
    expect(body.job).toMatchObject({ JobId: last.jobId, State: "Submitted" });
    expect(body.job!.detailsProblem).toBeUndefined();
  });
});
