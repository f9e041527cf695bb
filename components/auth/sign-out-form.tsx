/** Sign-out for AUTH_MODE=oidc: a POST form (works without JavaScript; a link or prefetch cannot sign anyone out). */
export function SignOutForm() {
  return (
    <form method="post" action="/auth/logout">
      <button type="submit" className="text-sm text-slate-700 underline hover:text-slate-950">
        Sign out
      </button>
    </form>
  );
}
