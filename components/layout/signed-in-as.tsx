export type Role = "operator" | "viewer";

/**
 * Who is signed in and what they may do, in the header, from the request's own identity (the server decides the role
 * on every request, lib/server/auth/roles.ts). A server component: the header is on every page, including the
 * not-signed-in one, so it must add no JavaScript to the shell (bench/budgets.json, the floor). Signing out (oidc
 * mode) is a POST form beside it (components/auth/sign-out-form.tsx): a link could be prefetched.
 */
export function SignedInAs({ id, name, role }: { id: string; name: string; role: Role }) {
  return (
    <div className="flex items-center gap-2 text-sm" data-testid="signed-in-as">
      <span className="sr-only">Signed in as</span>
      <span className="max-w-48 truncate font-medium text-slate-900" title={id}>
        {name}
      </span>
      <span
        className={`rounded-full px-2 py-0.5 text-xs font-medium ${role === "operator" ? "bg-blue-100 text-blue-900" : "bg-slate-200 text-slate-800"}`}
        title={role === "operator" ? "May trigger and cancel jobs" : "May view jobs, not trigger or cancel them"}
      >
        {role}
      </span>
    </div>
  );
}
