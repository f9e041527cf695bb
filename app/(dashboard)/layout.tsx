import type { ReactNode } from "react";
import { getIdentity } from "@/lib/server/identity";

/**
 * Every dashboard page needs an identity: getIdentity() ends the request in the 401 / 403 page (or 404 for a
 * request addressed to another host) before any data is loaded. Pages call it too (layouts and pages render in
 * parallel), so neither can leak data the other refused.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  await getIdentity();
  return children;
}
