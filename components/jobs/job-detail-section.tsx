"use client";
// The job page's card and term/value row: shared by the screen and its section files, so it lives apart from both.
import type { ReactNode } from "react";

export function Section({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-base font-semibold text-slate-950">
        {title}
      </h2>
      <div className="mt-3 text-sm">{children}</div>
    </section>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="min-w-0 text-slate-900">{children}</dd>
    </div>
  );
}

export const dlClass = "grid grid-cols-1 gap-x-4 gap-y-1.5 sm:grid-cols-[minmax(8rem,max-content)_1fr]";
