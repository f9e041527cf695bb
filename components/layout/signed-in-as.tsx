"use client";
import { useQuery } from "@tanstack/react-query";
import { meQueryOptions } from "@/lib/query/jobs";

export type Role = "operator" | "viewer";

/**
 * Who is signed in and what they may do, in the header. The server passes what it knows from the request's identity
 * (so it shows on first paint); the /api/me answer, once a page has it, adds the role's own word. Signing out
 * (oidc mode) is a POST form beside it (components/auth/sign-out-form.tsx): a link could be prefetched. The header never fetches /api/me itself: no extra request on any page.
 */
export function SignedInAs({ id, name, role }: { id: string; name: string; role: Role }) {
  const me = useQuery({ ...meQueryOptions, enabled: false }).data;
  const shownRole: Role = me?.role ?? (me ? (me.canTrigger ? "operator" : "viewer") : role);
  return (
    <div className="flex items-center gap-2 text-sm" data-testid="signed-in-as">
      <span className="sr-only">Signed in as</span>
      <span className="max-w-48 truncate font-medium text-slate-900" title={id}>
        {name}
      </span>
      <span
        className={`rounded-full px-2 py-0.5 text-xs font-medium ${shownRole === "operator" ? "bg-blue-100 text-blue-900" : "bg-slate-200 text-slate-800"}`}
        title={shownRole === "operator" ? "May trigger and cancel jobs" : "May view jobs, not trigger or cancel them"}
      >
        {shownRole}
      </span>
    </div>
  );
}
