import { expect, test } from "@playwright/test";
import { E2E, ssoHeaders } from "./support/env";
import { countOf, emulatorAdmin } from "./support/emulator-admin";
import { getJob, listJobs, triggerJob, uniqueName } from "./support/jobs-api";
import { jobsScreen } from "./support/jobs-page";

test.beforeEach(async () => {
  await emulatorAdmin.reset();
});
test.afterEach(async () => {
  await emulatorAdmin.clearFaults();
});

test("bulk cancel of a mixed selection cancels the active jobs, skips finished ones, 3 at a time, and reports each", async ({
  page,
  request,
}) => {
  const s = jobsScreen(page);
  // Four jobs that will sit in Pause (cancellable) and one finished seed job.
  const active = [];
  for (let i = 0; i < 4; i++)
    active.push(await triggerJob(request, uniqueName(`bulk${i}`), `e2e/pause/${Date.now()}-${i}/`));
  const finished = (await listJobs(request, { size: 20, states: "Success" })).jobs[0]!;

  await page.goto(`/jobs?size=50`);
  await s.ready();
  for (const job of [...active, finished]) {
    await s.row(job.JobId).getByRole("checkbox").check();
  }
  const bar = page.getByRole("region", { name: "Selected jobs" });
  await expect(bar).toContainText("5 selected");

  // Slow cancels down so that concurrency is visible.
  await emulatorAdmin.setFaults({ latencyMs: 800, routes: ["PUT /inventorytriggerjob/:jobId?cancel"] });
  await emulatorAdmin.resetStats();
  let inFlight = 0;
  let peak = 0;
  const isCancel = (url: string) => /\/api\/jobs\/[^/]+\/cancel/.test(url);
  page.on("request", (r) => {
    if (isCancel(r.url())) peak = Math.max(peak, ++inFlight);
  });
  page.on("requestfinished", (r) => void (isCancel(r.url()) && inFlight--));
  page.on("requestfailed", (r) => void (isCancel(r.url()) && inFlight--));

  await bar.getByRole("button", { name: "Cancel 5 jobs" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("4 jobs will be cancelled; 1 is skipped (already finished)");
  await expect(dialog.getByRole("button", { name: "Keep running" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel 4 jobs" }).click();

  await expect(dialog.getByRole("status")).toHaveText("4 cancelled, 1 skipped, 0 failed.", { timeout: 20_000 });
  for (const job of active) {
    await expect(dialog.locator(`li[data-job-id="${job.JobId}"]`)).toHaveAttribute("data-outcome", "cancelled");
  }
  await expect(dialog.locator(`li[data-job-id="${finished.JobId}"]`)).toHaveAttribute("data-outcome", "skipped");
  await expect(dialog.locator(`li[data-job-id="${finished.JobId}"]`)).toContainText("already Success");
  expect(peak).toBe(3);
  expect(countOf(await emulatorAdmin.stats(), "PUT /inventorytriggerjob/:jobId?cancel")).toBe(4);

  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  for (const job of active) {
    await expect(s.row(job.JobId)).toHaveAttribute("data-state", "Cancel");
    expect((await getJob(request, job.JobId)).State).toBe("Cancel");
  }
  await expect(s.row(finished.JobId)).toHaveAttribute("data-state", "Success");
  await expect(bar).toBeHidden();
});

test("a job that finishes before its cancel arrives is reported as skipped", async ({ page, request }) => {
  const s = jobsScreen(page);
  const job = await triggerJob(request, uniqueName("race"), `e2e/pause/${Date.now()}/`);
  await page.goto("/jobs");
  await s.ready();
  await s
    .row(job.JobId)
    .getByRole("button", { name: /^Cancel / })
    .click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(/^Cancel job /);
  await emulatorAdmin.forceState(job.JobId, "Success");
  await dialog.getByRole("button", { name: "Cancel 1 job" }).click();
  await expect(dialog.locator(`li[data-job-id="${job.JobId}"]`)).toHaveAttribute("data-outcome", "skipped");
  await expect(dialog.getByRole("status")).toHaveText("0 cancelled, 1 skipped, 0 failed.");
});

test("viewers see the jobs but no selection, cancel or duplicate", async ({ browser }) => {
  const context = await browser.newContext({
    baseURL: E2E.appUrl,
    extraHTTPHeaders: ssoHeaders(E2E.viewer),
  });
  const page = await context.newPage();
  const s = jobsScreen(page);
  await page.goto("/jobs");
  await s.ready();
  await expect(s.rows.first()).toBeVisible();
  await expect(page.getByRole("table").getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("table").getByRole("button", { name: /^Cancel / })).toHaveCount(0);
  await expect(page.getByRole("table").getByRole("link", { name: /^Duplicate / })).toHaveCount(0);
  await expect(page.locator("main").getByRole("link", { name: "New batch job" })).toHaveCount(0);
  await context.close();
});
