/**
 * Issue 12 item 3 in the browser: one job whose details CI sends in an odd shape (the emulator's admin
 * `jobs/<id>/misfit`) is a marked row among normal ones, never hidden and never breaking the page; its own page shows
 * what was understood plus CI's raw XML; the other jobs open as usual.
 */
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { emulatorAdmin } from "./support/emulator-admin";
import { listJobs } from "./support/jobs-api";
import { expectRows, jobsScreen } from "./support/jobs-page";

test.beforeEach(async () => {
  await emulatorAdmin.reset();
});

/**
 * Opens the job list and reads the page's rows and what the API says of them before any job goes odd: the page's
 * own query (newest first, this many), whose answer the server also reuses for CI_CACHE_MS.
 */
async function openList(page: Page, request: APIRequestContext) {
  const s = jobsScreen(page);
  await page.goto("/jobs");
  await s.ready();
  const ids = await s.rowIds();
  expect(ids.length).toBeGreaterThanOrEqual(5);
  const pageQuery = () => listJobs(request, { orderByTime: "Desc", size: ids.length });
  const before = new Map((await pageQuery()).jobs.map((j) => [j.JobId, j]));
  return { s, ids, before, pageQuery };
}

test("a list with one odd job shows every row, the odd one marked; its page shows what was understood and the raw XML", async ({
  page,
  request,
}) => {
  // The truth the screen must match: what the API said before the job went odd (same page, same order).
  const { s, ids, before, pageQuery } = await openList(page, request);
  const oddId = ids[2]!;
  const odd = before.get(oddId)!;
  const normalId = ids[0]!;
  const normal = before.get(normalId)!;
  expect(odd.Name).toBeTruthy();
  await emulatorAdmin.misfit(oddId, "empty-input");
  // The server reuses a list answer for CI_CACHE_MS: wait until the page's own query answers the odd shape, so the
  // reload renders it rather than the answer from before.
  await expect
    .poll(async () => {
      const { jobs } = await pageQuery();
      return jobs.find((j) => j.JobId === oddId)?.detailsProblem ?? null;
    })
    .not.toBeNull();

  await page.reload();
  await expectRows(page, ids);
  // Exactly one marker on the page, in the odd row, visible.
  await expect(page.getByTestId("details-problem")).toHaveCount(1);
  const oddRow = s.row(oddId);
  await expect(oddRow.getByTestId("details-problem")).toBeVisible();
  await expect(oddRow.getByTestId("details-problem")).toHaveText("details not understood");
  await expect(oddRow.getByTestId("details-problem")).toHaveAttribute(
    "title",
    /^CI's details for this job were not understood: Input: /,
  );
  // What could be read is shown in the odd row: name, JobId, state.
  await expect(oddRow.getByRole("link", { name: odd.Name!, exact: true })).toBeVisible();
  await expect(oddRow).toContainText(oddId);
  await expect(oddRow).toHaveAttribute("data-state", odd.State);
  // The state badge (its words may differ from CI's state name, e.g. Cancel → Cancelled).
  await expect(oddRow.locator(`span[data-state="${odd.State}"]`)).toBeVisible();
  // Every other row is as before: name link, its input, no marker.
  for (const id of ids.filter((i) => i !== oddId)) {
    const row = s.row(id);
    const job = before.get(id)!;
    await expect(row.getByRole("link", { name: job.Name || "(no name)", exact: true })).toBeVisible();
    await expect(row.getByTestId("details-problem")).toHaveCount(0);
    await expect(row).toHaveAttribute("data-state", job.State);
  }
  await expect(s.banner).toHaveCount(0);

  // The odd job's page: the long marker, what was understood, and CI's raw XML.
  await oddRow.getByRole("link", { name: odd.Name!, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${oddId}$`));
  await expect(page.getByRole("heading", { level: 1, name: odd.Name! })).toBeVisible();
  const note = page.getByRole("note").filter({ hasText: "Details not understood." });
  await expect(note).toBeVisible();
  await expect(note).toContainText("Input:");
  await expect(page.getByTestId("detail-state")).toHaveAttribute("data-state", odd.State);
  await expect(page.getByRole("region", { name: "Input" })).toContainText("(not reported)");
  const operation = page.getByRole("region", { name: "Operation" });
  const understood = odd.Operation?.Tag ?? odd.Operation?.WorkflowIds;
  expect(typeof understood).toBe("string");
  await expect(operation).toContainText(understood as string);
  await page.getByText("Raw answer from CI", { exact: true }).click();
  const xml = page.locator("pre").filter({ hasText: "<JobsDetail>" });
  await expect(xml).toContainText(`<JobId>${oddId}</JobId>`);
  await expect(xml).toContainText("<Input></Input>");

  // The rest works: back to the list, another job opens as usual, unmarked.
  await page.getByRole("link", { name: "← All jobs" }).click();
  await expectRows(page, ids);
  await s
    .row(normalId)
    .getByRole("link", { name: normal.Name || "(no name)", exact: true })
    .click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${normalId}$`));
  await expect(page.getByRole("heading", { level: 1, name: normal.Name || "(no name)" })).toBeVisible();
  await expect(page.getByTestId("detail-state")).toHaveAttribute("data-state", normal.State);
  await expect(page.getByTestId("details-problem")).toHaveCount(0);
  const input = normal.Input!;
  const inputValue = String(input.Prefix ?? input.Object ?? input.UrlFile ?? input.Manifest);
  await expect(page.getByRole("region", { name: "Input" })).toContainText(inputValue);
});

test("a JobParam sent as text marks the job; its Operation still shows the Tag and Output it understood", async ({
  page,
  request,
}) => {
  const jobs = (await listJobs(request, { size: 50, type: "Job" })).jobs;
  const job = jobs.find((j) => j.Operation?.JobParam && typeof j.Operation.Output === "object")!;
  expect(job).toBeDefined();
  await emulatorAdmin.misfit(job.JobId, "job-param-text");

  await page.goto(`/jobs/${job.JobId}`);
  await expect(page.getByRole("note").filter({ hasText: "Details not understood." })).toContainText(
    "Operation.JobParam:",
  );
  const operation = page.getByRole("region", { name: "Operation" });
  await expect(operation).toContainText(job.Operation!.Tag as string);
  await expect(operation.getByRole("heading", { name: "Output" })).toBeVisible();
  // The odd JobParam is not passed off as the job's parameters; the raw XML shows what CI sent.
  await expect(operation.getByRole("heading", { name: "JobParam" })).toHaveCount(0);
  await page.getByText("Raw answer from CI", { exact: true }).click();
  await expect(page.locator("pre").filter({ hasText: "<JobsDetail>" })).toContainText(
    "<JobParam>not-a-block</JobParam>",
  );
});

test("a job sent without a JobId is a marked row that cannot be opened, selected or acted on; the rest can", async ({
  page,
  request,
}) => {
  const { s, ids, before, pageQuery } = await openList(page, request);
  const oddId = ids.find((id, i) => i > 0 && before.get(id)?.Name)!;
  const odd = before.get(oddId)!;
  await emulatorAdmin.misfit(oddId, "no-job-id");
  await expect
    .poll(async () => {
      const { jobs } = await pageQuery();
      return jobs.map((j) => j.JobId);
    })
    .toEqual(ids.map((id) => (id === oddId ? "" : id)));

  await page.reload();
  await s.ready();
  await expect.poll(() => s.rowIds()).toEqual(ids.map((id) => (id === oddId ? "" : id)));
  const oddRow = s.row("");
  await expect(oddRow.getByTestId("details-problem")).toBeVisible();
  await expect(oddRow).toContainText(odd.Name!);
  // No page to open, nothing to select, watch, duplicate or cancel: each of those names a job by its JobId.
  await expect(oddRow.getByRole("link")).toHaveCount(0);
  await expect(oddRow.getByRole("checkbox")).toBeDisabled();
  await expect(oddRow.getByRole("button", { name: /^(Watch|Stop watching|Cancel) / })).toHaveCount(0);
  // "Select all" takes every other row and leaves the odd one out.
  await page.getByRole("checkbox", { name: "Select all jobs on this page" }).check();
  await expect(page.getByRole("region", { name: "Selected jobs" })).toContainText(`${ids.length - 1} selected`);
  await expect(oddRow.getByRole("checkbox")).not.toBeChecked();
  for (const id of ids.filter((i) => i !== oddId)) await expect(s.row(id).getByRole("checkbox")).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Select all jobs on this page" })).toBeChecked();
});
