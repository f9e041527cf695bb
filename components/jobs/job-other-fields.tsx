"use client";
// What CI said about the job beyond the fields the page shows by name: the leftovers card and the raw answer, kept
// together because both exist so that nothing CI answered is hidden.
import type { JobResult } from "@/lib/query/jobs";
import { JOB_SCALAR_FIELDS } from "@/lib/jobs/job-fields";
import { Section } from "./job-detail-section";
import { XmlValueList } from "./xml-value-list";

/** Shown by name elsewhere on the page (the scalars, Input and Operation), or our own marker. */
const KNOWN_JOB = new Set<string>([...JOB_SCALAR_FIELDS, "Input", "Operation", "detailsProblem"]);

/** Job fields the page does not show by name (and Code/Message of a job that did not fail); nothing when none. */
export function OtherFieldsSection({ job }: { job: JobResult["job"] }) {
  const otherJob = Object.fromEntries(Object.entries(job).filter(([k]) => !KNOWN_JOB.has(k)));
  if (!(Object.keys(otherJob).length > 0 || (job.State !== "Failed" && (job.Code || job.Message)))) return null;
  return (
    <Section title="Other fields from CI" id="sec-other">
      <XmlValueList
        value={{ ...(job.State !== "Failed" ? { Code: job.Code, Message: job.Message } : {}), ...otherJob }}
      />
    </Section>
  );
}

/** The answer as CI sent it: the parsed JSON and the XML, with the RequestId to quote to support. */
export function RawAnswer({ data }: { data: JobResult }) {
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4">
      <summary className="cursor-pointer font-semibold text-slate-900">Raw answer from CI</summary>
      <p className="mt-2 text-xs text-slate-600">
        RequestId: <code className="select-all">{data.requestId}</code>
      </p>
      <h3 className="mt-3 text-sm font-semibold">JSON</h3>
      <pre tabIndex={0} className="mt-1 max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
        {JSON.stringify(data.job, null, 2)}
      </pre>
      <h3 className="mt-3 text-sm font-semibold">XML</h3>
      <pre tabIndex={0} className="mt-1 max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
        {data.rawXml || "(not available)"}
      </pre>
    </details>
  );
}
