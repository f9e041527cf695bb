/**
 * The wizard's side of issue 12 item 2 for three elements the SDKs send: `Output.Force` (cos-go-sdk-v5 JobOutput),
 * `Operation.FreeTranscode` (cos-go-sdk-v5 InventoryTriggerJobOperation) and several `WorkflowIds` in one trigger.
 * Draft → Request → the exact XML sent, and back: a stored draft and a duplicated job keep them.
 */
import { describe, expect, it } from "vitest";
import { buildXml } from "@/lib/ci/xml";
import { emptyWizardValues, type WizardValues } from "@/lib/jobs/draft";
import { draftToRequest, joinWorkflowIds, requestToDraft } from "@/lib/jobs/draft-request";
import { draftSchema } from "@/lib/jobs/draft-schema";
import { fromJobDetail } from "@/lib/jobs/from-job-detail";
import { diffRequests } from "@/lib/jobs/request-diff";
import { triggerRequestSchema } from "@/lib/jobs/request-schema";
import { lookupTag } from "@/components/trigger/tag-registry";

const target = { bucket: "examplebucket-1250000000", region: "ap-beijing" };
const W1 = "w7476ff3564ee45b7b490d64bccaba6cc";
const W2 = "w5a99d4c18a158468d2a7817d7c09f120";
const TEMPLATE = "t1460606b9752148c4ab182f55163ba7cd";

/** A Transcode job from a template with both switches set, as the wizard holds it. */
function transcodeValues(force: string, freeTranscode: string): WizardValues {
  const v = emptyWizardValues(target);
  v.Name = "switches";
  v.Input.Prefix = "in/";
  v.Operation.Tag = "Transcode";
  v.paramMode = "template";
  v.Operation.JobParam = { TemplateId: TEMPLATE };
  v.Operation.Output.Object = "out/${InventoryTriggerJobId}.mp4";
  v.Operation.Output.Force = force;
  v.Operation.FreeTranscode = freeTranscode;
  return v;
}

/** What POST /api/jobs would send for these values: the schema's output as XML. */
function sentXml(values: WizardValues): string {
  const parsed = triggerRequestSchema.safeParse(draftToRequest(values, lookupTag));
  expect(parsed.error?.issues).toBeUndefined();
  return buildXml("Request", parsed.data as unknown as Record<string, unknown>);
}

describe("Output.Force and Operation.FreeTranscode in the draft", () => {
  it("are sent as set, in the exact XML, and read back into the same draft", () => {
    const values = transcodeValues("true", "false");
    const request = draftToRequest(values, lookupTag);
    expect(request.Operation).toMatchObject({ FreeTranscode: "false", Output: { Force: "true" } });
    expect(sentXml(values)).toBe(
      "<Request><Name>switches</Name><Type>Job</Type><Input><Prefix>in/</Prefix></Input><Operation>" +
        `<Tag>Transcode</Tag><JobParam><TemplateId>${TEMPLATE}</TemplateId></JobParam>` +
        "<Output><Region>ap-beijing</Region><Bucket>examplebucket-1250000000</Bucket>" +
        "<Object>out/${InventoryTriggerJobId}.mp4</Object><Force>true</Force></Output>" +
        "<FreeTranscode>false</FreeTranscode></Operation></Request>",
    );
    const back = requestToDraft(request, target);
    expect(back.Operation.Output.Force).toBe("true");
    expect(back.Operation.FreeTranscode).toBe("false");
    expect(draftToRequest(back, lookupTag)).toEqual(request);
  });

  it("are not sent when left empty (the select's 'not sent')", () => {
    const xml = sentXml(transcodeValues("", ""));
    expect(xml).not.toContain("<Force>");
    expect(xml).not.toContain("<FreeTranscode>");
  });

  it("Force goes only where there is an Output: a Tag that writes no files sends none", () => {
    const v = transcodeValues("true", "true");
    v.Operation.Tag = "ImageInspect";
    v.paramMode = "inline";
    v.Operation.JobParam = {};
    const request = draftToRequest(v, lookupTag);
    expect(request.Operation).not.toHaveProperty("Output");
    expect(request.Operation).toMatchObject({ FreeTranscode: "true" });
    expect(triggerRequestSchema.safeParse(request).success).toBe(true);
  });

  it("a Workflow trigger sends neither (they are Job elements)", () => {
    const v = transcodeValues("true", "true");
    v.Type = "Workflow";
    v.Operation.WorkflowIds = W1;
    expect(draftToRequest(v, lookupTag)).toEqual({
      Name: "switches",
      Type: "Workflow",
      Input: { Prefix: "in/" },
      Operation: { WorkflowIds: W1 },
    });
  });

  it("a value other than true or false is refused by the schema, naming the field", () => {
    const request = draftToRequest(transcodeValues("yes", "1"), lookupTag);
    const r = triggerRequestSchema.safeParse(request);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(
      ["Operation.FreeTranscode", "Operation.Output.Force"].sort(),
    );
  });

  it("a stored draft keeps them, and a draft stored before they existed loads with both unset", () => {
    const values = transcodeValues("false", "true");
    const stored = { version: 1, savedAt: "2026-01-01T00:00:00.000Z", step: 3, values };
    const loaded = draftSchema.parse(JSON.parse(JSON.stringify(stored)));
    expect(loaded.values.Operation.Output.Force).toBe("false");
    expect(loaded.values.Operation.FreeTranscode).toBe("true");

    const old = structuredClone(stored) as { values: { Operation: Record<string, unknown> } };
    delete old.values.Operation.FreeTranscode;
    delete (old.values.Operation.Output as Record<string, unknown>).Force;
    const older = draftSchema.parse(old);
    expect(older.values.Operation.FreeTranscode).toBe("");
    expect(older.values.Operation.Output.Force).toBe("");
  });

  it("duplicating a job keeps both: the Review diff shows no change", () => {
    const { request: source, dropped } = fromJobDetail(
      {
        JobId: "b-dup",
        State: "Success",
        Name: "switches",
        Type: "Job",
        Input: { Prefix: "in/" },
        Operation: {
          Tag: "Transcode",
          JobParam: { TemplateId: TEMPLATE },
          Output: { Region: "ap-beijing", Bucket: "examplebucket-1250000000", Object: "o.mp4", Force: "true" },
          FreeTranscode: "false",
        },
      },
      lookupTag,
    );
    expect(dropped).toEqual([]);
    const current = draftToRequest(requestToDraft(source, target), lookupTag);
    expect(current.Operation).toMatchObject({ FreeTranscode: "false", Output: { Force: "true" } });
    expect(diffRequests(source, current)).toEqual([]);
  });
});

describe("several workflows in one trigger", () => {
  it("rows joined in the order chosen; blanks and empty rows are not sent", () => {
    expect(joinWorkflowIds(`${W2},${W1}`)).toBe(`${W2},${W1}`);
    expect(joinWorkflowIds(` ${W1} ,, ${W2},`)).toBe(`${W1},${W2}`);
    expect(joinWorkflowIds(",")).toBe("");
    expect(joinWorkflowIds("")).toBe("");
  });

  it("are sent as one comma-separated WorkflowIds and read back into the same rows", () => {
    const v = emptyWizardValues(target);
    v.Name = "two-workflows";
    v.Type = "Workflow";
    v.Input.Prefix = "in/";
    v.Operation.WorkflowIds = `${W2},${W1},`; // a third row added and left empty
    expect(sentXml(v)).toBe(
      "<Request><Name>two-workflows</Name><Type>Workflow</Type><Input><Prefix>in/</Prefix></Input>" +
        `<Operation><WorkflowIds>${W2},${W1}</WorkflowIds></Operation></Request>`,
    );
    const back = requestToDraft(draftToRequest(v, lookupTag), target);
    expect(back.Type).toBe("Workflow");
    expect(back.Operation.WorkflowIds).toBe(`${W2},${W1}`);
  });

  it("no workflow chosen is named by the schema", () => {
    const v = emptyWizardValues(target);
    v.Name = "none";
    v.Type = "Workflow";
    v.Input.Prefix = "in/";
    v.Operation.WorkflowIds = ",";
    const r = triggerRequestSchema.safeParse(draftToRequest(v, lookupTag));
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["Operation.WorkflowIds"]);
  });
});
