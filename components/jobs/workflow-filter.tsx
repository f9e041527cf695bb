"use client";
import { useMemo, useState } from "react";
import { JOB_ID_PATTERN as ID_RULE } from "@/lib/jobs/patterns";
import { TextFilter } from "./text-filter";
import { useWorkflowOptions } from "./use-workflow-options";

/**
 * The WorkflowId filter, offered by name: the box suggests the bucket's workflows by name and accepts a name or an
 * ID; what goes into the URL (and to CI) is always the ID. A workflow ID in the URL shows as its name, ID beneath.
 */
export function WorkflowFilter({
  value,
  bucket,
  onCommit,
}: {
  value: string | null;
  bucket: string;
  onCommit: (id: string | null) => void;
}) {
  const [used, setUsed] = useState(false);
  const workflows = useWorkflowOptions(bucket, used || !!value);
  const { idByName, nameById } = useMemo(() => {
    const idByName = new Map<string, string>();
    const nameById = new Map<string, string>();
    for (const w of workflows) {
      if (!w.name) continue;
      if (!idByName.has(w.name.toLowerCase())) idByName.set(w.name.toLowerCase(), w.id);
      nameById.set(w.id, w.name);
    }
    return { idByName, nameById };
  }, [workflows]);
  const shownName = value ? nameById.get(value) : undefined;

  return (
    <>
      <TextFilter
        id="f-workflowid"
        label="WorkflowId"
        placeholder="Name or ID"
        value={shownName ?? value}
        hint={shownName ? value : null}
        list="f-workflowid-options"
        onFocus={() => setUsed(true)}
        validate={(v) =>
          idByName.has(v.toLowerCase()) || ID_RULE.test(v)
            ? null
            : "Choose a workflow by name, or type its ID (letters and digits)"
        }
        onCommit={(v) => onCommit(v ? (idByName.get(v.toLowerCase()) ?? v) : null)}
      />
      <datalist id="f-workflowid-options">
        {workflows.map((w) => (
          <option key={w.id} value={w.name || w.id} label={w.state === "Paused" ? `${w.id} (paused)` : w.id} />
        ))}
      </datalist>
    </>
  );
}
