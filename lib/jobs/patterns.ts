/**
 * The one home of the ID and name rules the dashboard checks: URL state, filters, localStorage, the zod schemas,
 * the server and the trigger form all import them from here. No zod and nothing else: the table's and the wizard's
 * first-step bundles may use these without loading a schema.
 */

/** A JobId (or a WorkflowId filter) as the dashboard accepts it anywhere: letters and digits, at most 64. */
export const JOB_ID_PATTERN = /^[0-9A-Za-z]{1,64}$/;
/** The same rule for an HTML `pattern` attribute (which anchors it itself). */
export const JOB_ID_HTML_PATTERN = "[0-9A-Za-z]{1,64}";
export const JOB_ID_MESSAGE = "A job ID has letters and digits only";

/** CI: Chinese, English letters, digits, "—" and "_", at most 128 (docs/ci-api.md §1.1). We also accept "-": see README. */
export const JOB_NAME_PATTERN = /^[\p{Script=Han}A-Za-z0-9_\-—]+$/u;
export const JOB_NAME_MAX = 128;

/** COS bucket `name-APPID` (docs/ci-api.md §5.2). */
export const BUCKET_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?-\d+$/;
export const REGION_PATTERN = /^[a-z0-9-]+$/;

/** CI resource IDs start with their kind's letter (docs/ci-api.md §6.1). */
export const WORKFLOW_ID_PATTERN = /^w[0-9A-Za-z]{6,64}$/;
/** Most workflows one trigger may name; CI documents no limit, this keeps a typo from fanning out unseen. */
export const MAX_WORKFLOWS_PER_TRIGGER = 10;
/** Workflow IDs as a person types them (`w1, w2,`): split at commas, trimmed, empty ones dropped. */
export const splitWorkflowIds = (raw: string): string[] =>
  raw
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
export const QUEUE_ID_PATTERN = /^p[0-9A-Za-z]{6,64}$/;
export const TEMPLATE_ID_PATTERN = /^t[0-9A-Za-z]{6,64}$/;

/** Longest list cursor we pass on: far above CI's real tokens (tens of characters), far below a URL's practical limit. */
export const NEXT_TOKEN_MAX = 1024;

/** Control characters: no name, cursor or filter value carries them, and a URL should not. */
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
