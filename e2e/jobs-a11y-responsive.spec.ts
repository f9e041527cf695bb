import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { emulatorAdmin } from "./support/emulator-admin";
import { listJobs } from "./support/jobs-api";
import { jobsScreen } from "./support/jobs-page";

const shot = (name: string) => path.join(test.info().project.testDir, "screenshots", name);

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function pageScrollsSideways(page: Page) {
  return page.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth || document.body.scrollWidth > window.innerWidth,
  );
}

test.beforeAll(async () => {
  await emulatorAdmin.reset();
});

test("jobs screen: no serious accessibility issues, screenshots at desktop and phone width, never scrolls sideways", async ({
  page,
}) => {
  test.slow(); // two full axe scans and two screenshots: CPU-bound work that outlasted 60 s on a loaded machine
  const s = jobsScreen(page);
  await page.goto("/jobs?states=Running,Failed,Success,Pause");
  await s.ready();
  await expect(s.rows.first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  expect(await pageScrollsSideways(page)).toBe(false);
  await page.screenshot({ path: shot("jobs-1440.png") });

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(s.rows.first()).toBeVisible();
  expect(await pageScrollsSideways(page)).toBe(false);
  // The on-call phone: each job's name, state and age are on screen without scrolling sideways (issue 16), the
  // secondary columns wait on the job page. Nothing scrolls inside the table's box either.
  const region = page.getByRole("region", { name: "Batch jobs table" });
  expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(false);
  for (const row of (await s.rows.all()).slice(0, 3)) {
    for (const part of [
      row.getByRole("link").first(),
      row.locator("[data-state]").last(),
      row.locator("time").first(),
    ]) {
      await expect(part).toBeVisible();
      const box = (await part.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
  }
  expect(await seriousViolations(page)).toEqual([]);
  // On a phone the filters fold away until asked for.
  await expect(jobsScreen(page).type).toBeHidden();
  await page.screenshot({ path: shot("jobs-390.png") });
  await page.getByRole("button", { name: "Show filters" }).click();
  await expect(page.getByRole("button", { name: "Hide filters" })).toHaveAttribute("aria-expanded", "true");
  await expect(jobsScreen(page).type).toBeVisible();
  expect(await pageScrollsSideways(page)).toBe(false);
});

test("job detail: no serious accessibility issues, screenshots at desktop and phone width, never scrolls sideways", async ({
  page,
  request,
}) => {
  const failed = (await listJobs(request, { size: 10, states: "Failed", type: "Job" })).jobs[0]!;
  await page.goto(`/jobs/${failed.JobId}`);
  await expect(page.getByTestId("failure")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  expect(await pageScrollsSideways(page)).toBe(false);
  await page.screenshot({ path: shot("job-detail-1440.png") });

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await pageScrollsSideways(page)).toBe(false);
  await page.getByText("Raw answer from CI").click();
  expect(await pageScrollsSideways(page)).toBe(false);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByText("Raw answer from CI").click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shot("job-detail-390.png") });
});

test("keyboard: arrow keys move between rows, focus is visible", async ({ page }) => {
  const s = jobsScreen(page);
  await page.goto("/jobs");
  await s.ready();
  const ids = await s.rowIds();
  const firstLink = s.row(ids[0]!).getByRole("link").first();
  await firstLink.focus();
  await page.keyboard.press("ArrowDown");
  await expect(s.row(ids[1]!).getByRole("link").first()).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(s.row(ids[2]!).getByRole("link").first()).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(s.row(ids[1]!).getByRole("link").first()).toBeFocused();
  // Tab from a keyboard-focused link shows a focus ring.
  await page.keyboard.press("Tab");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(outline).not.toBe("none");
});

test("every page loads without a failed request or a console error (favicon included)", async ({ page }) => {
  const failures: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) failures.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  page.on("console", (m) => {
    if (m.type() === "error") failures.push(`console: ${m.text()}`);
  });
  for (const path of ["/jobs", "/jobs/new", "/audit"]) {
    await page.goto(path);
    await expect(page.locator("h1").first()).toBeVisible();
    await page.waitForLoadState("networkidle");
  }
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /icon/);
  expect(failures).toEqual([]);
});
