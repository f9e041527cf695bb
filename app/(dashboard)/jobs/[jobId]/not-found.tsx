import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** A job CI does not know (or a malformed JobId). */
export default function JobNotFound() {
  return (
    <section aria-labelledby="nf-title" className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-6">
      <h1 id="nf-title" className="text-xl font-semibold text-slate-950">
        Job not found
      </h1>
      <p className="mt-2 text-slate-700">
        CI has no batch job with this JobId in this bucket. Check the JobId (it has letters and digits only), or look
        for the job in the list: it may belong to another bucket.
      </p>
      <Link href="/jobs" className={buttonClasses({ variant: "primary", className: "mt-4" })}>
        Back to the jobs
      </Link>
    </section>
  );
}
