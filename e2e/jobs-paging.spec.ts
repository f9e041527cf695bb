import { expect, test } from "@playwright/test";
import { emulatorAdmin } from "./support/emulator-admin";
import { listJobs } from "./support/jobs-api";
import { expectRows, jobsScreen } from "./support/jobs-page";

test.beforeEach(async () => {
  await emulatorAdmin.reset();
});

test("Next walks CI's pages by token, Previous and browser Back return the same rows", async ({ page, request }) => {
  const s = jobsScreen(page);
  // The truth: the first four pages as the API gives them, following nextToken.
  const truth: string[][] = [];
  let token: string | null = null;
  for (let i = 0; i < 4; i++) {
    const p = await listJobs(request, { size: 10, orderByTime: "Desc", ...(token ? { nextToken: token } : {}) });
    truth.push(p.jobs.map((j) => j.JobId));
    token = p.nextToken;
    expect(token, `page ${i + 1} should have a next page`).toBeTruthy();
  }

  await page.goto("/jobs?size=10");
  await expectRows(page, truth[0]!);
  await expect(s.range).toHaveText(/Showing 1–10/);
  await expect(s.previous).toBeDisabled();

  for (let i = 1; i < 4; i++) {
    await s.next.click();
    await expect(page).toHaveURL(/cursor=/);
    await expectRows(page, truth[i]!);
    await expect(s.range).toHaveText(new RegExp(`Showing ${i * 10 + 1}–${i * 10 + 10}`));
  }
  // No fake page numbers: only Previous and Next.
  await expect(page.getByRole("navigation", { name: "Pagination" }).getByRole("button")).toHaveCount(2);

  // A link to page 4 reproduces it.
  const page4Url = page.url();
  await page.reload();
  await expectRows(page, truth[3]!);
  await expect(s.range).toHaveText(/Showing 31–40/);

  for (let i = 2; i >= 0; i--) {
    await s.previous.click();
    await expectRows(page, truth[i]!);
    await expect(s.range).toHaveText(new RegExp(`Showing ${i * 10 + 1}–${i * 10 + 10}`));
  }
  await expect(page).not.toHaveURL(/cursor=/);
  await expect(s.previous).toBeDisabled();

  // Browser history: Back retraces the Previous clicks (we are on page 1 after three Previous).
  await page.goBack();
  await expectRows(page, truth[1]!);
  await page.goBack();
  await expectRows(page, truth[2]!);
  await page.goto(page4Url);
  await expectRows(page, truth[3]!);

  // Changing a filter returns to the first page.
  await s.size.selectOption("20");
  await expect(page).not.toHaveURL(/cursor=/);
  await expect(s.range).toHaveText(/Showing 1–20/);
});

test("paging with a relative time preset keeps CI's token valid", async ({ page }) => {
  const s = jobsScreen(page);
  await page.goto("/jobs?size=10&created=30d");
  await s.ready();
  await expect(s.rows).toHaveCount(10);
  await s.next.click();
  await expect(page).toHaveURL(/at=/);
  await expect(s.range).toHaveText(/Showing 11–20/);
  await expect(s.banner).toHaveCount(0);
  await s.next.click();
  await expect(s.range).toHaveText(/Showing 21–30/);
  await expect(s.banner).toHaveCount(0);
});
