"use client";
import { useFormContext, useWatch } from "react-hook-form";
import type { WizardValues } from "@/lib/jobs/draft";
import { paramDefaults } from "@/lib/jobs/draft-request";
import type { TagName } from "@/lib/jobs/tags";
import { ParamFields } from "../field-renderer";
import { RadioGroup, Section, SelectInput, TRUE_FALSE, useFieldError } from "../form-controls";
import { PickerField } from "../picker-field";
import { TagChooser } from "../tag-chooser";
import { tagModule } from "../tag-registry";
import { WorkflowIdsField } from "../workflow-ids-field";

/** Step 3: a workflow to run, or a Tag with its parameters (a saved template or the Tag's own fields) and a queue. */
export function OperationStep() {
  const { control, getValues, setValue } = useFormContext<WizardValues>();
  const type = useWatch({ control, name: "Type" });
  const bucket = useWatch({ control, name: "bucket" });
  const tag = useWatch({ control, name: "Operation.Tag" });
  const paramMode = useWatch({ control, name: "paramMode" });
  const jobParamError = useFieldError("Operation.JobParam");

  if (type === "Workflow") {
    return (
      <Section
        title="Workflow"
        description="Each chosen workflow runs on every matching file, with the settings saved in it."
      >
        <WorkflowIdsField bucket={bucket} />
      </Section>
    );
  }

  const mod = tagModule(tag);

  /** A new Tag starts from its own defaults: the previous Tag's parameters mean nothing to it. */
  function onTagChange(next: TagName) {
    const m = tagModule(next);
    if (!m) return;
    setValue("Operation.JobParam", paramDefaults(m.fields, m.paramElement));
    if (!m.templateTag) setValue("paramMode", "inline");
    if (getValues("Operation.Output.StreamExtract").length === 0 && m.output === "streamExtract") {
      setValue("Operation.Output.StreamExtract", [{ Index: "0", Object: "" }]);
    }
  }

  const withTemplate = !!mod?.templateTag && paramMode === "template";
  const visibleFields = mod ? (withTemplate ? mod.fields.filter((f) => f.name !== mod.paramElement) : mod.fields) : [];

  return (
    <div className="space-y-4">
      <Section title="Tag">
        <TagChooser onTagChange={onTagChange} />
      </Section>
      {mod && (
        <Section title={`${mod.label} parameters`} description={mod.description}>
          {jobParamError && <p className="text-sm font-medium text-red-700">{jobParamError}</p>}
          {mod.templateTag && (
            <RadioGroup
              name="paramMode"
              legend="Parameters from"
              layout="row"
              onValueChange={(v) => {
                const el = mod.paramElement;
                const group = el ? mod.fields.find((f) => f.name === el) : undefined;
                if (
                  v === "inline" &&
                  el &&
                  group?.kind === "group" &&
                  getValues(`Operation.JobParam.${el}`) === undefined
                ) {
                  setValue(`Operation.JobParam.${el}`, paramDefaults(group.fields));
                }
              }}
              options={[
                {
                  value: "template",
                  label: "A saved template",
                  description: "CI uses the template's settings (it takes precedence).",
                },
                { value: "inline", label: "Set them here", description: "Fill in the parameters below." },
              ]}
            />
          )}
          {withTemplate && (
            <PickerField
              key={mod.templateTag}
              name="Operation.JobParam.TemplateId"
              label="Template"
              kind="templates"
              tag={mod.templateTag}
              bucket={bucket}
              required
              emptyLabel="— choose a template —"
              placeholder="t1460606b9752148c4ab182f55163ba7cd"
            />
          )}
          {visibleFields.length > 0 ? (
            <>
              {withTemplate && (
                <p className="text-sm text-slate-700">These settings apply together with the template:</p>
              )}
              <ParamFields key={`${mod.tag}-${paramMode}`} fields={visibleFields} alwaysOpen={mod.paramElement} />
            </>
          ) : (
            !withTemplate && <p className="text-sm text-slate-700">{mod.label} takes no parameters.</p>
          )}
        </Section>
      )}
      {mod && (
        <Section title="Queue and transcoding (optional)">
          <PickerField
            name="Operation.QueueId"
            label="Queue"
            kind="queues"
            bucket={bucket}
            tag={mod.tag}
            emptyLabel="— the bucket's default queue —"
            placeholder="p893bcda225bf4945a378da6662e81a89"
          />
          <SelectInput
            name="Operation.QueueType"
            label="Queue type"
            help="SpeedTranscoding runs the job on CI's fast-transcoding queues; it can replace a QueueId."
            options={[{ value: "SpeedTranscoding", label: "SpeedTranscoding — fast transcoding" }]}
            emptyLabel="— the queue's own type —"
          />
          <SelectInput
            name="Operation.FreeTranscode"
            label="Free transcoding (FreeTranscode, optional)"
            options={TRUE_FALSE}
            emptyLabel="— not sent —"
            help="Sent as Operation.FreeTranscode, the switch cos-go-sdk-v5 carries on every batch Job (its workflow nodes have the same one under TranscodeConfig). CI's pages do not describe what it changes; leave it unsent unless you rely on it."
          />
        </Section>
      )}
    </div>
  );
}
