"use client";
// Notices about where the form's values came from (a restored draft, a duplicated job): apart from the wizard's flow.
import { Notice } from "@/components/ui/notice";

/** The form was filled from a draft saved in this browser; Discard starts over. */
export function RestoredDraftNotice({ restoredAt, onDiscard }: { restoredAt: string; onDiscard: () => void }) {
  return (
    <Notice tone="info" role="status">
      Restored your unsent draft from {new Date(restoredAt).toLocaleTimeString()}.{" "}
      <button type="button" className="font-medium underline" onClick={onDiscard}>
        Discard draft
      </button>
    </Notice>
  );
}

/** Elements of the job being duplicated that the form cannot express. */
export function DroppedElementsNotice({ from, dropped }: { from: string; dropped: readonly string[] }) {
  return (
    <Notice tone="warning">
      Some elements of job {from} cannot be expressed by this form and are not carried over:{" "}
      <span className="font-mono">{dropped.join(", ")}</span>
    </Notice>
  );
}
