import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { emulatorAdmin } from "./support/emulator-admin";
import { advanceUntilRequest, pauseClockSoon, recordPageRequests, serverTimeFollowsPageClock } from "./support/clock";
import { getJob, listJobs, triggerJob, uniqueName } from "./support/jobs-api";
import { jobsScreen, waitForHydration } from "./support/jobs-page";

test.beforeEach(async () => {
  await emulatorAdmin.reset();
});

test("detail page: everything CI returns, cancel with confirmation, duplicate link", async ({ page, request }) => {
  const name = uniqueName("detail");
  const prefix = `e2e/pause/${Date.now()}/`;
  const job = await triggerJob(request, name, prefix);

  await page.goto("/jobs");
  await jobsScreen(page).row(job.JobId).getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${job.JobId}$`));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page).toHaveTitle(`Job ${job.JobId} · CI Batch Console`);

  const timeline = page.getByRole("region", { name: "State and timeline" });
  await expect(timeline).toContainText("Created");
  await expect(timeline).toContainText("Started");
  await expect(timeline).toContainText(/Duration: .+/);
  await expect(page.getByRole("region", { name: "Input" })).toContainText(prefix);
  const operation = page.getByRole("region", { name: "Operation" });
  await expect(operation).toContainText("WorkflowIds");
  await expect(operation).toContainText(job.Operation!.WorkflowIds as string);

  // The job pauses on its own (the emulator steers "pause" prefixes); the page follows without a reload.
  await expect(page.getByTestId("detail-state")).toHaveAttribute("data-state", "Pause", { timeout: 20_000 });

  await page.getByText("Raw answer from CI").click();
  await expect(page.locator("pre").filter({ hasText: "<JobsDetail>" })).toContainText(`<JobId>${job.JobId}</JobId>`);
  await expect(page.locator("pre").filter({ hasText: '"JobId"' })).toContainText(`"JobId": "${job.JobId}"`);

  await expect(page.getByRole("link", { name: "Duplicate" })).toHaveAttribute("href", `/jobs/new?from=${job.JobId}`);

  await page.getByRole("button", { name: "Cancel job" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(`Cancel job ${name}?`);
  await expect(dialog).toContainText("1 job will be cancelled");
  await dialog.getByRole("button", { name: "Cancel 1 job" }).click();
  await expect(dialog.getByRole("status")).toHaveText("1 cancelled, 0 skipped, 0 failed.");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("detail-state")).toHaveAttribute("data-state", "Cancel");
  await expect(page.getByRole("button", { name: "Cancel job" })).toHaveCount(0);
  expect((await getJob(request, job.JobId)).State).toBe("Cancel");

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});

test("a failed job shows CI's Code and Message prominently", async ({ page, request }) => {
  const job = await triggerJob(request, uniqueName("fails"), `e2e/fail/${Date.now()}/`);
  await page.goto(`/jobs/${job.JobId}`);
  const failure = page.getByTestId("failure");
  await expect(failure).toBeVisible({ timeout: 20_000 });
  const truth = await getJob(request, job.JobId);
  expect(truth.State).toBe("Failed");
  await expect(failure).toContainText(truth.Code!);
  await expect(failure).toContainText(truth.Message!);
  await expect(page.getByTestId("detail-state")).toContainText("Failed");
});

test("the detail page polls while the job is active and stops once it finished", async ({ page, request }) => {
  test.slow(); // a round trip per 250 ms of page time: on a shared machine this takes more than 60 s of real time
  const finished = (await listJobs(request, { size: 5, states: "Success" })).jobs[0]!;
  const active = await triggerJob(request, uniqueName("poll"), `e2e/pause/${Date.now()}/`);
  let calls = 0;
  let watching = "";
  page.on("request", (r) => {
    if (r.method() === "GET" && new URL(r.url()).pathname === `/api/jobs/${watching}`) calls++;
  });
  await page.clock.install();
  await serverTimeFollowsPageClock(page);

  watching = active.JobId;
  await page.goto(`/jobs/${active.JobId}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await waitForHydration(page);
  await page.waitForLoadState("networkidle");
  await recordPageRequests(page);
  await pauseClockSoon(page);
  const isDetail = (url: string) => new URL(url).pathname === `/api/jobs/${active.JobId}`;
  await advanceUntilRequest(page, (url) => isDetail(url));
  await advanceUntilRequest(page, (url) => isDetail(url)); // the first answer may move the page onto the server's beat
  const gap = await advanceUntilRequest(page, (url) => isDetail(url));
  expect(gap).toBeGreaterThanOrEqual(2_500); // about every 3 s
  expect(gap).toBeLessThanOrEqual(6_000); // (page time spent handling the previous answer counts too)
  expect(calls).toBeGreaterThanOrEqual(2);

  watching = finished.JobId;
  calls = 0;
  await page.clock.resume();
  await page.goto(`/jobs/${finished.JobId}`);
  await expect(page.getByTestId("detail-state")).toHaveAttribute("data-state", "Success");
  // (A refetch on mount is allowed when the server's copy is already stale; count what follows.)
  await waitForHydration(page);
  await page.waitForLoadState("networkidle");
  calls = 0;
  await pauseClockSoon(page);
  for (let i = 0; i < 12; i++) await page.clock.runFor(5_000);
  await page.evaluate(() => 0);
  expect(calls).toBe(0);
});

test("an unknown job is a clear not-found page", async ({ page }) => {
  const res = await page.goto("/jobs/b00000000000000000000000000000000");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Job not found" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the jobs" }).click();
  await expect(page).toHaveURL(/\/jobs$/);

  const bad = await page.goto("/jobs/not-a-job-id!");
  expect(bad?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Job not found" })).toBeVisible();
});
