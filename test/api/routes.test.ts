import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as jobsRoute from "@/app/api/jobs/route";
import * as jobRoute from "@/app/api/jobs/[jobId]/route";
import * as cancelRoute from "@/app/api/jobs/[jobId]/cancel/route";
import * as workflowsRoute from "@/app/api/ci/workflows/route";
import * as templatesRoute from "@/app/api/ci/templates/route";
import * as queuesRoute from "@/app/api/ci/queues/route";
import * as meRoute from "@/app/api/me/route";
import * as healthRoute from "@/app/api/health/route";
import {
  APP,
  BUCKET,
  OTHER_BUCKET,
  SECRET_KEY,
  VIEWER,
  get,
  params,
  post,
  startHarness,
  type Harness,
} from "../support/route-harness";

let h: Harness;
let workflowId: string;

beforeAll(async () => {
  h = await startHarness();
  const wf = (await (await workflowsRoute.GET(get("/api/ci/workflows"))).json()) as {
    items: { id: string; state?: string }[];
  };
  workflowId = wf.items.find((w) => w.state === "Active")!.id;
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.admin("faults", { method: "DELETE" });
});

const workflowRequest = (name = "route-test", prefix = "input/") => ({
  Name: name,
  Type: "Workflow",
  Input: { Prefix: prefix },
  Operation: { WorkflowIds: workflowId },
});

const transcodeRequest = (name = "transcode-route") => ({
  Name: name,
  Type: "Job",
  Input: { Prefix: "videos/" },
  Operation: {
    Tag: "Transcode",
    JobParam: { TemplateId: "t1460606b9752148c4ab182f55163ba7cd" },
    Output: { Region: "ap-chongqing", Bucket: "test-1234567890", Object: "output/${InventoryTriggerJobId}/out.mp4" },
    JobLevel: "0",
  },
});

async function triggerCount(): Promise<number> {
  const triggers = await h.admin<unknown[] | { triggers: unknown[] }>("triggers");
  return Array.isArray(triggers) ? triggers.length : triggers.triggers.length;
}

describe("GET /api/jobs", () => {
  it("lists jobs with CI's element names and a nextToken", async () => {
    const res = await jobsRoute.GET(get("/api/jobs?size=5"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      jobs: { JobId: string; State: string }[];
      nextToken: string | null;
      requestId: string;
    };
    expect(body.jobs).toHaveLength(5);
    expect(body.jobs[0]!.JobId).toMatch(/^b/);
    expect(body.nextToken).toBeTruthy();
    expect(body.requestId).toBeTruthy();
  });

  it("stamps every answer, errors included, with the server's clock for beat-aligned polling", async () => {
    const before = Date.now();
    const ok = await jobsRoute.GET(get("/api/jobs?size=1"));
    const refused = await jobsRoute.GET(get("/api/jobs?size=abc"));
    const after = Date.now();
    for (const res of [ok, refused]) {
      const stamp = Number(res.headers.get("x-server-time"));
      expect(stamp).toBeGreaterThanOrEqual(before);
      expect(stamp).toBeLessThanOrEqual(after);
    }
    expect(refused.status).toBe(400);
  });

  it("pages across three pages without overlap", async () => {
    const seen = new Set<string>();
    let token: string | null = null;
    for (let page = 0; page < 3; page++) {
      const q = `/api/jobs?size=7${token ? `&nextToken=${encodeURIComponent(token)}` : ""}`;
      const body = (await (await jobsRoute.GET(get(q))).json()) as {
        jobs: { JobId: string }[];
        nextToken: string | null;
      };
      expect(body.jobs).toHaveLength(7);
      for (const j of body.jobs) {
        expect(seen.has(j.JobId)).toBe(false);
        seen.add(j.JobId);
      }
      token = body.nextToken;
      expect(token).toBeTruthy();
    }
    expect(seen.size).toBe(21);
  });

  it("filters by state and type as CI does", async () => {
    const body = (await (await jobsRoute.GET(get("/api/jobs?states=Failed&type=Job&size=50"))).json()) as {
      jobs: { State: string; Type: string }[];
    };
    expect(body.jobs.length).toBeGreaterThan(0);
    expect(body.jobs.every((j) => j.State === "Failed" && j.Type === "Job")).toBe(true);
  });

  it("answers 400 naming the field for a bad query, without calling CI", async () => {
    await h.admin("stats/reset", { method: "POST" });
    for (const q of [
      "size=500",
      "states=Done",
      "startCreationTime=yesterday",
      "orderByTime=Sideways",
      "type=Batch",
      `nextToken=${"x".repeat(1025)}`,
      "bogus=1",
    ]) {
      const res = await jobsRoute.GET(get(`/api/jobs?${q}`));
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as { error: { code: string; fields: { path: string }[] } };
      expect(body.error.fields.length, q).toBeGreaterThan(0);
    }
    const stats = await h.stats();
    expect(stats["GET /inventorytriggerjob"] ?? 0).toBe(0);
  });

  it("refuses a bucket that is not configured (never signs for it)", async () => {
    const res = await jobsRoute.GET(get("/api/jobs?bucket=evil-1250000000"));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UnknownBucket");
    expect((await jobsRoute.GET(get(`/api/jobs?bucket=${OTHER_BUCKET}&size=1`))).status).toBe(200);
  });

  it("shares one CI call among concurrent identical list requests", async () => {
    await h.admin("stats/reset", { method: "POST" });
    await h.admin("faults", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ latencyMs: 150 }),
    });
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => jobsRoute.GET(get("/api/jobs?size=10&states=Success"))),
    );
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect((await h.stats())["GET /inventorytriggerjob"]).toBe(1);
  });

  it("keeps CI's error code and RequestId and marks CI trouble retryable", async () => {
    await h.admin("faults", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ errorRate: 1 }),
    });
    const res = await jobsRoute.GET(get("/api/jobs?size=3&name=fault-case"));
    expect(res.status).toBe(502);
    const body = (await res.json()) as { error: { code: string; retryable: boolean; requestId?: string } };
    expect(body.error.code).toBe("InternalError");
    expect(body.error.retryable).toBe(true);
    expect(body.error.requestId).toBeTruthy();
  });
});

describe("POST /api/jobs", () => {
  it("triggers a Workflow job and a Job-type job (201)", async () => {
    for (const req of [workflowRequest("wf-201"), transcodeRequest("job-201")]) {
      const res = await jobsRoute.POST(post("/api/jobs", req, { "idempotency-key": `k-${req.Name}-0001` }));
      expect(res.status).toBe(201);
      const body = (await res.json()) as { job: { JobId: string; State: string; Name: string }; requestId: string };
      expect(body.job.State).toBe("Submitted");
      expect(body.job.Name).toBe(req.Name);
      const detail = await jobRoute.GET(get(`/api/jobs/${body.job.JobId}`), params({ jobId: body.job.JobId }));
      expect(detail.status).toBe(200);
    }
  });

  it("returns the first answer for a repeated Idempotency-Key and creates one job", async () => {
    const before = await triggerCount();
    const key = "same-key-for-both-1";
    const a = await jobsRoute.POST(post("/api/jobs", workflowRequest("idem-1"), { "idempotency-key": key }));
    const b = await jobsRoute.POST(post("/api/jobs", workflowRequest("idem-1"), { "idempotency-key": key }));
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(((await a.json()) as { job: { JobId: string } }).job.JobId).toBe(
      ((await b.json()) as { job: { JobId: string } }).job.JobId,
    );
    expect((await triggerCount()) - before).toBe(1);
  });

  it("lets two concurrent submits with one key create exactly one job", async () => {
    const before = await triggerCount();
    await h.admin("faults", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ latencyMs: 200 }),
    });
    const key = "concurrent-key-0001";
    const [a, b] = await Promise.all([
      jobsRoute.POST(post("/api/jobs", workflowRequest("idem-2"), { "idempotency-key": key })),
      jobsRoute.POST(post("/api/jobs", workflowRequest("idem-2"), { "idempotency-key": key })),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await triggerCount()) - before).toBe(1);
  });

  it("refuses the same key with a different request (422)", async () => {
    const key = "reused-key-00001";
    expect(
      (await jobsRoute.POST(post("/api/jobs", workflowRequest("idem-3"), { "idempotency-key": key }))).status,
    ).toBe(201);
    const res = await jobsRoute.POST(post("/api/jobs", workflowRequest("idem-3-changed"), { "idempotency-key": key }));
    expect(res.status).toBe(422);
  });

  it("answers 400 with per-field messages and sends nothing to CI", async () => {
    const before = await triggerCount();
    const res = await jobsRoute.POST(post("/api/jobs", { ...transcodeRequest(), Name: "bad name!", Input: {} }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fields: { path: string }[] } };
    const paths = body.error.fields.map((f) => f.path);
    expect(paths).toContain("Name");
    expect(paths.some((p) => p.startsWith("Input"))).toBe(true);
    expect(await triggerCount()).toBe(before);
  });

  it("reports a lost answer as outcome unknown and never resends it for the same key", async () => {
    const before = await triggerCount();
    await h.admin("faults", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ dropRate: 1, dropAfterProcessing: true, routes: ["POST /inventorytriggerjob"] }),
    });
    const key = "lost-answer-key-01";
    const first = await jobsRoute.POST(post("/api/jobs", workflowRequest("lost-1"), { "idempotency-key": key }));
    expect(first.status).toBe(502);
    const err = ((await first.json()) as { error: { outcomeUnknown?: boolean } }).error;
    expect(err.outcomeUnknown).toBe(true);
    await h.admin("faults", { method: "DELETE" });
    const retry = await jobsRoute.POST(post("/api/jobs", workflowRequest("lost-1"), { "idempotency-key": key }));
    expect(retry.status).toBe(502);
    expect((await triggerCount()) - before).toBe(1);
  });
});

describe("job detail and cancel", () => {
  it("answers 404 for a job CI does not know", async () => {
    const res = await jobRoute.GET(
      get("/api/jobs/b00000000000000000000000000000000"),
      params({ jobId: "b00000000000000000000000000000000" }),
    );
    expect(res.status).toBe(404);
  });

  it("answers 400 for a malformed job ID", async () => {
    const res = await jobRoute.GET(get("/api/jobs/..%2Fetc"), params({ jobId: "../etc" }));
    expect(res.status).toBe(400);
  });

  it("cancels a running job and refuses a finished one with 409", async () => {
    const created = (await (
      await jobsRoute.POST(post("/api/jobs", workflowRequest("to-cancel", "pause/input/")))
    ).json()) as { job: { JobId: string } };
    const id = created.job.JobId;
    const ok = await cancelRoute.POST(post(`/api/jobs/${id}/cancel`, {}), params({ jobId: id }));
    expect(ok.status).toBe(200);
    const detail = (await (await jobRoute.GET(get(`/api/jobs/${id}`), params({ jobId: id }))).json()) as {
      job: { State: string };
      history?: { cancelledBy?: { actor: string } | null };
    };
    expect(detail.job.State).toBe("Cancel");
    expect(detail.history?.cancelledBy?.actor).toBe("olivia@example.com");
    const again = await cancelRoute.POST(post(`/api/jobs/${id}/cancel`, {}), params({ jobId: id }));
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("JobFinished");
  });
});

describe("identity, roles and origin", () => {
  it("401 without an identity", async () => {
    expect((await jobsRoute.GET(new Request(`${APP}/api/jobs`))).status).toBe(401);
  });

  it("403 for a viewer's trigger or cancel", async () => {
    expect((await jobsRoute.POST(post("/api/jobs", workflowRequest(), {}, VIEWER))).status).toBe(403);
    expect((await cancelRoute.POST(post("/api/jobs/b1/cancel", {}, {}, VIEWER), params({ jobId: "b1" }))).status).toBe(
      403,
    );
    expect((await jobsRoute.GET(get("/api/jobs?size=1", VIEWER))).status).toBe(200);
  });

  it("403 for a cross-origin or non-JSON change", async () => {
    expect(
      (await jobsRoute.POST(post("/api/jobs", workflowRequest(), { origin: "https://evil.example" }))).status,
    ).toBe(403);
    expect(
      (await jobsRoute.POST(post("/api/jobs", workflowRequest(), { "sec-fetch-site": "cross-site" }))).status,
    ).toBe(403);
    expect((await jobsRoute.POST(post("/api/jobs", workflowRequest(), { "content-type": "text/plain" }))).status).toBe(
      403,
    );
  });

  it("/api/me says who the caller is and what they may do", async () => {
    const me = (await (await meRoute.GET(get("/api/me", VIEWER))).json()) as {
      user: { id: string };
      canTrigger: boolean;
      buckets: { bucket: string }[];
    };
    expect(me.user.id).toBe("victor@example.com");
    expect(me.canTrigger).toBe(false);
    expect(me.buckets.map((b) => b.bucket)).toEqual([BUCKET, OTHER_BUCKET]);
  });

  it("/api/health answers without an identity and says CI is reachable", async () => {
    const body = (await (await healthRoute.GET(new Request(`${APP}/api/health`))).json()) as {
      ok: boolean;
      ci: { reachable: boolean };
    };
    expect(body).toMatchObject({ ok: true, ci: { reachable: true } });
  });
});

describe("pickers", () => {
  it("lists templates for a Tag, queues and workflows (Active first)", async () => {
    const t = (await (await templatesRoute.GET(get("/api/ci/templates?tag=Transcode"))).json()) as {
      items: { id: string; tag?: string }[];
    };
    expect(t.items.length).toBeGreaterThan(0);
    expect(t.items.every((i) => i.id.startsWith("t"))).toBe(true);
    const q = (await (await queuesRoute.GET(get("/api/ci/queues"))).json()) as { items: { id: string }[] };
    expect(q.items.length).toBeGreaterThan(0);
    const w = (await (await workflowsRoute.GET(get("/api/ci/workflows"))).json()) as { items: { state?: string }[] };
    const firstPaused = w.items.findIndex((i) => i.state !== "Active");
    const lastActive = w.items.map((i) => i.state).lastIndexOf("Active");
    expect(firstPaused === -1 || lastActive < firstPaused).toBe(true);
    expect((await templatesRoute.GET(get("/api/ci/templates?tag=Nope"))).status).toBe(400);
  });

  it("queues come from the Tag's family: PicProcess → /picqueue, SpeechRecognition → /asrqueue, others → /queue", async () => {
    const names = async (query: string) =>
      (
        (await (await queuesRoute.GET(get(`/api/ci/queues${query}`))).json()) as {
          items: { id: string; name: string }[];
        }
      ).items.map((i) => i.name);
    const media = await names("?tag=Transcode");
    expect(media).toContain("default-transcode");
    expect(media).not.toContain("image-processing");
    expect(await names("?tag=PicProcess")).toEqual(["image-processing"]);
    expect(await names("?tag=SpeechRecognition")).toEqual(["speech-to-text"]);
    expect(await names("?family=ai")).toEqual(["ai-recognition"]);
    expect(await names("")).toEqual(media);
    const bad = await queuesRoute.GET(get("/api/ci/queues?family=video"));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("family");
    expect((await queuesRoute.GET(get("/api/ci/queues?tag=Nope"))).status).toBe(400);
  });
});

describe("no secret ever leaves the server", () => {
  it("keeps the key out of every answer, errors included", async () => {
    await h.admin("faults", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ errorRate: 1 }),
    });
    const answers = [
      await jobsRoute.GET(get("/api/jobs?size=2&name=x")),
      await jobsRoute.POST(post("/api/jobs", workflowRequest("secret-check"))),
      await meRoute.GET(get("/api/me")),
    ];
    for (const r of answers) {
      const text = await r.text();
      expect(text).not.toContain(SECRET_KEY);
      expect(text).not.toMatch(/q-signature|Authorization/i);
    }
  });
});
