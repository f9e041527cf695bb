import { describe, expect, it } from "vitest";
import {
  candidateFromJob,
  triggerWindow,
  verdictForCancel,
  verdictForTrigger,
  type OpenAuditRow,
} from "@/lib/server/audit-reconcile";
import { redactForAudit } from "@/lib/server/audit-redact";

const at = new Date("2026-03-01T10:00:00Z");
const row = (request: unknown): OpenAuditRow => ({
  id: "1",
  at,
  actor: "a@example.com",
  action: "trigger",
  bucket: "b-1",
  jobId: null,
  request,
  outcome: "unknown",
  errorCode: null,
});
const ctx = (nowMs: number, attributed: string[] = []) => ({
  now: new Date(at.getTime() + nowMs),
  window: triggerWindow(at),
  attributedJobIds: new Set(attributed),
});
const job = (jobId: string, over: Partial<{ Name: string; Type: string; Tag: string; CreationTime: string }> = {}) =>
  candidateFromJob({
    JobId: jobId,
    State: "Running",
    Name: "clip",
    Type: "Job",
    Tag: "Transcode",
    CreationTime: "2026-03-01T18:00:30+0800",
    ...over,
  });
const request = { Name: "clip", Type: "Job", Operation: { Tag: "Transcode" } };

describe("trigger reconciliation heuristic", () => {
  it("takes the single job with the same Name, Type and Tag created inside the window", () => {
    const v = verdictForTrigger(
      row(request),
      [job("j1"), job("j2", { Name: "other" }), job("j3", { Tag: "Snapshot" }), job("j4", { Type: "Workflow" })],
      ctx(120_000),
    );
    expect(v).toMatchObject({ outcome: "success", jobId: "j1" });
  });

  it("ignores jobs created outside the window (CI time with its own offset) and jobs already attributed", () => {
    const early = job("j0", { CreationTime: "2026-03-01T17:58:59+0800" }); // 61 s before the intent
    const late = job("j9", { CreationTime: "2026-03-01T18:10:01+0800" }); // 10 min 1 s after
    expect(verdictForTrigger(row(request), [early, late], ctx(120_000))).toBeNull(); // window still open
    expect(verdictForTrigger(row(request), [early, late, job("j1")], ctx(20 * 60_000, ["j1"]))).toMatchObject({
      outcome: "error",
    });
  });

  it("a stored Workflow trigger without Type (as the Go SDK's example sends it) is matched as a Workflow job", () => {
    const untyped = { Name: "clip", Operation: { WorkflowIds: "w1" } };
    const wf = (id: string) => job(id, { Type: "Workflow", Tag: "" });
    expect(verdictForTrigger(row(untyped), [job("j1"), wf("j2")], ctx(120_000))).toMatchObject({
      outcome: "success",
      jobId: "j2",
    });
    expect(verdictForTrigger(row({ ...untyped, Type: 7 }), [wf("j2")], ctx(120_000))).toBeNull(); // unreadable
  });

  it("refuses to choose between two candidates, and waits while the window is open", () => {
    expect(verdictForTrigger(row(request), [job("j1"), job("j2")], ctx(30 * 60_000))).toBeNull();
    expect(verdictForTrigger(row(request), [], ctx(5 * 60_000))).toBeNull();
    expect(verdictForTrigger(row(request), [], ctx(11 * 60_000))).toMatchObject({ outcome: "error" });
    expect(verdictForTrigger(row(null), [job("j1")], ctx(30 * 60_000))).toBeNull(); // no request stored: cannot tell
  });
});

describe("cancel reconciliation heuristic", () => {
  it.each([
    ["Cancel", "success"],
    ["Success", "error"],
    ["Failed", "error"],
    ["Running", "error"],
    ["Submitted", "error"],
    [null, "error"],
  ] as const)("a job that is now %s → %s", (state, outcome) => {
    expect(verdictForCancel(state)?.outcome).toBe(outcome);
  });
  it("waits on a state it does not know", () => expect(verdictForCancel("Migrating")).toBeNull());
});

describe("what the audit log keeps of a request", () => {
  it("redacts credential-looking fields and URL parts, keeps the rest", () => {
    const out = redactForAudit({
      Name: "n",
      Operation: {
        CallBack: "https://user:pw@hooks.example.com/x?sign=1&token=2&job=3",
        AccessKey: "AK",
        JobParam: { Secret_Id: "x", Width: 1280 },
      },
    }) as { Operation: { CallBack: string; AccessKey: string; JobParam: Record<string, unknown> } };
    expect(out.Operation.AccessKey).toBe("[redacted]");
    expect(out.Operation.JobParam).toEqual({ Secret_Id: "[redacted]", Width: 1280 });
    const url = new URL(out.Operation.CallBack);
    expect(url.password).toBe("");
    expect(url.username).toBe("%5Bredacted%5D");
    expect(url.searchParams.get("sign")).toBe("[redacted]");
    expect(url.searchParams.get("token")).toBe("[redacted]");
    expect(url.searchParams.get("job")).toBe("3");
    expect(JSON.stringify(out)).not.toMatch(/pw@|AK"/);
  });

  it("caps what it stores", () => {
    expect(redactForAudit(undefined)).toBeNull();
    expect((redactForAudit({ s: "x".repeat(10_000) }) as { s: string }).s.length).toBeLessThan(4200);
    expect(redactForAudit({ items: Array.from({ length: 400 }, () => "y".repeat(4000)) })).toMatchObject({
      truncated: true,
    });
  });
});
