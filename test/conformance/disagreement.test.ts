/**
 * Issue 12 item 1: one corpus (test/conformance/corpus.ts) judged by the app's trigger schema and by the emulator's
 * own model of CI's documented elements (emulator/model/). Every disagreement is listed; each must be named below
 * with the field the stricter side refuses and a reason. An unnamed disagreement, or a named one that starts refusing
 * another field, fails the test. Where both refuse (the invalid-* variants), both must refuse the same fields.
 *
 * Not judged here, because they are not schema refusals: the request guardrails (lib/jobs/request-guardrails.ts) are
 * warnings a person acknowledges, and OUTPUT_BUCKET_ALLOWLIST is applied by the route from configuration.
 */
import { describe, expect, it } from "vitest";
import { BY_PATH } from "@/emulator/model/element-index";
import { TAG_TABLE, isModelTag } from "@/emulator/model/tag-table";
import { CORPUS, SINGLE_JOB_TAG_CASES } from "./corpus";
import { appElements } from "./element-coverage";
import { judge } from "./judges";

type Direction = "app refuses, model accepts" | "app accepts, model refuses";

/** A named disagreement: which side is stricter, the one field (normalised path, judges.ts) it refuses, and why. */
interface Named {
  direction: Direction;
  field: string;
  reason: string;
}

/** The app is stricter than CI's documents on purpose. Permanent: if one of these stops disagreeing, say why. */
const EXPECTED: Readonly<Record<string, Named>> = {
  "media-info-with-output": {
    direction: "app refuses, model accepts",
    field: "Request.Operation.Output",
    reason: "the form hides Output for Tags that write no file; CI documents no error for an unused Output",
  },
  "transcode-with-bass-object": {
    direction: "app refuses, model accepts",
    field: "Request.Operation.Output.BassObject",
    reason:
      "the app allows each Tag only the Output objects it writes (lib/jobs/tags/output-rules.ts); CI's Output table is one flat list",
  },
  "eleven-workflows": {
    direction: "app refuses, model accepts",
    field: "Request.Operation.WorkflowIds",
    reason: "MAX_WORKFLOWS_PER_TRIGGER = 10 keeps a typo from fanning out unseen; CI documents no limit",
  },
  "callback-not-a-url": {
    direction: "app refuses, model accepts",
    field: "Request.Operation.CallBack",
    reason: "the app wants an http(s) URL or `no` so a callback is not lost silently; CI documents no format",
  },
  "kafka-config-empty-instance": {
    direction: "app refuses, model accepts",
    field: "Request.Operation.CallBackKafkaConfig.InstanceId",
    reason: "the app requires Region, InstanceId and Topic for a Kafka callback; the SDKs mark none of them required",
  },
  "queue-id-not-a-queue-id": {
    direction: "app refuses, model accepts",
    field: "Request.Operation.QueueId",
    reason:
      "the app checks the ID's shape before sending; CI (and the emulator's reference check) answers QueueNotFound",
  },
  "template-id-not-a-template-id": {
    direction: "app refuses, model accepts",
    field: "Request.Operation.JobParam.TemplateId",
    reason: "the app checks the ID's shape before sending; CI answers TemplateNotFound",
  },
  "app-defaults-Animation": {
    direction: "app refuses, model accepts",
    field: "Request.Operation.JobParam.Animation.Video.AnimateFramesPerSecond",
    reason:
      "the app enforces §4.3's cross-field rule (without AnimateOnlyKeepKeyFrame one of the frame settings is needed); the model checks elements one by one",
  },
  "app-defaults-SmartCover": {
    direction: "app refuses, model accepts",
    field: "Request.Operation.Output.Object",
    reason: "the app enforces §4.4's `${Number}` in Output.Object; the model does not read object-name variables",
  },
};

/**
 * Gaps in the app that other work closes (issue 12 item 2; the tags-flaky branch adds ImageInspect and the inline
 * Transcode/Watermark). Listed so the disagreement is visible; once the app changes, delete the entry: a PENDING entry
 * that no longer disagrees is reported by the last test.
 */
const PENDING: Readonly<Record<string, Named>> = {};

/**
 * invalid-* variants that both sides refuse, but at different fields, legitimately: the exact fields of each side
 * and why. Wording differences (array indices, unknown elements named at their parent) are normalised in judges.ts,
 * not listed here.
 */
const DIFFERENT_FIELDS: Readonly<Record<string, { app: string[]; model: string[]; reason: string }>> = {
  "invalid-transcode-neither-template-nor-params": {
    app: ["Request.Operation.JobParam.Transcode"],
    model: ["Request.Operation.JobParam"],
    reason:
      "the app marks the Transcode block, where the form asks for a template or parameters; the model, like CI's doc, states the rule on JobParam (TemplateId or Transcode)",
  },
  "invalid-transcode-no-container-format": {
    app: ["Request.Operation.JobParam.Transcode.Container.Format"],
    model: ["Request.Operation.JobParam.Transcode.Container"],
    reason:
      "the app's form has a Format field (Container is its group), so it names the leaf; the model checks documented elements, and the required one missing here is Container",
  },
  "invalid-video-tag-no-scenario": {
    app: ["Request.Operation.JobParam.VideoTag"],
    model: ["Request.Operation.JobParam.VideoTag", "Request.Operation.JobParam.VideoTag.Scenario"],
    reason:
      "both refuse the empty VideoTag block; the model also names the required Scenario inside it, the app names the block once (the form's one field)",
  },
};

/** JobParam elements the app's Tag registry can send that no batch source lists (the same gaps as above, per element). */
const PENDING_ELEMENTS: Readonly<Record<string, string>> = {};

const results = CORPUS.map((c) => ({ name: c.name, ...judge(c.request) }));
const disagreements = results
  .filter((r) => r.app.ok !== r.model.ok)
  .map((r) => ({
    name: r.name,
    direction: (r.app.ok ? "app accepts, model refuses" : "app refuses, model accepts") as Direction,
    app: r.app.paths,
    model: r.model.paths,
    stricter: r.app.ok ? r.model.fields : r.app.fields,
  }));

describe("the app's trigger schema against the emulator's model of CI", () => {
  it("covers every Tag, every SDK request and invalid variants", () => {
    expect(CORPUS.length).toBeGreaterThan(90);
    expect(CORPUS.filter((c) => c.name.startsWith("invalid-")).length).toBeGreaterThan(40);
    expect(CORPUS.filter((c) => c.name.startsWith("seed-")).length).toBeGreaterThanOrEqual(150);
    expect(CORPUS.filter((c) => c.name.startsWith("sdk-")).length).toBeGreaterThanOrEqual(15);
    expect(new Set(CORPUS.map((c) => c.name)).size).toBe(CORPUS.length);
  });

  it("lists every disagreement, and each one is named with its reason", () => {
    // The full list, for whoever reads the test output.
    console.info(
      disagreements
        .map(
          (d) => `${d.name}: ${d.direction} (app: ${d.app.join(", ") || "ok"}; model: ${d.model.join(", ") || "ok"})`,
        )
        .join("\n"),
    );
    const unnamed = disagreements.filter((d) => !EXPECTED[d.name] && !PENDING[d.name]);
    expect(unnamed).toEqual([]);
    for (const d of disagreements) expect(d.direction, d.name).toBe((EXPECTED[d.name] ?? PENDING[d.name])!.direction);
  });

  it("each named disagreement is about the field it names (another reason to disagree is a new disagreement)", () => {
    const named = disagreements.filter((d) => EXPECTED[d.name] ?? PENDING[d.name]);
    expect(named.length).toBeGreaterThanOrEqual(Object.keys(EXPECTED).length);
    for (const d of named) expect(d.stricter, d.name).toEqual([(EXPECTED[d.name] ?? PENDING[d.name])!.field]);
  });

  it("every EXPECTED disagreement still happens (the app is still stricter there, on purpose)", () => {
    const seen = new Set(disagreements.map((d) => d.name));
    expect(Object.keys(EXPECTED).filter((n) => !seen.has(n))).toEqual([]);
  });

  it("every invalid variant is refused by both, so the 4xx names a field before anything reaches CI", () => {
    const accepted = results
      .filter((r) => r.name.startsWith("invalid-") && (r.app.ok || r.model.ok))
      .map((r) => r.name);
    expect(accepted).toEqual([]);
  });

  it("every invalid variant is refused at the same field by both (or at the fields DIFFERENT_FIELDS names)", () => {
    const invalid = results.filter((r) => r.name.startsWith("invalid-"));
    for (const r of invalid) {
      expect(r.app.fields.length, r.name).toBeGreaterThan(0);
      const known = DIFFERENT_FIELDS[r.name];
      if (known)
        expect({ app: r.app.fields, model: r.model.fields }, r.name).toEqual({ app: known.app, model: known.model });
      else expect(r.app.fields, r.name).toEqual(r.model.fields);
    }
    // Every listed difference is a corpus case, so a renamed case cannot hide here.
    expect(Object.keys(DIFFERENT_FIELDS).filter((n) => !invalid.some((r) => r.name === n))).toEqual([]);
  });

  it("the single-job Tags whose blocks only the Go batch struct carries are refused by both, at Operation.Tag", () => {
    expect(SINGLE_JOB_TAG_CASES.map((c) => c.name)).toEqual(
      ["Translation", "WordsGeneralize", "DNA", "VocalScore", "ImageOCR"].map((t) => `invalid-single-job-tag-${t}`),
    );
    for (const c of SINGLE_JOB_TAG_CASES) {
      const { app, model } = judge(c.request);
      expect([app.ok, model.ok], c.name).toEqual([false, false]);
      expect(app.paths, c.name).toContain("Request.Operation.Tag");
      expect(model.paths, c.name).toContain("Request.Operation.Tag");
    }
  });

  it("every JobParam element and enum option the app's Tag registry can send is one the model accepts for that Tag", () => {
    const unknown: string[] = [];
    const refusedOptions: string[] = [];
    for (const e of appElements()) {
      const spec = BY_PATH.get(e.path);
      const top = e.path.split(".")[3]!;
      if (!spec || !isModelTag(e.tag) || !TAG_TABLE[e.tag].jobParam.includes(top)) {
        if (!PENDING_ELEMENTS[`${e.tag} ${e.path}`]) unknown.push(`${e.tag} ${e.path}`);
        continue;
      }
      for (const o of e.options ?? [])
        if (spec.enum && !spec.enum.includes(o)) refusedOptions.push(`${e.tag} ${e.path}=${o}`);
    }
    expect(appElements().length).toBeGreaterThan(300);
    expect(unknown).toEqual([]);
    expect(refusedOptions).toEqual([]);
  });

  it("reports PENDING entries that no longer disagree (delete them after merging the work that closed them)", () => {
    const seen = new Set(disagreements.map((d) => d.name));
    const closed = Object.keys(PENDING).filter((n) => !seen.has(n));
    if (closed.length) console.info(`PENDING gaps now closed: ${closed.join(", ")}`);
    // Every PENDING name must still be a corpus case, so a renamed case cannot hide here.
    expect(Object.keys(PENDING).filter((n) => !results.some((r) => r.name === n))).toEqual([]);
  });
});
