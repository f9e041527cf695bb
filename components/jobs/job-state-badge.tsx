import type { ComponentType, SVGProps } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { BanIcon, CheckCircleIcon, ClockIcon, HelpIcon, PauseIcon, PlayIcon, XCircleIcon } from "@/components/ui/icons";

const LOOK: Record<string, { tone: BadgeTone; Icon: ComponentType<SVGProps<SVGSVGElement>>; label: string }> = {
  Submitted: { tone: "neutral", Icon: ClockIcon, label: "Submitted" },
  Running: { tone: "info", Icon: PlayIcon, label: "Running" },
  Success: { tone: "success", Icon: CheckCircleIcon, label: "Success" },
  Failed: { tone: "danger", Icon: XCircleIcon, label: "Failed" },
  Pause: { tone: "warning", Icon: PauseIcon, label: "Paused" },
  Cancel: { tone: "muted", Icon: BanIcon, label: "Cancelled" },
};

/** A job state as colour + icon + words. States CI may add later show as they are, with a question-mark icon. */
export function JobStateBadge({ state }: { state: string }) {
  const look = LOOK[state] ?? { tone: "neutral" as const, Icon: HelpIcon, label: state };
  const { Icon } = look;
  return (
    <Badge tone={look.tone}>
      <Icon className={`h-3.5 w-3.5 ${state === "Running" ? "motion-safe:animate-pulse" : ""}`} />
      <span data-state={state}>{look.label}</span>
    </Badge>
  );
}
