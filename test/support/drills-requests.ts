/** Trigger bodies the drills send (valid per lib/jobs/request-schema). */
import type { DrillHarness } from "./drills-harness";
import { BUCKET } from "./route-harness";

export const workflowRequest = (workflowId: string, name: string) => ({
  Name: name,
  Type: "Workflow",
  Input: { Prefix: "input/" },
  Operation: { WorkflowIds: workflowId },
});

/** An Active workflow of the first bucket, read straight from the emulator's seed data. */
export function activeWorkflowId(h: DrillHarness): string {
  const wf = h.emulator.store
    .allBuckets()
    .find((b) => b.bucket === BUCKET)
    ?.workflows.find((w) => w.state === "Active");
  if (!wf) throw new Error("the emulator seeds at least one Active workflow");
  return wf.workflowId;
}
