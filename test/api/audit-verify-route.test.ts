import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as jobsRoute from "@/app/api/jobs/route";
import * as verifyRoute from "@/app/api/audit/verify/route";
import * as workflowsRoute from "@/app/api/ci/workflows/route";
import { getDb } from "@/lib/server/db";
import { get, post, startHarness, type Harness } from "../support/route-harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

type Report = {
  intact: boolean;
  rows: number;
  events: number;
  headHash: string;
  brokenAt?: { rowId: string; reason: string };
};

describe("GET /api/audit/verify", () => {
  it("reports an intact chain over every row, and the row where an edit broke it", async () => {
    const wf = (await (await workflowsRoute.GET(get("/api/ci/workflows"))).json()) as {
      items: { id: string; state?: string }[];
    };
    const workflowId = wf.items.find((w) => w.state === "Active")!.id;
    const res = await jobsRoute.POST(
      post("/api/jobs", {
        Name: "verify-me",
        Type: "Workflow",
        Input: { Prefix: "pause/in/" },
        Operation: { WorkflowIds: workflowId },
      }),
    );
    expect(res.status).toBe(201);

    const first = (await (await verifyRoute.GET(get("/api/audit/verify"))).json()) as Report;
    expect(first).toMatchObject({ intact: true, rows: 1, events: 2 });
    expect(first.headHash).toMatch(/^[0-9a-f]{64}$/);

    const [{ id } = { id: "" }] = await getDb().query<{ id: string }>("SELECT id::text AS id FROM audit_log LIMIT 1");
    await getDb().transaction(async (tx) => {
      await tx.query("ALTER TABLE audit_log DISABLE TRIGGER USER");
      await tx.query("UPDATE audit_log SET bucket = 'elsewhere-1250000000' WHERE id = $1::bigint", [id]);
      await tx.query("ALTER TABLE audit_log ENABLE TRIGGER USER");
    });
    const broken = (await (await verifyRoute.GET(get("/api/audit/verify"))).json()) as Report;
    expect(broken).toMatchObject({ intact: false, brokenAt: { rowId: id, reason: "who, what or when was changed" } });
  });

  it("needs a signed-in user", async () => {
    expect((await verifyRoute.GET(get("/api/audit/verify", {}))).status).toBe(401);
  });
});
