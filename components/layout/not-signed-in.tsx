/**
 * What a person sees instead of data: not signed in (401) or signed in without access (403). Both say what to do
 * next; neither names a header, a token or a reason that would help someone forging them.
 */
export function NotSignedIn({ signInUrl, publicOrigin }: { signInUrl?: string | null; publicOrigin?: string | null }) {
  return (
    <section
      aria-labelledby="signed-out-title"
      className="mx-auto max-w-xl rounded-lg border border-amber-300 bg-amber-50 p-6"
    >
      <h1 id="signed-out-title" className="text-xl font-semibold text-amber-950">
        You are not signed in
      </h1>
      {signInUrl ? (
        <p className="mt-2 text-amber-950">
          <a href={signInUrl} className="font-medium underline">
            Sign in with your company account
          </a>{" "}
          to see and run batch jobs.
        </p>
      ) : (
        <p className="mt-2 text-amber-950">
          This dashboard gets your identity from the company sign-on. Open it through the usual link
          {publicOrigin ? (
            <>
              {" "}
              (
              <a href={publicOrigin} className="font-medium underline">
                {publicOrigin}
              </a>
              )
            </>
          ) : null}
          ; if you did, ask the team that runs it to check the SSO proxy configuration.
        </p>
      )}
    </section>
  );
}

export function NoAccess() {
  return (
    <section
      aria-labelledby="no-access-title"
      className="mx-auto max-w-xl rounded-lg border border-red-300 bg-red-50 p-6"
    >
      <h1 id="no-access-title" className="text-xl font-semibold text-red-950">
        You have no access to this dashboard
      </h1>
      <p className="mt-2 text-red-950">
        You are signed in, but not in a group allowed to use it. Ask the team that runs the CI Batch Console to add you
        to one of its allowed groups, then reload this page.
      </p>
    </section>
  );
}
