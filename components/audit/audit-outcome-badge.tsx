import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { AuditOutcome } from "@/lib/jobs/audit-types";

const look: Record<AuditOutcome, { tone: BadgeTone; label: string }> = {
  success: { tone: "success", label: "Success" },
  error: { tone: "danger", label: "Error" },
  unknown: { tone: "warning", label: "Unknown" },
  pending: { tone: "info", label: "Pending" },
};

/**
 * What CI answered; the word carries the meaning, the colour only helps. An unknown outcome that reconciliation
 * gave up on (it has a verdict time but stays unknown) is final: "Could not be settled".
 */
export function AuditOutcomeBadge({ outcome, reconciled }: { outcome: AuditOutcome; reconciled: boolean }) {
  if (outcome === "unknown" && reconciled) return <Badge tone="warning">Could not be settled</Badge>;
  const { tone, label } = look[outcome];
  return (
    <Badge tone={tone}>
      {label}
      {reconciled && <span className="font-normal">(reconciled)</span>}
    </Badge>
  );
}
