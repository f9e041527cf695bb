import type { ReactNode } from "react";
import { NotSignedIn } from "@/components/layout/not-signed-in";
import { getIdentity } from "@/lib/server/identity";

/**
 * Every dashboard page needs an identity. Pages check it themselves too before loading data (layouts and pages
 * render in parallel), this only keeps the chrome honest.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const identity = await getIdentity();
  return identity ? children : <NotSignedIn />;
}
