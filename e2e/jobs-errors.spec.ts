import { expect, test } from "@playwright/test";
import { emulatorAdmin } from "./support/emulator-admin";
import { jobsScreen } from "./support/jobs-page";

test.beforeEach(async () => {
  await emulatorAdmin.reset();
});
test.afterEach(async () => {
  await emulatorAdmin.clearFaults();
});

test("a CI failure while polling keeps the rows, shows CI's code and RequestId, and clears by itself", async ({
  page,
}) => {
  const s = jobsScreen(page);
  await page.goto("/jobs");
  await s.ready();
  const rows = await s.rowIds();
  expect(rows.length).toBeGreaterThan(0);

  await emulatorAdmin.setFaults({ errorRate: 1, routes: ["GET /inventorytriggerjob"] });
  await expect(s.banner).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("alert").filter({ hasText: "Could not refresh the job list" })).toBeVisible();
  await expect(s.banner).toContainText("InternalError");
  await expect(s.banner).toContainText(/RequestId: \S{8,}/);
  await expect(s.banner).toContainText(/Trying again in about \d+ s/);
  // The table still shows what we had.
  expect(await s.rowIds()).toEqual(rows);
  await expect(s.rows.first()).toBeVisible();

  await emulatorAdmin.clearFaults();
  // No click: the back-off timer brings it back.
  await expect(s.banner).toBeHidden({ timeout: 45_000 });
  await expect(s.rows.first()).toBeVisible();
});

test("when the server's first load fails, the page renders the table and the banner, then recovers", async ({
  page,
}) => {
  const s = jobsScreen(page);
  await emulatorAdmin.setFaults({ errorRate: 1, routes: ["GET /inventorytriggerjob"] });
  // A view no earlier test asked for, so that no cached answer (CI_CACHE_MS) can stand in for CI.
  const res = await page.goto("/jobs?size=100&order=oldest");
  expect(res?.status()).toBe(200);
  await expect(s.banner).toBeVisible();
  await expect(s.banner).toContainText("Could not load the job list");
  await expect(s.banner).toContainText("InternalError");
  await expect(page.getByRole("table")).toBeVisible();
  await expect(s.rows).toHaveCount(0);

  await emulatorAdmin.clearFaults();
  await expect(s.rows.first()).toBeVisible({ timeout: 45_000 });
  await expect(s.banner).toBeHidden();
});

test("“Try again now” retries at once", async ({ page }) => {
  const s = jobsScreen(page);
  await page.goto("/jobs");
  await s.ready();
  await emulatorAdmin.setFaults({ slowDownRate: 1, routes: ["GET /inventorytriggerjob"] });
  await expect(s.banner).toBeVisible({ timeout: 30_000 });
  await emulatorAdmin.clearFaults();
  await s.banner.getByRole("button", { name: "Try again now" }).click();
  await expect(s.banner).toBeHidden({ timeout: 10_000 });
});
