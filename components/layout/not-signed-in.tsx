/** Shown instead of any data when the SSO proxy sent no identity. */
export function NotSignedIn() {
  return (
    <section aria-labelledby="signed-out-title" className="mx-auto max-w-xl rounded-lg border border-amber-300 bg-amber-50 p-6">
      <h1 id="signed-out-title" className="text-xl font-semibold text-amber-950">
        You are not signed in
      </h1>
      <p className="mt-2 text-amber-950">
        This dashboard gets your identity from the company sign-on. Open it through the usual link; if you did, ask
        the team that runs it to check the SSO proxy configuration.
      </p>
    </section>
  );
}
