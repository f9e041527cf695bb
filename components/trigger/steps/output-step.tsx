"use client";
import { useRef } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import type { WizardValues } from "@/lib/jobs/draft";
import { OUTPUT_FIELDS } from "@/lib/jobs/draft-request";
import { TAGS_WITHOUT_OUTPUT } from "@/lib/jobs/tags/names";
import { Section, SelectInput, TextInput, TRUE_FALSE } from "../form-controls";
import { tagModule } from "../tag-registry";
import { InsertTargetProvider, useInsertTarget, VariableChips } from "../variable-chips";

function OutputNameInput({
  name,
  label,
  help,
  placeholder,
}: {
  name: string;
  label: string;
  help?: string;
  placeholder?: string;
}) {
  const track = useInsertTarget(name);
  return <TextInput name={name} label={label} help={help} placeholder={placeholder} required={false} {...track} />;
}

function StreamExtractList() {
  const { control } = useFormContext<WizardValues>();
  const { fields, append, remove } = useFieldArray({ control, name: "Operation.Output.StreamExtract" });
  const addRef = useRef<HTMLButtonElement>(null);
  return (
    <fieldset className="rounded-md border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold text-slate-800">
        Streams to extract ({fields.length} of at most 20)
      </legend>
      <p className="mb-2 text-xs text-slate-600">
        Each stream (by its index in the source, 0 = first) is written to its own object.
      </p>
      <ol className="space-y-3">
        {fields.map((f, i) => (
          <li key={f.id} className="grid gap-3 sm:grid-cols-[8rem_1fr_auto] sm:items-end">
            <TextInput
              name={`Operation.Output.StreamExtract.${i}.Index`}
              label={`Stream ${i + 1} index`}
              inputMode="numeric"
            />
            <OutputNameInput
              name={`Operation.Output.StreamExtract.${i}.Object`}
              label={`Stream ${i + 1} object`}
              placeholder={`out/${"${InventoryTriggerJobId}"}/stream${i}.mp4`}
            />
            <button
              type="button"
              className="mb-2 text-sm text-red-800 underline hover:text-red-950"
              onClick={() => {
                remove(i);
                addRef.current?.focus();
              }}
            >
              Remove stream {i + 1}
            </button>
          </li>
        ))}
      </ol>
      <button
        ref={addRef}
        type="button"
        onClick={() => append({ Index: String(fields.length), Object: "" })}
        disabled={fields.length >= 20}
        className="mt-3 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50"
      >
        Add stream
      </button>
    </fieldset>
  );
}

/** Step 4 (Job type only): where results go, priority, user data and the completion callback. */
export function OutputStep() {
  const { control } = useFormContext<WizardValues>();
  const tag = useWatch({ control, name: "Operation.Tag" });
  const callBackType = useWatch({ control, name: "Operation.CallBackType" });
  const mod = tagModule(tag);
  const kind = tag && TAGS_WITHOUT_OUTPUT.includes(tag) ? "none" : (mod?.output ?? "object");
  const outputs = OUTPUT_FIELDS[kind];
  const firstTarget = kind === "streamExtract" ? "Operation.Output.StreamExtract.0.Object" : "Operation.Output.Object";

  return (
    <div className="space-y-4">
      <Section
        title="Output"
        description={
          kind === "none"
            ? undefined
            : "Where the results are written. Object names may contain variables, filled in per file."
        }
      >
        {kind === "none" ? (
          <p className="text-sm text-slate-700">
            {mod?.label ?? tag} writes no output files: its results are part of the job.
          </p>
        ) : (
          <InsertTargetProvider defaultTarget={firstTarget}>
            <div className="grid gap-4 sm:grid-cols-2">
              <TextInput name="Operation.Output.Region" label="Region" required placeholder="ap-beijing" />
              <TextInput
                name="Operation.Output.Bucket"
                label="Bucket"
                required
                placeholder="examplebucket-1250000000"
              />
            </div>
            <VariableChips />
            {outputs.includes("Object") && (
              <OutputNameInput
                name="Operation.Output.Object"
                label={kind === "voiceSeparate" ? "Background track object (Object)" : "Object"}
                placeholder={
                  kind === "snapshot"
                    ? "snapshots/${InventoryTriggerJobId}/${Number}.jpg"
                    : "output/${InventoryTriggerJobId}/out.${ext}"
                }
                help={kind === "snapshot" ? "Several images are written: include ${Number}." : undefined}
              />
            )}
            {outputs.includes("SpriteObject") && (
              <OutputNameInput
                name="Operation.Output.SpriteObject"
                label="Sprite object (SpriteObject)"
                placeholder="sprites/${InventoryTriggerJobId}/${Number}.jpg"
                help="Only for sprite snapshots; jpg."
              />
            )}
            {outputs.includes("AuObject") && (
              <OutputNameInput
                name="Operation.Output.AuObject"
                label="Vocals object (AuObject)"
                placeholder="vocals/${InventoryTriggerJobId}.mp3"
                help="Give the background object, the vocals object, or both."
              />
            )}
            {outputs.includes("BassObject") && (
              <OutputNameInput
                name="Operation.Output.BassObject"
                label="Bass object (BassObject, optional)"
                placeholder="bass/${InventoryTriggerJobId}.mp3"
                help="Four-stem separation only."
              />
            )}
            {outputs.includes("DrumObject") && (
              <OutputNameInput
                name="Operation.Output.DrumObject"
                label="Drum object (DrumObject, optional)"
                placeholder="drums/${InventoryTriggerJobId}.mp3"
                help="Four-stem separation only."
              />
            )}
            {outputs.includes("StreamExtract") && <StreamExtractList />}
            <SelectInput
              name="Operation.Output.Force"
              label="Force (Output.Force, optional)"
              options={TRUE_FALSE}
              emptyLabel="— not sent —"
              help="Sent as Output.Force, the switch cos-go-sdk-v5's JobOutput carries (true or false). CI's pages do not describe it; by its name it forces the results to be written. Leave it unsent unless you rely on it."
            />
          </InsertTargetProvider>
        )}
      </Section>
      <Section title="Priority and user data">
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectInput
            name="Operation.JobLevel"
            label="Priority (JobLevel)"
            options={[
              { value: "0", label: "0 — normal" },
              { value: "1", label: "1 — higher" },
              { value: "2", label: "2 — highest" },
            ]}
            emptyLabel="— default (0) —"
          />
          <TextInput
            name="Operation.UserData"
            label="User data"
            help="Passed through to the callback; printable ASCII, at most 1024 characters."
          />
        </div>
      </Section>
      <Section title="Callback (optional)" description="Overrides the queue's callback settings for this job.">
        <TextInput
          name="Operation.CallBack"
          label="Callback URL"
          type="url"
          placeholder="https://example.com/ci-callback"
          help="http(s) URL, or no to send no callback at all."
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectInput
            name="Operation.CallBackFormat"
            label="Callback format"
            options={[
              { value: "XML", label: "XML" },
              { value: "JSON", label: "JSON" },
            ]}
            emptyLabel="— default (XML) —"
          />
          <SelectInput
            name="Operation.CallBackType"
            label="Callback type"
            options={[
              { value: "Url", label: "URL (HTTP)" },
              { value: "TDMQ", label: "TDMQ message queue" },
              { value: "Kafka", label: "Kafka (CKafka topic)" },
            ]}
            emptyLabel="— default (URL) —"
          />
        </div>
        {callBackType === "TDMQ" && (
          <fieldset className="grid gap-4 rounded-md border border-slate-200 p-3 sm:grid-cols-3">
            <legend className="px-1 text-sm font-semibold text-slate-800">TDMQ settings</legend>
            <SelectInput
              name="Operation.CallBackMqConfig.MqRegion"
              label="MQ region"
              required
              options={[
                { value: "sh", label: "sh — Shanghai" },
                { value: "bj", label: "bj — Beijing" },
                { value: "gz", label: "gz — Guangzhou" },
                { value: "cd", label: "cd — Chengdu" },
                { value: "hk", label: "hk — Hong Kong" },
              ]}
              emptyLabel="— choose —"
            />
            <SelectInput
              name="Operation.CallBackMqConfig.MqMode"
              label="MQ mode"
              required
              options={[
                { value: "Queue", label: "Queue" },
                { value: "Topic", label: "Topic" },
              ]}
              emptyLabel="— choose —"
            />
            <TextInput name="Operation.CallBackMqConfig.MqName" label="MQ name" required />
          </fieldset>
        )}
        {callBackType === "Kafka" && (
          <fieldset className="grid gap-4 rounded-md border border-slate-200 p-3 sm:grid-cols-3">
            <legend className="px-1 text-sm font-semibold text-slate-800">Kafka settings</legend>
            <TextInput
              name="Operation.CallBackKafkaConfig.Region"
              label="Kafka region"
              required
              placeholder="ap-guangzhou"
            />
            <TextInput
              name="Operation.CallBackKafkaConfig.InstanceId"
              label="Instance ID"
              required
              placeholder="ckafka-abc123"
            />
            <TextInput name="Operation.CallBackKafkaConfig.Topic" label="Topic" required />
          </fieldset>
        )}
      </Section>
    </div>
  );
}
