"use client";
import { useFormContext, useWatch } from "react-hook-form";
import type { WizardValues } from "@/lib/jobs/draft";
import { JOB_NAME_MAX } from "@/lib/jobs/patterns";
import { RadioGroup, Section, SelectInput, TextInput } from "../form-controls";

export interface BucketTarget {
  bucket: string;
  region: string;
}

/** Step 1: name, type and (when there are several) the bucket to run in. */
export function BasicsStep({ buckets }: { buckets: readonly BucketTarget[] }) {
  const { control, getValues, setValue } = useFormContext<WizardValues>();
  const name = useWatch({ control, name: "Name" }) ?? "";
  const length = [...name].length;

  /** Output defaults follow the bucket, unless the person already pointed the output somewhere else. */
  function onBucketChange(next: string) {
    const target = buckets.find((b) => b.bucket === next);
    if (!target) return;
    const out = getValues("Operation.Output");
    const previous = buckets.find((b) => b.bucket === out.Bucket);
    if (out.Bucket === "" || previous) {
      setValue("Operation.Output.Bucket", target.bucket);
      setValue("Operation.Output.Region", target.region);
    }
  }

  return (
    <div className="space-y-4">
      <Section title="Name and type">
        <TextInput
          name="Name"
          label="Name"
          required
          help="Letters (Chinese included), digits, - and _ only, as CI requires."
          aside={
            <span
              className={`ml-2 tabular-nums ${length > JOB_NAME_MAX ? "font-semibold text-red-700" : ""}`}
              aria-live="polite"
            >
              {length} / {JOB_NAME_MAX}
            </span>
          }
          placeholder="e.g. nightly-transcode-2024"
        />
        <RadioGroup
          name="Type"
          legend="Type"
          options={[
            {
              value: "Job",
              label: "Job",
              description: "Run one processing task (a Tag such as Transcode or Snapshot) on every matching file.",
            },
            {
              value: "Workflow",
              label: "Workflow",
              description: "Run a workflow already configured in CI on every matching file.",
            },
          ]}
        />
      </Section>
      {buckets.length > 1 && (
        <Section title="Bucket" description="The bucket whose files are processed; the job is created there.">
          <SelectInput
            name="bucket"
            label="Target bucket"
            required
            options={buckets.map((b) => ({ value: b.bucket, label: `${b.bucket} · ${b.region}` }))}
            onChange={(e) => onBucketChange(e.target.value)}
          />
        </Section>
      )}
    </div>
  );
}
