import Link from "next/link";
import { connection } from "next/server";
import { getConfig } from "@/lib/server/config";
import { headers } from "next/headers";
import { SignOutForm } from "@/components/auth/sign-out-form";
import { identify } from "@/lib/server/auth";
import { SignedInAs } from "./signed-in-as";

/** Top bar: navigation, who is signed in (and their role), and a plain statement of which CI this dashboard talks to. */
export async function SiteHeader() {
  await connection(); // configuration is read at request time, never baked in at build time
  const config = getConfig();
  // Not getIdentity(): the header is also drawn on the 401/403 pages, where there is no identity to demand.
  const who = await identify(await headers(), config);
  const identity = who.ok ? who.identity : null;
  return (
    <header className="border-b border-slate-200 bg-white">
      {config.emulator && (
        <p role="status" className="bg-amber-100 px-4 py-1.5 text-center text-sm text-amber-950">
          <strong>Emulator mode:</strong> this dashboard is talking to the built-in CI emulator, not Tencent Cloud. Jobs
          here are simulated.
        </p>
      )}
      <div className="mx-auto flex w-full max-w-[1400px] flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/jobs" className="text-lg font-semibold text-slate-900">
          CI Batch Console
        </Link>
        <nav aria-label="Main" className="flex gap-4 text-sm">
          <Link href="/jobs" className="text-slate-700 hover:text-slate-950 hover:underline">
            Jobs
          </Link>
          <Link href="/jobs/new" className="text-slate-700 hover:text-slate-950 hover:underline">
            New batch job
          </Link>
          <Link href="/audit" className="text-slate-700 hover:text-slate-950 hover:underline">
            Audit log
          </Link>
        </nav>
        <div className="ml-auto flex flex-wrap items-center gap-x-4 gap-y-1">
          <p className="text-xs text-slate-600">{config.buckets.map((b) => `${b.bucket} · ${b.region}`).join(", ")}</p>
          {identity && (
            <SignedInAs id={identity.id} name={identity.name} role={identity.canTrigger ? "operator" : "viewer"} />
          )}
          {identity && config.auth.mode === "oidc" && <SignOutForm />}
        </div>
      </div>
    </header>
  );
}
