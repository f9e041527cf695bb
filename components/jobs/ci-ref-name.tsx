"use client";
import { CopyButton } from "@/components/ui/copy-button";
import { GONE_LABEL, resolveName, type CiNames, type CiRefKind } from "@/lib/jobs/ci-names";

const KIND_LABEL: Record<CiRefKind, string> = { workflows: "workflow", templates: "template", queues: "queue" };

/**
 * A workflow, template or queue as people know it: its name, with the ID beside it (visible and copyable). A name
 * that could not be looked up leaves the ID alone; an ID CI no longer has says so.
 */
export function CiRefName({
  names,
  kind,
  id,
  copy = true,
}: {
  names: CiNames | undefined;
  kind: CiRefKind;
  id: string;
  copy?: boolean;
}) {
  const r = resolveName(names, kind, id);
  return (
    <span
      className="inline-flex min-w-0 max-w-full flex-wrap items-center gap-x-1.5"
      data-ref-kind={kind}
      data-ref-id={id}
      data-ref-state={r.state}
    >
      {r.state === "named" && <span className="break-words font-medium text-slate-900">{r.name}</span>}
      {r.state === "gone" && <span className="italic text-slate-700">{GONE_LABEL}</span>}
      <span className="inline-flex min-w-0 items-center gap-0.5">
        <code className="break-all font-mono text-xs text-slate-700">{id}</code>
        {copy && <CopyButton value={id} label={`Copy ${KIND_LABEL[kind]} ID ${id}`} />}
      </span>
    </span>
  );
}

/** Several IDs of one kind (e.g. a job's WorkflowIds), one per line. */
export function CiRefList({
  names,
  kind,
  ids,
}: {
  names: CiNames | undefined;
  kind: CiRefKind;
  ids: readonly string[];
}) {
  if (ids.length === 1) return <CiRefName names={names} kind={kind} id={ids[0]!} />;
  return (
    <ul className="space-y-1">
      {ids.map((id) => (
        <li key={id}>
          <CiRefName names={names} kind={kind} id={id} />
        </li>
      ))}
    </ul>
  );
}
