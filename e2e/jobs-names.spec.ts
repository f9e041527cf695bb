/**
 * Names, not IDs: workflows (and templates, queues) show by the names people know, with the ID beside them, in the
 * table, on the job page, in the WorkflowId filter, in both CSV exports, the audit log and the header's "who am I".
 * The expected names come from the wizard's picker route (/api/ci/workflows), not from the look-up under test.
 */
import { parse } from "csv-parse/sync";
import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { emulatorAdmin } from "./support/emulator-admin";
import { E2E, ssoHeaders } from "./support/env";
import { listJobs, triggerJob, uniqueName, type ApiJob } from "./support/jobs-api";
import { expectRows, jobsScreen } from "./support/jobs-page";

/** The emulator's seeded workflow names (emulator/seed/catalog.ts). */
const SEED_WORKFLOW_NAMES = [
  "ugc-transcode-720p",
  "hls-adaptive-pipeline",
  "catalog-snapshots",
  "podcast-asr",
  "legacy-flv-archive",
  "teaser-animation",
];

async function workflowNames(request: APIRequestContext): Promise<Map<string, string>> {
  const res = await request.get("/api/ci/workflows");
  const items = ((await res.json()) as { items: { id: string; name: string }[] }).items;
  return new Map(items.map((w) => [w.id, w.name]));
}

/** A seeded Workflow job with one workflow, and that workflow's name. */
async function workflowJob(request: APIRequestContext): Promise<{ job: ApiJob; workflowId: string; name: string }> {
  const names = await workflowNames(request);
  const job = (await listJobs(request, { type: "Workflow", size: 50 })).jobs.find(
    (j) => typeof j.Operation?.WorkflowIds === "string" && !String(j.Operation.WorkflowIds).includes(","),
  );
  if (!job) throw new Error("no seeded Workflow job");
  const workflowId = job.Operation!.WorkflowIds as string;
  return { job, workflowId, name: names.get(workflowId)! };
}

test.beforeAll(async () => {
  await emulatorAdmin.reset();
});

test("a workflow's name shows in its table cell (ID beside it) and on the job page", async ({ page, request }) => {
  const { job, workflowId, name } = await workflowJob(request);
  expect(SEED_WORKFLOW_NAMES).toContain(name);

  const s = jobsScreen(page);
  await page.goto("/jobs?type=Workflow");
  await s.ready();
  const cell = s.row(job.JobId).getByTestId("tag-or-workflow");
  await expect(cell).toContainText(name);
  await expect(cell).toContainText(workflowId);
  await expect(cell.getByRole("button", { name: `Copy workflow ID ${workflowId}` })).toBeVisible();

  await page.goto(`/jobs/${job.JobId}`);
  const operation = page.getByRole("region", { name: "Operation" });
  const ref = operation.locator(`[data-ref-kind="workflows"][data-ref-id="${workflowId}"]`);
  await expect(ref).toHaveAttribute("data-ref-state", "named");
  await expect(ref).toContainText(name);
  await expect(ref).toContainText(workflowId);
});

test("the job page names the queue and templates of a Job-type job", async ({ page, request }) => {
  const jobs = (await listJobs(request, { type: "Job", size: 50 })).jobs;
  const withTemplate = jobs.find(
    (j) =>
      typeof (j.Operation?.JobParam as Record<string, unknown> | undefined)?.TemplateId === "string" &&
      j.Operation?.QueueId,
  );
  expect(withTemplate, "the emulator seeds Jobs with both a TemplateId and a QueueId").toBeTruthy();
  const tag = String(withTemplate!.Operation!.Tag);
  const templateId = String((withTemplate!.Operation!.JobParam as Record<string, unknown>).TemplateId);
  const templates = (await (await request.get(`/api/ci/templates?tag=${tag}`)).json()) as {
    items: { id: string; name: string }[];
  };
  const queues = (await (await request.get("/api/ci/queues")).json()) as { items: { id: string; name: string }[] };

  await page.goto(`/jobs/${withTemplate!.JobId}`);
  const operation = page.getByRole("region", { name: "Operation" });
  const queue = operation.locator(`[data-ref-kind="queues"][data-ref-id="${withTemplate!.Operation!.QueueId}"]`);
  await expect(queue).toHaveAttribute("data-ref-state", "named");
  await expect(queue).toContainText(queues.items.find((q) => q.id === withTemplate!.Operation!.QueueId)!.name);
  const template = operation.locator(`[data-ref-kind="templates"][data-ref-id="${templateId}"]`);
  await expect(template).toHaveAttribute("data-ref-state", "named");
  const customName = templates.items.find((t) => t.id === templateId)?.name;
  // Custom templates are in the picker; Official ones are named too, from the look-up's Official list.
  if (customName) await expect(template).toContainText(customName);
  else await expect(template.locator("span").first()).not.toBeEmpty();
});

test("the WorkflowId filter offers workflows by name and sends the ID to CI", async ({ page, request }) => {
  const { job, workflowId, name } = await workflowJob(request);
  const s = jobsScreen(page);
  await page.goto("/jobs");
  await s.ready();
  await s.workflowId.focus();
  // The suggestions are the bucket's workflows, by name.
  await expect(page.locator(`#f-workflowid-options option[value="${name}"]`)).toHaveAttribute(
    "label",
    new RegExp(workflowId),
  );
  await s.workflowId.fill(name);
  await s.workflowId.press("Enter");
  await expect(page).toHaveURL(new RegExp(`workflowId=${workflowId}`));
  const truth = (await listJobs(request, { size: 10, workflowId })).jobs.map((j) => j.JobId);
  expect(truth).toContain(job.JobId);
  await expectRows(page, truth);
  // The box shows the name, the ID beneath it.
  await expect(s.workflowId).toHaveValue(name);
  await expect(page.locator("#f-workflowid-hint")).toHaveText(workflowId);

  // A name that is no workflow is flagged and never sent.
  await s.workflowId.fill("no such-workflow");
  await expect(page.getByText("Choose a workflow by name, or type its ID")).toBeVisible();
  await s.workflowId.press("Enter");
  await expect(page).toHaveURL(new RegExp(`workflowId=${workflowId}`));
});

test("the jobs CSV has a name column beside the workflow, queue and template IDs", async ({ page, request }) => {
  const { job, name } = await workflowJob(request);
  const truth = (await listJobs(request, { size: 20, type: "Workflow", orderByTime: "Desc" })).jobs;
  await page.goto("/jobs?type=Workflow");
  await expectRows(
    page,
    truth.map((j) => j.JobId),
  );
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const text = (await readFile((await (await download).path())!, "utf8")).replace(/^\uFEFF/, "");
  // Read as a spreadsheet would (every field is quoted: lib/jobs/csv.ts).
  const [columns, ...rows] = parse(text) as string[][];
  expect(columns!.slice(3, 9)).toEqual([
    "TagOrWorkflow",
    "WorkflowName",
    "QueueId",
    "QueueName",
    "TemplateIds",
    "TemplateNames",
  ]);
  const row = rows.find((r) => r[0] === job.JobId)!;
  expect(row[4]).toBe(name);
});

test("the audit log and its CSV name the workflow a trigger used; the header says who is signed in", async ({
  page,
  request,
}) => {
  const job = await triggerJob(request, uniqueName("names-audit"), "ok/");
  const workflowId = job.Operation!.WorkflowIds as string;
  const name = (await workflowNames(request)).get(workflowId)!;

  await page.goto(`/audit?jobId=${job.JobId}`);
  const refs = page.getByTestId("audit-refs").first();
  await expect(refs).toContainText(name);
  await expect(refs).toContainText(workflowId);

  const res = await request.get(`/api/audit?jobId=${job.JobId}&format=csv`);
  const [columns, cells] = parse((await res.text()).replace(/^\uFEFF/, "")) as string[][];
  expect(cells![columns!.indexOf("workflow_ids")]).toBe(workflowId);
  expect(cells![columns!.indexOf("workflow_names")]).toBe(name);
  expect(columns!.indexOf("workflow_names")).toBe(columns!.indexOf("workflow_ids") + 1);

  const who = page.getByTestId("signed-in-as");
  await expect(who).toContainText(E2E.operator.email.split("@")[0]!);
  await expect(who).toContainText("operator");
});

test("a viewer's header says viewer", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: ssoHeaders(E2E.viewer) });
  const page = await context.newPage();
  await page.goto("/jobs");
  await expect(page.getByTestId("signed-in-as")).toContainText("viewer");
  await expect(page.getByTestId("signed-in-as")).toContainText("victor.viewer");
  await context.close();
});
