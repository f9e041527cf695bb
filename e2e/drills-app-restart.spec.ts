/**
 * Drill: the dashboard server restarts while /jobs is open. The page keeps its rows, says the server cannot be
 * reached, and reconnects on its own once the server is back — same document, no reload, no click.
 * This spec runs its own emulator and `next start` (ports 3355 / 9355, the build in NEXT_DIST_DIR) so that stopping
 * the server does not disturb the shared one the other specs use.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { BENCH } from "../bench/lib/bench-env";
import { startApp, startEmulator, type Started } from "../bench/lib/processes";
import { waitForHydration } from "./support/jobs-page";

const APP_PORT = 3355;
const EMULATOR_PORT = 9355;
const INTERVAL_MS = 5_000;

let emulator: Started | undefined;
let app: Started | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  emulator = await startEmulator(EMULATOR_PORT);
  app = await startApp(APP_PORT, EMULATOR_PORT);
});

test.afterAll(async () => {
  await app?.stop();
  await emulator?.stop();
});

test("a server restart: rows stay, the error shows, the page reconnects without a reload", async ({ browser }) => {
  test.setTimeout(180_000);
  // This server has its own credentials and identity header values (bench/lib/bench-env).
  const context = await browser.newContext({ extraHTTPHeaders: { ...BENCH.identity } });
  const page = await context.newPage();
  let navigations = 0;
  page.on("framenavigated", (f) => {
    if (f === page.mainFrame()) navigations++;
  });
  await page.goto(`${app!.url}/jobs`);
  const rows = page
    .getByRole("region", { name: "Batch jobs table" })
    .locator("tbody")
    .getByRole("row")
    .filter({ has: page.getByRole("link") });
  await expect(rows.first()).toBeVisible();
  await waitForHydration(page); // a choice made before hydration would be reset
  await page.getByLabel("Interval").selectOption(String(INTERVAL_MS));
  await expect(page.getByTestId("live-status")).toContainText(`every ${INTERVAL_MS / 1000} s`);
  const rowIds = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-job-id")));
  expect(rowIds.length).toBeGreaterThan(0);
  await page.evaluate(() => ((window as unknown as { __drill: string }).__drill = "same document"));
  const navigationsBefore = navigations;

  await app!.stop();
  const banner = page.getByRole("alert").filter({ hasText: "Could not refresh the job list" });
  await expect(banner).toBeVisible({ timeout: 3 * INTERVAL_MS });
  await expect(banner).toContainText("NetworkError");
  await expect(banner).toContainText(/Trying again in about \d+ s/);
  // The rows from before the restart are still there.
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-job-id")))).toEqual(rowIds);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  app = await startApp(APP_PORT, EMULATOR_PORT);
  const restartedAt = Date.now();
  // The back-off timer brings it back (at most 60 s between tries).
  await expect(banner).toBeHidden({ timeout: 75_000 });
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId("live-status")).toContainText(/Updated (just now|\d+ s ago)/);
  expect(await page.evaluate(() => (window as unknown as { __drill?: string }).__drill)).toBe("same document");
  expect(navigations).toBe(navigationsBefore);
  test.info().annotations.push({
    type: "drill",
    description: `reconnected ${Date.now() - restartedAt} ms after the server answered again`,
  });
  await context.close();
});
