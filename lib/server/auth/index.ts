import "server-only";
import { headers as nextHeaders } from "next/headers";
import { forbidden, notFound, unauthorized } from "next/navigation";
import { getConfig } from "../config";
import { identify } from "./identify";
import { isMisdirected, requestFacts } from "./origin";
import type { Identity } from "./types";

export { identify } from "./identify";
export type { Identity, IdentityResult } from "./types";

/**
 * For server components: the caller's identity. A request for another host ends in 404, a caller without a valid
 * sign-in in the 401 page (app/unauthorized.tsx), one outside AUTH_ALLOWED_GROUPS in the 403 page
 * (app/forbidden.tsx) — real status codes, not a 200 with a message.
 */
export async function getIdentity(): Promise<Identity> {
  const headers = await nextHeaders();
  const config = getConfig();
  if (isMisdirected(requestFacts(headers), config.publicOrigin, config.production)) notFound();
  const result = await identify(headers, config);
  if (result.ok) return result.identity;
  if (result.status === 403) forbidden();
  unauthorized();
}
