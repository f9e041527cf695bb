import { formatExact } from "@/lib/jobs/job-view";

/** An ISO instant as a <time> with the exact local time; a dash when CI gave none. */
export function FileTime({ at }: { at?: string }) {
  if (!at) return <span className="text-slate-500">–</span>;
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return <span>{at}</span>;
  return <time dateTime={at}>{formatExact(d)}</time>;
}
