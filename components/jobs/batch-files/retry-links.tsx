import Link from "next/link";
import type { RetryLinks } from "@/lib/jobs/batch-files";
import { jobPageHref } from "./file-links";

/** "Retry of X" / "Retried by Y, Z": both ends of a retry link to each other (from the audit log). */
export function RetryLinksLine({ links, bucket }: { links: RetryLinks | undefined; bucket: string | null }) {
  if (!links || (!links.retryOf && links.retriedBy.length === 0)) return null;
  const link = (id: string) => (
    <Link
      key={id}
      href={jobPageHref(id, bucket)}
      className="font-mono text-xs text-blue-800 underline underline-offset-2"
    >
      {id}
    </Link>
  );
  return (
    <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700" data-testid="retry-links">
      {links.retryOf && <span>Retry of the failed files of {link(links.retryOf)}</span>}
      {links.retriedBy.length > 0 && (
        <span>
          Retried by{" "}
          {links.retriedBy.map((id, i) => (
            <span key={id}>
              {i > 0 && ", "}
              {link(id)}
            </span>
          ))}
        </span>
      )}
    </p>
  );
}
