import { verifyAuditLogChain } from "@/lib/server/audit";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

/**
 * Whether the audit log's hash chain is intact (lib/server/audit-chain.ts): `{ intact, rows, events, headHash,
 * brokenAt? }` for any signed-in user. Read-only; the walk reads every row, so it is not meant for polling.
 */
export const GET = withApi("GET /api/audit/verify", async () => jsonResponse(200, await verifyAuditLogChain()));
