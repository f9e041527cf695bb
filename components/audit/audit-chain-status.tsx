/** The one line on /audit that says whether the audit log's hash chain still holds (GET /api/audit/verify). */
export interface ChainStatus {
  intact: boolean;
  rows: number;
  brokenAt?: { rowId: string; reason: string };
}

export function AuditChainStatus({ status }: { status: ChainStatus | null }) {
  if (!status)
    return (
      <p className="text-sm text-slate-700" data-testid="audit-chain">
        Audit chain: could not be checked right now.
      </p>
    );
  return status.intact ? (
    <p className="text-sm text-slate-700" data-testid="audit-chain">
      Audit chain intact: {status.rows} {status.rows === 1 ? "row" : "rows"}
    </p>
  ) : (
    <p role="alert" className="text-sm font-semibold text-red-800" data-testid="audit-chain">
      Audit chain broken at row {status.brokenAt?.rowId}: {status.brokenAt?.reason}
    </p>
  );
}
