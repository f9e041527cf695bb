import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as jobsRoute from "@/app/api/jobs/route";
import * as jobRoute from "@/app/api/jobs/[jobId]/route";
import * as cancelRoute from "@/app/api/jobs/[jobId]/cancel/route";
import * as workflowsRoute from "@/app/api/ci/workflows/route";
import { listAudit, reconcileUnknown } from "@/lib/server/audit";
import { ciReconcileLookup } from "@/lib/server/audit-lookup";
import { getRuntime } from "@/lib/server/ci-runtime";
import { resolveTarget } from "@/lib/server/jobs/target";
import { BUCKET, OPERATOR, get, params, post, startHarness, type Harness } from "../support/route-harness";

const BOB = { "x-forwarded-email": "bob@example.com", "x-forwarded-groups": "media-ops" };
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

// "pause" in the prefix keeps the emulator job in Pause, so it can still be cancelled whatever the clock does.
const request = (name: string) => ({
  Name: name,
  Type: "Workflow",
  Input: { Prefix: "pause/in/" },
  Operation: { WorkflowIds: workflowId },
});
const setFaults = (faults: unknown) =>
  h.admin("faults", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(faults) });

describe("who did what", () => {
  it("records the trigger as A and the cancel as B, and shows both", async () => {
    const created = (await (await jobsRoute.POST(post("/api/jobs", request("audit-a-b"), {}, OPERATOR))).json()) as {
      job: { JobId: string };
    };
    const id = created.job.JobId;
    expect((await cancelRoute.POST(post(`/api/jobs/${id}/cancel`, {}, {}, BOB), params({ jobId: id }))).status).toBe(
      200,
    );

    const detail = (await (await jobRoute.GET(get(`/api/jobs/${id}`), params({ jobId: id }))).json()) as {
      history: { triggeredBy: { actor: string } | null; cancelledBy: { actor: string } | null };
    };
    expect(detail.history.triggeredBy?.actor).toBe("olivia@example.com");
    expect(detail.history.cancelledBy?.actor).toBe("bob@example.com");

    const list = (await (await jobsRoute.GET(get("/api/jobs?size=20"))).json()) as {
      triggeredBy: Record<string, { actor: string }>;
    };
    expect(list.triggeredBy[id]?.actor).toBe("olivia@example.com");

    const mineA = (await (await jobsRoute.GET(get("/api/jobs?mine=1&size=50", OPERATOR))).json()) as {
      jobs: { JobId: string }[];
    };
    const mineB = (await (await jobsRoute.GET(get("/api/jobs?mine=1&size=50", BOB))).json()) as {
      jobs: { JobId: string }[];
    };
    expect(mineA.jobs.map((j) => j.JobId)).toContain(id);
    expect(mineB.jobs.map((j) => j.JobId)).not.toContain(id);

    const rows = await listAudit({ jobId: id, limit: 10 });
    expect(rows.entries.map((e) => [e.action, e.actor, e.outcome]).sort()).toEqual([
      ["cancel", "bob@example.com", "success"],
      ["trigger", "olivia@example.com", "success"],
    ]);
    expect(rows.entries.every((e) => e.ciRequestId)).toBe(true);
  });

  it("records CI's refusal with its code", async () => {
    await setFaults({ slowDownRate: 1, routes: ["POST /inventorytriggerjob"] });
    const res = await jobsRoute.POST(post("/api/jobs", request("audit-refused")));
    await h.admin("faults", { method: "DELETE" });
    expect(res.status).toBe(503);
    const rows = await listAudit({ actor: "olivia", outcome: "error", limit: 50 });
    const row = rows.entries.find((e) => (e.request as { Name?: string }).Name === "audit-refused");
    expect(row?.errorCode).toBe("SlowDown");
  });

  it("leaves a lost answer as unknown, then reconciles it from CI", async () => {
    await setFaults({ dropRate: 1, dropAfterProcessing: true, routes: ["POST /inventorytriggerjob"] });
    const res = await jobsRoute.POST(post("/api/jobs", request("audit-lost-answer")));
    await h.admin("faults", { method: "DELETE" });
    expect(res.status).toBe(502);
    const open = await listAudit({ outcome: "unknown", limit: 50 });
    const row = open.entries.find((e) => (e.request as { Name?: string }).Name === "audit-lost-answer");
    expect(row).toBeDefined();

    const target = resolveTarget(BUCKET);
    // Pretend eleven minutes passed, so the search window has closed and the row is old enough.
    const later = new Date(Date.now() + 11 * 60_000);
    const report = await reconcileUnknown(BUCKET, ciReconcileLookup(getRuntime().client, target), {
      minAgeMs: 0,
      now: () => later,
    });
    expect(report.settled).toBeGreaterThanOrEqual(1);
    const settled = await listAudit({ jobId: undefined, actor: "olivia", action: "trigger", limit: 100 });
    const after = settled.entries.find((e) => e.id === row!.id);
    expect(after?.outcome).toBe("success");
    expect(after?.jobId).toMatch(/^b/);
    expect(after?.reconcileNote).toBeTruthy();
  });
});
