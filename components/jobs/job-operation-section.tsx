"use client";
// The Operation card sorts CI's Operation element into known fields, callbacks and the rest: its own file, so the
// job page reads as a list of sections.
import { idsOf, jobRefs } from "@/lib/jobs/ci-names";
import { xmlText } from "@/lib/jobs/job-view";
import { isResultElement } from "@/lib/jobs/result-elements";
import type { JobResult } from "@/lib/query/jobs";
import { CiRefList, CiRefName } from "./ci-ref-name";
import { dlClass, Field, Section } from "./job-detail-section";
import { XmlValue, XmlValueList } from "./xml-value-list";

const CALLBACK_KEYS = [
  "CallBack",
  "CallBackFormat",
  "CallBackType",
  "CallBackMqConfig",
  "CallBackKafkaConfig",
] as const;
const KNOWN_OPERATION = new Set([
  "WorkflowIds",
  "TimeInterval",
  "Tag",
  "JobParam",
  "Output",
  "QueueId",
  "QueueType",
  "JobLevel",
  "UserData",
  ...CALLBACK_KEYS,
]);

export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The Operation card: known fields by name, JobParam without result blocks, Output, callbacks, and anything else. */
export function OperationSection({
  job,
  op,
  names,
}: {
  job: JobResult["job"];
  op: Record<string, unknown>;
  names: JobResult["names"];
}) {
  const otherOp = Object.fromEntries(
    Object.entries(op).filter(([k]) => !KNOWN_OPERATION.has(k) && !isResultElement(k)),
  );
  const jobParamRecord = asRecord(op.JobParam);
  const jobParamShown = jobParamRecord
    ? Object.fromEntries(Object.entries(jobParamRecord).filter(([k]) => !isResultElement(k)))
    : op.JobParam;
  const callbacks = CALLBACK_KEYS.filter((k) => k in op);
  const templateRefs = jobRefs(job).filter((r) => r.kind === "templates");
  return (
    <Section title="Operation" id="sec-operation">
      <dl className={dlClass}>
        {"WorkflowIds" in op && (
          <Field label="WorkflowIds">
            <CiRefList names={names} kind="workflows" ids={idsOf(op.WorkflowIds)} />
          </Field>
        )}
        {("Tag" in op || job.Tag) && <Field label="Tag">{xmlText(op.Tag) || job.Tag}</Field>}
        {("QueueId" in op || job.QueueId) && (
          <Field label="QueueId">
            <CiRefName names={names} kind="queues" id={xmlText(op.QueueId) || job.QueueId || ""} />
          </Field>
        )}
        {templateRefs.map((r) => (
          <Field key={`${r.path}:${r.id}`} label={r.path.replace("Operation.JobParam.", "")}>
            <CiRefName names={names} kind="templates" id={r.id} />
          </Field>
        ))}
        {"QueueType" in op && <Field label="QueueType">{xmlText(op.QueueType)}</Field>}
        {"TimeInterval" in op && (
          <Field label="TimeInterval">
            <XmlValue value={op.TimeInterval} />
          </Field>
        )}
        {"JobLevel" in op && (
          <Field label="JobLevel">
            {xmlText(op.JobLevel)} <span className="text-slate-600">(0 lowest – 2 highest)</span>
          </Field>
        )}
      </dl>
      {"JobParam" in op && (
        <div className="mt-4">
          <h3 className="font-semibold text-slate-900">JobParam</h3>
          <div className="mt-2">
            <XmlValue value={jobParamShown} />
          </div>
        </div>
      )}
      {"Output" in op && (
        <div className="mt-4">
          <h3 className="font-semibold text-slate-900">Output</h3>
          <div className="mt-2">
            <XmlValue value={op.Output} />
          </div>
        </div>
      )}
      {callbacks.length > 0 && (
        <div className="mt-4">
          <h3 className="font-semibold text-slate-900">Callback</h3>
          <dl className={`mt-2 ${dlClass}`}>
            {callbacks.map((k) => (
              <Field key={k} label={k}>
                <XmlValue value={op[k]} />
              </Field>
            ))}
          </dl>
        </div>
      )}
      {Object.keys(otherOp).length > 0 && (
        <div className="mt-4">
          <h3 className="font-semibold text-slate-900">Other operation fields</h3>
          <div className="mt-2">
            <XmlValueList value={otherOp} />
          </div>
        </div>
      )}
    </Section>
  );
}
