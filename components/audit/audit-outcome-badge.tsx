import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { AuditOutcome } from "@/lib/server/audit-types";

const look: Record<AuditOutcome, { tone: BadgeTone; label: string }> = {
  success: { tone: "success", label: "Success" },
  error: { tone: "danger", label: "Error" },
  unknown: { tone: "warning", label: "Unknown" },
  pending: { tone: "info", label: "Pending" },
};

/** What CI answered; the word carries the meaning, the colour only helps. */
export function AuditOutcomeBadge({ outcome, reconciled }: { outcome: AuditOutcome; reconciled: boolean }) {
  const { tone, label } = look[outcome];
  return (
    <Badge tone={tone}>
      {label}
      {reconciled && <span className="font-normal">(reconciled)</span>}
    </Badge>
  );
}
