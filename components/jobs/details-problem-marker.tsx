/**
 * The visible mark of a job whose CI details did not fit our schema (lib/jobs/job-detail-schema.ts `readJobDetail`):
 * what could be read is shown, and this says plainly that the rest was not understood (issue 12).
 */
export function DetailsProblemMarker({ problem, long = false }: { problem?: string; long?: boolean }) {
  if (!problem) return null;
  if (!long) {
    return (
      <span
        data-testid="details-problem"
        title={`CI's details for this job were not understood: ${problem}`}
        className="ml-1 inline-block rounded bg-amber-100 px-1 text-[11px] font-medium text-amber-900"
      >
        details not understood
      </span>
    );
  }
  return (
    <p
      data-testid="details-problem"
      role="note"
      className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
    >
      <strong>Details not understood.</strong> Part of CI&apos;s answer for this job did not have the expected shape (
      {problem}). What could be read is shown below; the raw answer from CI is at the end of the page.
    </p>
  );
}
