"use client";
import { CopyButton } from "@/components/ui/copy-button";
import { GONE_LABEL, idsOf, resolveName, type CiNames } from "@/lib/jobs/ci-names";
import { TruncatedText } from "./truncated-text";

/**
 * The table's "Tag or workflow" cell for a Workflow job: each workflow's name on one line, its ID under it (cut short,
 * copyable). The Type column already says "Workflow", so the word is for screen readers only.
 */
export function WorkflowCell({ ids, names }: { ids: string; names: CiNames | undefined }) {
  return (
    <span className="block space-y-1">
      {idsOf(ids).map((id) => {
        const r = resolveName(names, "workflows", id);
        const label = r.state === "named" ? r.name : r.state === "gone" ? GONE_LABEL : null;
        return (
          <span key={id} className="block min-w-0" data-workflow-id={id} data-ref-state={r.state}>
            <span className="sr-only">Workflow </span>
            {label && (
              <TruncatedText
                full={`${label} (${id})`}
                className={r.state === "gone" ? "italic text-slate-700" : "font-medium text-slate-900"}
              >
                {label}
              </TruncatedText>
            )}
            <span className="flex min-w-0 items-center gap-0.5">
              <code className="min-w-0 truncate font-mono text-[11px] text-slate-600" title={id}>
                {id}
              </code>
              <CopyButton value={id} label={`Copy workflow ID ${id}`} />
            </span>
          </span>
        );
      })}
    </span>
  );
}
