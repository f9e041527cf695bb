import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** Keyset paging: back to the newest entries, or on to older ones (the browser's Back returns to the page before). */
export function AuditPagination({ newestHref, olderHref }: { newestHref: string | null; olderHref: string | null }) {
  if (!newestHref && !olderHref) return null;
  return (
    <nav aria-label="Audit log pages" className="flex justify-between gap-2">
      {newestHref ? (
        <Link href={newestHref} className={buttonClasses({ size: "sm" })}>
          ← Newest entries
        </Link>
      ) : (
        <span />
      )}
      {olderHref && (
        <Link href={olderHref} className={buttonClasses({ size: "sm" })} rel="next">
          Older entries →
        </Link>
      )}
    </nav>
  );
}
