import { expect, test, type Page } from "@playwright/test";
import { emulatorAdmin } from "./support/emulator-admin";
import { triggerJob, uniqueName } from "./support/jobs-api";
import { advanceUntilResponse } from "./support/clock";
import { jobsScreen } from "./support/jobs-page";

test.beforeEach(async () => {
  await emulatorAdmin.reset();
});

/** Records, in the page, every state a row shows and whether it was highlighted. */
async function recordRow(page: Page, jobId: string) {
  await page.evaluate((id) => {
    const w = window as unknown as { __states: string[]; __changed: boolean };
    w.__states = [];
    w.__changed = false;
    const look = () => {
      const tr = document.querySelector(`tr[data-job-id="${id}"]`);
      const state = tr?.getAttribute("data-state");
      if (state && w.__states[w.__states.length - 1] !== state) w.__states.push(state);
      if (tr?.getAttribute("data-changed") === "true") w.__changed = true;
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true });
    look();
  }, jobId);
  return {
    states: () => page.evaluate(() => (window as unknown as { __states: string[] }).__states),
    highlighted: () => page.evaluate(() => (window as unknown as { __changed: boolean }).__changed),
  };
}

test("a job triggered through the API appears and goes Submitted → Running → Success without a reload", async ({ page, request }) => {
  const s = jobsScreen(page);
  await page.goto("/jobs");
  await s.ready();
  // Pretend the person looks at another window: finished jobs are then counted in the title.
  await page.evaluate(() => {
    document.hasFocus = () => false;
    window.dispatchEvent(new Event("blur"));
  });
  const navigations: string[] = [];
  page.on("framenavigated", (f) => f === page.mainFrame() && navigations.push(f.url()));

  // "slow": each phase takes 4 steps (6 s), so a 4 s poll sees every state.
  const job = await triggerJob(request, uniqueName("live"), `e2e/slow/${Date.now()}/`);
  const rec = await recordRow(page, job.JobId);

  await expect(s.row(job.JobId)).toBeVisible({ timeout: 10_000 });
  await expect(s.row(job.JobId)).toHaveAttribute("data-state", "Success", { timeout: 30_000 });
  expect(await rec.states()).toEqual(["Submitted", "Running", "Success"]);
  expect(await rec.highlighted()).toBe(true);
  expect(navigations).toEqual([]);
  await expect(s.row(job.JobId).getByText("Success")).toBeVisible();

  // One job finished while "away": the title says so, and any interaction clears it.
  await expect(page).toHaveTitle(/^\(1\) Jobs/);
  await page.mouse.click(5, 5);
  await expect(page).toHaveTitle("Jobs · CI Batch Console");
  await expect(page.getByTestId("live-status")).toContainText(/Updated (just now|\d+ s ago)/);
});

test("polling stops while the tab is hidden, resumes at once when visible, and can be paused", async ({ page }) => {
  await page.clock.install();
  let listCalls = 0;
  page.on("request", (r) => {
    if (r.method() === "GET" && new URL(r.url()).pathname === "/api/jobs") listCalls++;
  });
  const s = jobsScreen(page);
  await page.goto("/jobs");
  await s.ready();
  await s.hydrated();

  const setVisibility = (hidden: boolean) =>
    page.evaluate((h) => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => (h ? "hidden" : "visible") });
      Object.defineProperty(document, "hidden", { configurable: true, get: () => h });
      document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
    }, hidden);

  const isList = (url: string) => new URL(url).pathname === "/api/jobs";
  const nextPoll = () => advanceUntilResponse(page, (r) => isList(r.url()));

  // Visible: the seed list has active jobs, so it polls about every 4 s.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  await nextPoll();
  const gap = await nextPoll();
  expect(gap).toBeGreaterThanOrEqual(3_500);
  expect(gap).toBeLessThanOrEqual(8_000); // (page time spent handling the previous answer counts too)

  await setVisibility(true);
  await expect.poll(async () => page.evaluate(() => document.visibilityState)).toBe("hidden");
  const hiddenAt = listCalls;
  for (let i = 0; i < 12; i++) await page.clock.runFor(5_000);
  await page.evaluate(() => 0); // let any request the page started reach us
  expect(listCalls).toBe(hiddenAt);

  const visibleRequest = page.waitForResponse((r) => isList(r.url()));
  await setVisibility(false);
  await visibleRequest; // at once, without advancing the clock to the next interval
  expect(listCalls).toBe(hiddenAt + 1);
  const resumedGap = await nextPoll();
  expect(resumedGap).toBeGreaterThanOrEqual(3_500);
  expect(resumedGap).toBeLessThanOrEqual(8_000);
  expect(listCalls).toBe(hiddenAt + 2);

  // Paused by the person: no polls at all, and the choice survives a reload.
  await page.getByRole("button", { name: "Pause live updates" }).click();
  await page.clock.runFor(200); // the clock is paused: let the page's own timers run
  await expect(page.getByTestId("live-status")).toContainText("Live updates paused");
  const pausedAt = listCalls;
  for (let i = 0; i < 12; i++) await page.clock.runFor(10_000);
  await page.evaluate(() => 0);
  expect(listCalls).toBe(pausedAt);
  await page.clock.resume();
  await page.reload();
  await expect(page.getByRole("button", { name: "Resume live updates" })).toBeVisible();
  await page.getByRole("button", { name: "Resume live updates" }).click();
  await expect(page.getByTestId("live-status")).toContainText(/Live, every \d+ s/);
});

test("a chosen interval is remembered and a bad stored value falls back to Auto", async ({ page }) => {
  await page.goto("/jobs");
  await jobsScreen(page).hydrated();
  const interval = page.getByLabel("Interval");
  await interval.selectOption("10000");
  await expect(page.getByTestId("live-status")).toContainText("Live, every 10 s");
  await page.reload();
  await expect(interval).toHaveValue("10000");
  await page.evaluate(() => localStorage.setItem("ci-console:live-updates", '{"paused":"yes","interval":123}'));
  await page.reload();
  await jobsScreen(page).hydrated();
  await expect(interval).toHaveValue("auto");
  await expect(page.getByRole("button", { name: "Pause live updates" })).toBeVisible();
});
