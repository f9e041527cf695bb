import { listQuerySchema, searchParamsToObject } from "@/lib/jobs/list-query-schema";
import { triggerRequestSchema } from "@/lib/jobs/request-schema";
import { loadJobsPage } from "@/lib/server/jobs/list";
import { loadMyJobsPage } from "@/lib/server/jobs/my-jobs";
import { submitTrigger } from "@/lib/server/jobs/trigger";
import { ApiProblem } from "@/lib/server/problem";
import { validationProblem } from "@/lib/server/problem";
import { readJsonBody } from "@/lib/server/read-body";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

/** A page of batch jobs, filtered as CI filters them. */
export const GET = withApi("GET /api/jobs", async ({ url, identity, log }) => {
  const raw = searchParamsToObject(url.searchParams);
  const bucket = raw.bucket;
  const mine = raw.mine;
  delete raw.bucket;
  delete raw.mine;
  if (mine !== undefined && mine !== "1" && mine !== "0") {
    throw new ApiProblem(400, "ValidationError", "mine: use 1 for my jobs", {
      fields: [{ path: "mine", message: "Use 1 or leave it out" }],
    });
  }
  const parsed = listQuerySchema.safeParse(raw);
  if (!parsed.success) throw validationProblem(parsed.error, "query");
  const page =
    mine === "1"
      ? await loadMyJobsPage(identity, { bucket, size: parsed.data.size })
      : await loadJobsPage({ ...parsed.data, bucket }, identity);
  log.ciRequestId = page.requestId;
  return jsonResponse(200, page);
});

/** Triggers a batch job; honours Idempotency-Key so a retry never creates a second job. */
export const POST = withApi(
  "POST /api/jobs",
  async ({ req, url, identity, log }) => {
    const parsed = triggerRequestSchema.safeParse(await readJsonBody(req));
    if (!parsed.success) throw validationProblem(parsed.error, "request");
    const answer = await submitTrigger(identity, parsed.data, {
      bucket: url.searchParams.get("bucket"),
      idempotencyKey: req.headers.get("idempotency-key"),
    });
    log.ciRequestId = (answer.body as { requestId?: string; error?: { requestId?: string } } | null)?.requestId;
    return jsonResponse(answer.status, answer.body);
  },
  { mutation: true },
);
