"use client";
// The request in words is Review's longest part and holds no state: apart, review-step.tsx stays about the step.
import type { ReactNode } from "react";
import { requestType } from "@/lib/jobs/request-type";
import { CiRefList, CiRefName } from "@/components/jobs/ci-ref-name";
import { idsOf, refKindOfPath, type CiNames } from "@/lib/jobs/ci-names";
import { parseCiTime } from "@/lib/jobs/ci-time";
import { flattenRequest } from "@/lib/jobs/request-diff";
import type { TriggerRequest } from "@/lib/jobs/request-schema";
import { tagModule } from "../tag-registry";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[12rem_1fr]">
      <dt className="text-sm font-medium text-slate-700">{term}</dt>
      <dd className="break-all font-mono text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function time(v: string | undefined): string {
  const d = parseCiTime(v);
  return d ? `${v} (${d.toLocaleString()})` : (v ?? "");
}

/** One flattened request value; workflow, template and queue IDs get their name beside them. */
export function Value({ path, value, names }: { path: string; value: string; names: CiNames }) {
  const kind = refKindOfPath(path);
  return kind ? <CiRefName names={names} kind={kind} id={value} copy={false} /> : <>{value}</>;
}

/** The request in words: what will run, on what, and where the results go. */
export function Summary({ request, bucket, names }: { request: TriggerRequest; bucket: string; names: CiNames }) {
  const input = Object.entries(request.Input).find(([, v]) => v)!;
  const op = request.Operation;
  const ti = op.TimeInterval;
  const rows: ReactNode[] = [
    <Row key="name" term="Name">
      {request.Name}
    </Row>,
    <Row key="type" term="Type">
      {requestType(request.Type)}
    </Row>,
    <Row key="bucket" term="Bucket">
      {bucket}
    </Row>,
    <Row key="input" term={`Input (${input[0]})`}>
      {input[1]}
    </Row>,
  ];
  if (ti?.Start || ti?.End)
    rows.push(
      <Row
        key="ti"
        term="Uploaded between"
      >{`${ti.Start ? time(ti.Start) : "the beginning"} and ${ti.End ? time(ti.End) : "now"}`}</Row>,
    );
  if (request.Type !== "Job") {
    rows.push(
      <Row key="wf" term="Workflow">
        <CiRefList names={names} kind="workflows" ids={idsOf(request.Operation.WorkflowIds)} />
      </Row>,
    );
  } else {
    const o = request.Operation;
    const mod = tagModule(o.Tag);
    rows.push(
      <Row key="tag" term="Tag">
        {mod ? `${mod.label} (${o.Tag})` : o.Tag}
      </Row>,
    );
    const params = flattenRequest(o.JobParam ?? {});
    rows.push(
      <Row key="jp" term="Parameters">
        {params.size === 0 ? (
          <span className="font-sans text-slate-600">none</span>
        ) : (
          <ul>
            {[...params].map(([k, v]) => (
              <li key={k}>
                {k} = <Value path={`Operation.JobParam.${k}`} value={v} names={names} />
              </li>
            ))}
          </ul>
        )}
      </Row>,
    );
    if (o.QueueId)
      rows.push(
        <Row key="q" term="Queue">
          <CiRefName names={names} kind="queues" id={o.QueueId} />
        </Row>,
      );
    if (o.QueueType)
      rows.push(
        <Row key="qt" term="Queue type">
          {o.QueueType}
        </Row>,
      );
    if (o.FreeTranscode)
      rows.push(
        <Row key="ft" term="Free transcoding">
          {o.FreeTranscode}
        </Row>,
      );
    if (o.Output) {
      const out = flattenRequest(o.Output);
      rows.push(
        <Row key="out" term="Output">
          <ul>
            {[...out].map(([k, v]) => (
              <li key={k}>
                {k} = {v}
              </li>
            ))}
          </ul>
        </Row>,
      );
    } else
      rows.push(
        <Row key="out" term="Output">
          <span className="font-sans text-slate-600">none (this Tag writes no files)</span>
        </Row>,
      );
    if (o.JobLevel)
      rows.push(
        <Row key="lvl" term="Priority">
          {o.JobLevel}
        </Row>,
      );
    if (o.UserData)
      rows.push(
        <Row key="ud" term="User data">
          {o.UserData}
        </Row>,
      );
    if (o.CallBack || o.CallBackType) {
      const mq = o.CallBackMqConfig;
      const kafka = o.CallBackKafkaConfig;
      rows.push(
        <Row key="cb" term="Callback">
          {[
            o.CallBackType ?? "Url",
            o.CallBack,
            o.CallBackFormat,
            mq && `${mq.MqRegion}/${mq.MqMode}/${mq.MqName}`,
            kafka && `${kafka.Region}/${kafka.InstanceId}/${kafka.Topic}`,
          ]
            .filter(Boolean)
            .join(" · ")}
        </Row>,
      );
    }
  }
  return <dl className="divide-y divide-slate-100">{rows}</dl>;
}
