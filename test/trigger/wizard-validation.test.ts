import { describe, expect, it } from "vitest";
import { emptyWizardValues, type WizardValues } from "@/lib/jobs/draft";
import { flattenErrors, issuesFromServer, nestIssues, stepOfPath, toFormPath } from "@/components/trigger/wizard-paths";
import { checkWizard, wizardResolver } from "@/components/trigger/wizard-validation";

const target = { bucket: "examplebucket-1250000000", region: "ap-beijing" };

function transcodeValues(): WizardValues {
  const v = emptyWizardValues(target);
  v.Name = "nightly";
  v.Input.Prefix = "in/";
  v.Operation.Tag = "Transcode";
  v.paramMode = "template";
  v.Operation.JobParam = { TemplateId: "t1460606b9752148c4ab182f55163ba7cd" };
  v.Operation.Output.Object = "out/${InventoryTriggerJobId}.mp4";
  return v;
}

describe("stepOfPath", () => {
  it("assigns every form path to the step that shows it", () => {
    expect(stepOfPath("Name")).toBe(0);
    expect(stepOfPath("Input.Prefix")).toBe(1);
    expect(stepOfPath("Operation.TimeInterval.End")).toBe(1);
    expect(stepOfPath("Operation.JobParam.Transcode.Video.Width")).toBe(2);
    expect(stepOfPath("Operation.Output.StreamExtract.0.Index")).toBe(3);
    expect(stepOfPath("Operation.CallBackMqConfig.MqName")).toBe(3);
    expect(stepOfPath("root.request")).toBe(4);
    expect(stepOfPath("Operation.Tagline")).toBe(4); // prefixes match whole segments only
  });
});

describe("toFormPath", () => {
  it("maps whole-element issues onto the control that fixes them", () => {
    const v = emptyWizardValues(target);
    v.inputSource = "Manifest";
    expect(toFormPath("Input", v)).toBe("Input.Manifest");
    expect(toFormPath("Operation.Output", v)).toBe("Operation.Output.Object");
    expect(toFormPath("Operation.CallBackMqConfig", v)).toBe("Operation.CallBackMqConfig.MqName");
    expect(toFormPath("Operation.Output.StreamExtract[2].Object", v)).toBe("Operation.Output.StreamExtract.2.Object");
    expect(toFormPath("", v)).toBe("root.request");
    v.Operation.Tag = "StreamExtract";
    expect(toFormPath("Operation.Output", v)).toBe("Operation.Output.StreamExtract");
  });
});

describe("checkWizard (the shared schema through zodResolver)", () => {
  it("accepts a valid Transcode-with-template job and returns the minimal request", async () => {
    const check = await checkWizard(transcodeValues());
    expect(check).toEqual({
      ok: true,
      request: {
        Name: "nightly",
        Type: "Job",
        Input: { Prefix: "in/" },
        Operation: {
          Tag: "Transcode",
          JobParam: { TemplateId: "t1460606b9752148c4ab182f55163ba7cd" },
          Output: {
            Region: "ap-beijing",
            Bucket: "examplebucket-1250000000",
            Object: "out/${InventoryTriggerJobId}.mp4",
          },
        },
      },
    });
  });

  it("reports issues on form paths, each in its step", async () => {
    const v = transcodeValues();
    v.Name = "";
    v.Input.Prefix = "";
    v.Operation.Output.Bucket = "Not A Bucket";
    const check = await checkWizard(v);
    expect(check.ok).toBe(false);
    const issues = check.ok ? [] : check.issues;
    const byPath = Object.fromEntries(issues.map((i) => [i.path, stepOfPath(i.path)]));
    expect(byPath).toMatchObject({ Name: 0, "Input.Prefix": 1, "Operation.Output.Bucket": 3 });
  });

  it("reports a Tag's own rules on JobParam paths (step 3)", async () => {
    const v = transcodeValues();
    v.paramMode = "inline";
    v.Operation.JobParam = { Transcode: { Container: { Format: "" } } };
    const check = await checkWizard(v);
    const paths = check.ok ? [] : check.issues.map((i) => i.path);
    expect(paths.some((p) => p.startsWith("Operation.JobParam.Transcode"))).toBe(true);
    expect(paths.every((p) => stepOfPath(p) === 2)).toBe(true);
  });

  it("the resolver gives react-hook-form nested errors on the same paths", async () => {
    const v = transcodeValues();
    v.Name = "bad name!";
    const result = await wizardResolver(v, undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(flattenErrors(result.errors).map((i) => i.path)).toEqual(["Name"]);
    const ok = await wizardResolver(transcodeValues(), undefined, { fields: {}, shouldUseNativeValidation: false });
    expect(ok.errors).toEqual({});
    expect((ok.values as { Name: string }).Name).toBe("nightly");
  });
});

describe("issuesFromServer and nestIssues", () => {
  it("maps the API's field paths and nests parents before children", () => {
    const v = emptyWizardValues(target);
    const issues = issuesFromServer(
      [
        { path: "Input", message: "Choose one input" },
        { path: "Operation.JobParam.Transcode.Video.Width", message: "even" },
        { path: "Operation.JobParam.Transcode", message: "group problem" },
      ],
      v,
    );
    expect(issues.map((i) => i.path)).toEqual([
      "Input.Prefix",
      "Operation.JobParam.Transcode.Video.Width",
      "Operation.JobParam.Transcode",
    ]);
    const nested = nestIssues(issues);
    expect(
      flattenErrors(nested)
        .map((i) => `${i.path}:${i.message}`)
        .sort(),
    ).toEqual(
      [
        "Input.Prefix:Choose one input",
        "Operation.JobParam.Transcode:group problem",
        "Operation.JobParam.Transcode.Video.Width:even",
      ].sort(),
    );
  });
});
