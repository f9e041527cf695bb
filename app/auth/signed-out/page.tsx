import type { Metadata } from "next";

export const metadata: Metadata = { title: "Signed out" };

/** Where sign-out lands (after the identity provider's own sign-out, when it has one). */
export default function SignedOutPage() {
  return (
    <section
      aria-labelledby="signed-out-title"
      className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-6"
    >
      <h1 id="signed-out-title" className="text-xl font-semibold">
        You are signed out
      </h1>
      <p className="mt-2 text-slate-700">Your session on this dashboard has ended.</p>
      <p className="mt-4">
        {/* A plain link: /auth/login is a route handler that redirects to the identity provider. */}
        <a href="/auth/login" className="font-medium text-blue-700 underline">
          Sign in again
        </a>
      </p>
    </section>
  );
}
