"use client";
// The wizard's button row changes with the step (Next, Review, Submit): its own file keeps trigger-wizard.tsx on flow.
import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import type { WizardStep, WizardValues } from "@/lib/jobs/draft";

/** Back, Next / Review / Submit, the "tick I understand" hint and Cancel, below every step. */
export function WizardActions({
  step,
  type,
  pending,
  canSubmit,
  needsAck,
  onBack,
}: {
  step: WizardStep;
  type: WizardValues["Type"];
  pending: boolean;
  canSubmit: boolean;
  /** Review shows warnings that are not acknowledged yet. */
  needsAck: boolean;
  onBack: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
      {step > 0 && (
        <Button onClick={onBack} disabled={pending}>
          Back
        </Button>
      )}
      {step < 4 ? (
        <Button type="submit" variant="primary">
          {step === 3 || (step === 2 && type === "Workflow") ? "Review" : "Next"}
        </Button>
      ) : (
        <Button
          type="submit"
          variant="primary"
          disabled={!canSubmit}
          aria-describedby={needsAck ? "submit-needs-ack" : undefined}
        >
          {pending ? "Submitting…" : "Submit job"}
        </Button>
      )}
      {step === 4 && needsAck && (
        <span id="submit-needs-ack" className="text-sm text-amber-900">
          Read the warnings and tick “I understand” to submit.
        </span>
      )}
      <Link href="/jobs" className={buttonClasses({ variant: "ghost", className: "ml-auto" })}>
        Cancel
      </Link>
    </div>
  );
}
