import { expect, test, type Page } from "@playwright/test";
import { emulatorAdmin } from "./support/emulator-admin";
import { triggerJob, uniqueName } from "./support/jobs-api";
import {
  advanceUntilRequest,
  pauseClockSoon,
  recordContextRequests,
  recordedRequests,
  recordPageRequests,
  serverTimeFollowsPageClock,
} from "./support/clock";
import { E2E, ssoHeaders } from "./support/env";
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

test("a job triggered through the API appears and goes Submitted → Running → Success without a reload", async ({
  page,
  request,
}) => {
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
  test.slow(); // a round trip per 250 ms of page time: on a shared machine this takes more than 60 s of real time
  await page.clock.install();
  await serverTimeFollowsPageClock(page);
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
  const nextPoll = () => advanceUntilRequest(page, (url) => isList(url));

  // Visible: the seed list has active jobs, so it polls about every 4 s.
  await recordPageRequests(page);
  await pauseClockSoon(page);
  await nextPoll();
  await nextPoll(); // the first answer may move the page onto the server's beat: judge the gap after it
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
  // That refresh came between beats: the next poll waits for the next beat (never sooner than 1 s), then the normal rate.
  const toBeat = await nextPoll();
  expect(toBeat).toBeGreaterThanOrEqual(1_000);
  expect(toBeat).toBeLessThanOrEqual(8_000);
  const resumedGap = await nextPoll();
  expect(resumedGap).toBeGreaterThanOrEqual(3_500);
  expect(resumedGap).toBeLessThanOrEqual(8_000);
  expect(listCalls).toBe(hiddenAt + 3);

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
  // The server renders the defaults; the stored choice shows once React has taken over.
  await s.hydrated();
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

test("open dashboards poll on the server's beat, so they share CI calls", async ({ browser }) => {
  // Two people's tabs (separate contexts) on the same view, polling every 5 s; every poll should land just after a
  // multiple of 5 s on the server's clock (this machine's), within the tab's jitter (< 300 ms) plus timer slack.
  const INTERVAL = 5_000;
  const SLACK = 1_200; // timers and request events run late on a loaded 2-core machine; a random phase fits 24% of the time
  const tabs = await Promise.all([0, 1].map(() => browser.newContext({ extraHTTPHeaders: ssoHeaders(E2E.operator) })));
  try {
    const polls: number[][] = [[], []];
    const pages: Page[] = [];
    for (const context of tabs) {
      await context.addInitScript(() =>
        localStorage.setItem("ci-console:live-updates", JSON.stringify({ paused: false, interval: 5_000 })),
      );
      // Stamped in the page when it calls fetch, with this machine's clock (the server's too): e2e/support/clock.ts.
      await recordContextRequests(context);
      const page = await context.newPage();
      await page.goto("/jobs");
      await jobsScreen(page).hydrated();
      pages.push(page);
    }
    const readPolls = async () => {
      for (const [i, page] of pages.entries()) {
        polls[i] = (await recordedRequests(page))
          .filter((sent) => sent.method === "GET" && new URL(sent.url).pathname === "/api/jobs")
          .map((sent) => sent.at);
      }
      return Math.min(polls[0]!.length, polls[1]!.length);
    };
    // The first request may be a refetch on mount (if hydration outlasted staleTime): judge the three after it.
    await expect.poll(readPolls, { timeout: 40_000 }).toBeGreaterThanOrEqual(4);
    const judged = polls.map((times) => times.slice(1, 4));
    // Signed distance from the nearest beat: the tab's estimate of the server clock may be a few ms early (half a
    // round trip at most), so "just before" counts as on the beat too.
    const phases = judged.flatMap((times) => times.map((t) => ((t + INTERVAL / 2) % INTERVAL) - INTERVAL / 2));
    expect(
      phases.every((p) => p > -250 && p < SLACK),
      `ms from the beat: ${phases.join(", ")}`,
    ).toBe(true);
    // Consecutive polls of one tab are a whole interval apart (± slack), never bunched.
    for (const times of judged) {
      for (let k = 1; k < times.length; k++) expect(Math.abs(times[k]! - times[k - 1]! - INTERVAL)).toBeLessThan(SLACK);
    }
  } finally {
    await Promise.all(tabs.map((c) => c.close()));
  }
});
