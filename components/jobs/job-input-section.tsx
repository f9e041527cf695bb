"use client";
// The Input card: the job's one input by kind, then any other Input elements CI reported. Apart from the job page
// so that page stays a list of sections.
import { inputSummary } from "@/lib/jobs/job-view";
import type { JobResult } from "@/lib/query/jobs";
import { dlClass, Field, Section } from "./job-detail-section";
import { XmlValue } from "./xml-value-list";

export function InputSection({ job }: { job: JobResult["job"] }) {
  const input = inputSummary(job);
  return (
    <Section title="Input" id="sec-input">
      <dl className={dlClass}>
        <Field label="Type">{job.Type ?? "–"}</Field>
        {input ? (
          <Field label={input.kind}>
            <span className="break-all font-mono text-xs">{input.value || "(empty)"}</span>
          </Field>
        ) : null}
        {job.Input &&
          Object.keys(job.Input)
            .filter((k) => k !== input?.kind)
            .map((k) => (
              <Field key={k} label={k}>
                <XmlValue value={job.Input?.[k]} />
              </Field>
            ))}
        {!job.Input && (
          <Field label="Input">
            <span className="text-slate-500">(not reported)</span>
          </Field>
        )}
      </dl>
    </Section>
  );
}
