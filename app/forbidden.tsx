import { NoAccess } from "@/components/layout/not-signed-in";

export const metadata = { title: "No access" };

/** Rendered with status 403 for a signed-in person outside AUTH_ALLOWED_GROUPS. */
export default function Forbidden() {
  return <NoAccess />;
}
