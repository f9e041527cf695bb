import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { E2E, ssoHeaders } from "./support/env";
import { triggerJob, uniqueName } from "./support/jobs-api";
import { jobsScreen, waitForHydration } from "./support/jobs-page";

/**
 * CI runs every job under one shared key, so only the dashboard knows the person behind a trigger or a cancel. Two
 * operators here: A (the config's default identity) triggers, B cancels; each must see the other's name where it
 * belongs, and "My jobs" must tell their jobs apart.
 */

const A = E2E.operator;
const B = { email: "bruno.builder@example.com", groups: "media-ops" } as const;
const nameOf = (email: string) => email.slice(0, email.indexOf("@"));
const headersOf = (u: { email: string; groups: string }) => ssoHeaders(u);

async function expectNoSeriousA11yViolations(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  const bad = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** A browser page (and API context) signed in as `user`. */
async function signedInAs(browser: Browser, user: { email: string; groups: string }) {
  const context = await browser.newContext({
    baseURL: E2E.appUrl,
    extraHTTPHeaders: headersOf(user),
    viewport: { width: 1440, height: 900 },
  });
  return { context, page: await context.newPage(), request: context.request as APIRequestContext };
}

const mineSwitch = (page: Page) => page.getByRole("switch", { name: "My jobs" });

test("who triggered and who cancelled: detail page, table column and audit log", async ({ page, request, browser }) => {
  const name = uniqueName("who");
  // "pause" in the Prefix: the emulator holds the job in Pause, so it is still cancellable when B gets to it.
  const job = await triggerJob(request, name, `e2e/pause/${Date.now()}/`);

  // B cancels it through the detail page's button.
  const b = await signedInAs(browser, B);
  try {
    await b.page.goto(`/jobs/${job.JobId}`);
    await waitForHydration(b.page);
    const timeline = b.page.getByRole("region", { name: "State and timeline" });
    await expect(timeline.getByTestId("triggered-by")).toContainText(nameOf(A.email));
    await expect(timeline.getByTestId("triggered-by")).toContainText(A.email);
    await b.page.getByRole("button", { name: "Cancel job" }).click();
    const dialog = b.page.getByRole("alertdialog");
    await dialog.getByRole("button", { name: "Cancel 1 job" }).click();
    await expect(dialog.getByRole("status")).toHaveText("1 cancelled, 0 skipped, 0 failed.");
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(b.page.getByTestId("detail-state")).toHaveAttribute("data-state", "Cancel");
    // The page shows B as the canceller without a reload.
    await expect(timeline.getByTestId("cancelled-by")).toContainText(nameOf(B.email));
  } finally {
    await b.context.close();
  }

  // A's view of the same job: both names, both audit entries, a link into the audit log.
  await page.goto(`/jobs/${job.JobId}`);
  await waitForHydration(page);
  const timeline = page.getByRole("region", { name: "State and timeline" });
  await expect(timeline.getByTestId("triggered-by")).toContainText(nameOf(A.email));
  await expect(timeline.getByTestId("cancelled-by")).toContainText(nameOf(B.email));
  await expect(timeline.getByTestId("cancelled-by")).toContainText(B.email);
  const trail = page.getByRole("region", { name: "Audit trail" });
  const entries = trail.getByTestId("job-audit-entry");
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toHaveAttribute("data-action", "trigger");
  await expect(entries.nth(0)).toContainText(A.email);
  await expect(entries.nth(0)).toContainText("Success");
  await expect(entries.nth(0)).toContainText(/CI RequestId: \S+/);
  await expect(entries.nth(1)).toHaveAttribute("data-action", "cancel");
  await expect(entries.nth(1)).toContainText(B.email);
  await expect(trail.getByRole("link", { name: "Open this job in the audit log" })).toHaveAttribute(
    "href",
    `/audit?jobId=${job.JobId}`,
  );
  await expectNoSeriousA11yViolations(page);

  // The table: A's name part in "Triggered by", the full identity in its tooltip.
  const s = jobsScreen(page);
  await page.goto(`/jobs?jobId=${job.JobId}`);
  await s.ready();
  const cell = s.row(job.JobId).getByTestId("triggered-by");
  await expect(cell).toHaveText(new RegExp(`^${nameOf(A.email).replace(".", "\\.")}`));
  await expect(cell.locator("[title]")).toHaveAttribute(
    "title",
    new RegExp(`^${A.email.replace(/\./g, "\\.")}, \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}`),
  );
  await expect(page.getByRole("columnheader", { name: "Triggered by" })).toBeVisible();
  // It still fits a 1440 px screen: neither the page nor the table's own box scrolls sideways.
  const region = page.getByRole("region", { name: "Batch jobs table" });
  expect(await region.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await expectNoSeriousA11yViolations(page);

  // Following the link: both rows in the audit log, newest (B's cancel) first.
  await page.goto(`/jobs/${job.JobId}`);
  await page.getByRole("link", { name: "Open this job in the audit log" }).click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?jobId=${job.JobId}$`));
  const rows = page
    .getByRole("region", { name: "Audit log entries, newest first" })
    .getByRole("row")
    .filter({ has: page.getByRole("cell") });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("cancel");
  await expect(rows.nth(0)).toContainText(B.email);
  await expect(rows.nth(1)).toContainText("trigger");
  await expect(rows.nth(1)).toContainText(A.email);
});

test("a job triggered outside the dashboard says so", async ({ page, request }) => {
  // The emulator's seed jobs were never triggered through this dashboard.
  const res = await request.get("/api/jobs?size=50&states=Success");
  const body = (await res.json()) as { jobs: { JobId: string }[]; triggeredBy: Record<string, unknown> };
  const outside = body.jobs.find((j) => !(j.JobId in body.triggeredBy));
  // The seed's successful jobs were never triggered here, so at least one of them is listed.
  expect(outside, "a seeded job not triggered through the dashboard").toBeDefined();
  await page.goto(`/jobs/${outside!.JobId}`);
  await expect(page.getByRole("region", { name: "State and timeline" }).getByTestId("triggered-by")).toHaveText(
    "Triggered outside this dashboard",
  );
  await expect(page.getByRole("region", { name: "Audit trail" })).toContainText(
    "No actions on this job were taken through this dashboard.",
  );

  const s = jobsScreen(page);
  await page.goto(`/jobs?jobId=${outside!.JobId}`);
  await s.ready();
  await expect(s.row(outside!.JobId).getByTestId("triggered-by")).toHaveText("—");
});

test("My jobs: each operator sees their own jobs and not the other's; the URL keeps the toggle", async ({
  page,
  request,
  browser,
}) => {
  const jobA = await triggerJob(request, uniqueName("mine-a"), `e2e/ok/${Date.now()}/a/`);
  const b = await signedInAs(browser, B);
  try {
    const jobB = await triggerJob(b.request, uniqueName("mine-b"), `e2e/ok/${Date.now()}/b/`);
    const s = jobsScreen(page);

    // A turns it on from the filter bar.
    await page.goto("/jobs");
    await s.ready();
    await expect(s.row(jobA.JobId)).toBeVisible();
    await expect(s.row(jobB.JobId)).toBeVisible();
    await mineSwitch(page).check();
    await expect(page).toHaveURL(/[?&]mine=1/);
    await expect(mineSwitch(page)).toBeChecked();
    await expect(page.getByTestId("mine-note")).toHaveText(
      "My jobs shows the 20 newest jobs you triggered here; other filters do not apply.",
    );
    await expect(s.type).toHaveCount(0);
    await expect(s.name).toHaveCount(0);
    await expect(s.row(jobA.JobId)).toBeVisible();
    await expect(s.row(jobB.JobId)).toHaveCount(0);
    await expect(s.row(jobA.JobId).getByTestId("triggered-by")).toContainText(nameOf(A.email));
    await expectNoSeriousA11yViolations(page);

    // The server renders it too (a reload or a shared link), and a CI filter in the link does not leak in.
    await page.goto("/jobs?mine=1&states=Failed");
    await s.ready();
    await expect(mineSwitch(page)).toBeChecked();
    await expect(s.row(jobA.JobId)).toBeVisible();
    await expect(s.row(jobB.JobId)).toHaveCount(0);

    // Turned off: every job again, the CI filter from the link back in force.
    await mineSwitch(page).uncheck();
    await expect(page).not.toHaveURL(/mine=/);
    await expect(page.getByTestId("mine-note")).toHaveCount(0);
    await expect(s.state("Failed")).toBeChecked();

    // An invalid value is simply off.
    await page.goto("/jobs?mine=yes");
    await s.ready();
    await expect(mineSwitch(page)).not.toBeChecked();
    await expect(s.row(jobB.JobId)).toBeVisible();

    // B: the reverse.
    const bs = jobsScreen(b.page);
    await b.page.goto("/jobs?mine=1");
    await bs.ready();
    await expect(bs.row(jobB.JobId)).toBeVisible();
    await expect(bs.row(jobA.JobId)).toHaveCount(0);
    await expect(bs.row(jobB.JobId).getByTestId("triggered-by")).toContainText(nameOf(B.email));
  } finally {
    await b.context.close();
  }
});

test("phone width: the Triggered by column and the My jobs toggle stay usable, the page never scrolls sideways", async ({
  page,
  request,
}) => {
  const job = await triggerJob(request, uniqueName("phone"), `e2e/ok/${Date.now()}/`);
  await page.setViewportSize({ width: 390, height: 844 });
  const s = jobsScreen(page);
  await page.goto("/jobs");
  await s.ready();
  // The toggle sits outside the folded filters, one tap away.
  await mineSwitch(page).check();
  await expect(page).toHaveURL(/mine=1/);
  const cell = s.row(job.JobId).getByTestId("triggered-by");
  await cell.scrollIntoViewIfNeeded();
  await expect(cell).toContainText(nameOf(A.email));
  expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
  await expectNoSeriousA11yViolations(page);
});
