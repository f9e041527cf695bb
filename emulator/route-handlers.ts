/**
 * Which handler answers each CI route key. Its own file so that adding an endpoint (docs/architecture.md, "Add a CI
 * endpoint") registers one line here without touching the server's plumbing in server.ts.
 */
import { CiFault } from "./ci-error";
import { handleCancel } from "./routes/cancel";
import type { RouteContext } from "./routes/context";
import { handleDescribe } from "./routes/describe";
import { handleList } from "./routes/list";
import { handleDescribeMediaJob, handleListMediaJobs } from "./routes/media-jobs";
import { handleFamilyQueues, handleQueues, handleTemplates, handleWorkflows } from "./routes/pickers";
import { handleTrigger } from "./routes/trigger";
import { handleDescribeExecution, handleListExecutions } from "./routes/workflow-executions";
import type { CiResult, RouteKey } from "./types";

export const HANDLERS: Record<RouteKey, (ctx: RouteContext) => CiResult> = {
  "POST /inventorytriggerjob": handleTrigger,
  "GET /inventorytriggerjob": handleList,
  "GET /inventorytriggerjob/:jobId": handleDescribe,
  "PUT /inventorytriggerjob/:jobId?cancel": handleCancel,
  "GET /template": handleTemplates,
  "GET /queue": handleQueues,
  "GET /picqueue": handleFamilyQueues("pic"),
  "GET /asrqueue": handleFamilyQueues("asr"),
  "GET /ai_queue": handleFamilyQueues("ai"),
  "GET /workflow": handleWorkflows,
  "GET /workflowexecution": handleListExecutions,
  "GET /workflowexecution/:runId": handleDescribeExecution,
  "GET /jobs": handleListMediaJobs,
  "GET /jobs/:jobId": handleDescribeMediaJob,
  // COS route keys are answered by processCos (cos/cos-server.ts), never through this table.
  "COS GET /": cosOnly,
  "COS PUT /:key": cosOnly,
  "COS GET /:key": cosOnly,
  "COS HEAD /:key": cosOnly,
};

function cosOnly(): CiResult {
  throw new CiFault(404, "InvalidUrl", "COS routes are served on the bucket's COS host");
}
