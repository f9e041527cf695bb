/** Admin: COS objects clients wrote, a batch's files and failures, finishing a batch now, the lifecycle clock. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileFailure } from "./batch/file-outcome";
import { DOC_SAMPLE_IDS } from "./seed/catalog";
import { BUCKET, jobsOf, REGION, startHarness, type Harness } from "./test-support/harness";
import type { AdminBatchFiles, AdminCosObject } from "./admin-files";
import { rawRequest } from "./test-support/harness";

const COS_HOST = `${BUCKET}.cos.${REGION}.myqcloud.com`;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function triggerWorkflow(prefix: string): Promise<string> {
  const body = `<Request><Name>admin-files</Name><Type>Workflow</Type><Input><Prefix>${prefix}</Prefix></Input><Operation><WorkflowIds>${DOC_SAMPLE_IDS.workflowId}</WorkflowIds></Operation></Request>`;
  return String(jobsOf(await h.send({ method: "POST", path: "/inventorytriggerjob", body }))[0]!.JobId);
}

describe("admin: COS objects", () => {
  it("lists what clients PUT under a prefix, with the body", async () => {
    const lines = "https://x/a.mp4\nhttps://x/b c.mp4\n";
    await h.send({
      method: "PUT",
      path: "/retry/list-1.txt",
      host: COS_HOST,
      body: lines,
      headers: { "Content-Type": "text/plain" },
    });
    await h.send({ method: "PUT", path: "/other/x.txt", host: COS_HOST, body: "x" });
    const r = await h.admin("GET", `cos/objects?bucket=${BUCKET}&prefix=retry%2F`);
    expect(r.status).toBe(200);
    const objects = r.json.objects as AdminCosObject[];
    expect(objects.map((o) => [o.key, o.body, o.contentType])).toEqual([["retry/list-1.txt", lines, "text/plain"]]);
    expect(r.json.bucket).toBe(BUCKET);
    expect((await h.admin("GET", "cos/objects?bucket=nope-1250000000")).status).toBe(404);
  });
});

describe("admin: batch files", () => {
  it("lists a batch's files with states and failures, and finish ends it now", async () => {
    const jobId = await triggerWorkflow("media/small/");
    const before = (await h.admin("GET", `batches/${jobId}/files`)).json as AdminBatchFiles;
    expect([before.batchState, before.fileCount, before.files.length]).toEqual(["Submitted", 12, 0]);
    const done = (await h.admin("POST", `batches/${jobId}/finish`)).json as AdminBatchFiles;
    expect(done.batchState).toBe("Success");
    const failed = (await h.admin("GET", `batches/${jobId}/files?state=Failed`)).json as AdminBatchFiles;
    const expected = Array.from(
      { length: 12 },
      (_, i) => `media/small/clip-${String(i + 1).padStart(2, "0")}.${["mp4", "mov", "mkv", "mp4"][i % 4]}`,
    ).filter((k) => fileFailure(k));
    expect(failed.files.map((f) => f.key)).toEqual(expected);
    expect((failed.counts.Success ?? 0) + (failed.counts.Failed ?? 0)).toBe(12);
    expect(failed.files.every((f) => f.code && f.message)).toBe(true);
    expect((await h.admin("GET", "batches/bnope/files")).status).toBe(404);
  });

  it("the clock moves the lifecycle forward; signed requests still pass", async () => {
    const jobId = await triggerWorkflow("media/one/");
    const moved = await h.admin("POST", "clock", { ms: 10_000 });
    expect(moved.json.offsetMs).toBe(10_000);
    const r = await h.send({ path: `/inventorytriggerjob/${jobId}` });
    expect(r.status).toBe(200);
    expect(jobsOf(r)[0]!.State).toBe("Success");
    expect((await h.admin("POST", "clock", { ms: -5 })).status).toBe(400);
    await h.admin("POST", "reset");
    expect((await h.admin("GET", "clock")).json.offsetMs).toBe(0);
  });

  it("the same origin and content-type rules as the rest of the admin API", async () => {
    const r = await rawRequest(h.port, "GET", "/__emulator/cos/objects", {
      Host: `127.0.0.1:${h.port}`,
      Origin: "https://evil.example",
    });
    expect(r.status).toBe(403);
    const form = await rawRequest(
      h.port,
      "POST",
      "/__emulator/clock",
      { Host: `127.0.0.1:${h.port}`, "Content-Type": "text/plain" },
      '{"ms":5}',
    );
    expect(form.status).toBe(415);
  });
});
