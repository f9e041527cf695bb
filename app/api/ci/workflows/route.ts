import { loadPicker } from "@/lib/server/jobs/pickers";
import { jsonResponse, withApi } from "@/lib/server/with-api";
import type { PickerAnswer } from "@/lib/jobs/api-contract";

export const dynamic = "force-dynamic";

/** Workflows (Active first), for the Workflow-type picker. */
export const GET = withApi("GET /api/ci/workflows", async ({ url, identity }) =>
  jsonResponse(200, {
    items: await loadPicker("workflows", url.searchParams.get("bucket"), undefined, identity),
  } satisfies PickerAnswer),
);
