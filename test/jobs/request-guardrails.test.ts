import { describe, expect, it } from "vitest";
import { requestGuardrails } from "@/lib/jobs/request-guardrails";

const bucket = "examplebucket-1250000000";
const job = (input: Record<string, string | undefined>, output: Record<string, unknown>) => ({
  Type: "Job",
  Input: input,
  Operation: { Tag: "Transcode", Output: { Region: "ap-beijing", Bucket: bucket, ...output } },
});

describe("requestGuardrails", () => {
  it("warns when the output lies under the input prefix in the same bucket", () => {
    const w = requestGuardrails(
      job({ Prefix: "videos/" }, { Object: "videos/out/${InventoryTriggerJobId}.mp4" }),
      bucket,
    );
    expect(w.map((x) => x.id)).toEqual(["output-under-input"]);
    expect(w[0]?.message).toContain("lies under");
  });

  it("does not warn for another bucket or another prefix", () => {
    expect(
      requestGuardrails(job({ Prefix: "videos/" }, { Object: "out/${InventoryTriggerJobId}.mp4" }), bucket),
    ).toEqual([]);
    const other = job(
      { Prefix: "videos/" },
      { Object: "videos/${InventoryTriggerJobId}.mp4", Bucket: "archive-1250000000" },
    );
    expect(requestGuardrails(other, bucket)).toEqual([]);
  });

  it("warns 'may lie under' when the fixed part is a prefix of the input prefix", () => {
    const w = requestGuardrails(
      job({ Prefix: "videos/raw/" }, { Object: "videos/${InventoryTriggerJobId}.mp4" }),
      bucket,
    );
    expect(w[0]?.message).toContain("may lie under");
  });

  it("warns about a fixed output name when the input matches many files", () => {
    for (const input of [{ Prefix: "in/" }, { Manifest: "inv/manifest.json" }, { UrlFile: "list.txt" }]) {
      const w = requestGuardrails(job(input, { Object: "result/out.mp4" }), bucket);
      expect(w.map((x) => x.id)).toEqual(["output-without-variable"]);
    }
    expect(requestGuardrails(job({ Object: "in/a.mp4" }, { Object: "result/out.mp4" }), bucket)).toEqual([]);
  });

  it("checks SpriteObject and StreamExtract objects too", () => {
    const w = requestGuardrails(
      job(
        { Prefix: "in/" },
        {
          Object: "snap/${Number}.jpg",
          SpriteObject: "in/sprite.jpg",
          StreamExtract: [{ Index: "0", Object: "s/out0.mp4" }],
        },
      ),
      bucket,
    );
    expect(w.map((x) => `${x.id}@${x.path}`).sort()).toEqual([
      "output-under-input@Operation.Output.SpriteObject",
      "output-without-variable@Operation.Output.SpriteObject",
      "output-without-variable@Operation.Output.StreamExtract[0].Object",
    ]);
  });

  it("never warns for Workflow requests", () => {
    expect(requestGuardrails({ Type: "Workflow", Input: { Prefix: "in/" }, Operation: {} }, bucket)).toEqual([]);
  });
});
