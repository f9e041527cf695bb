/**
 * Drills for the other bad days, in the browser (the 30 s outage of 500s has its own spec): CI throttling, CI sending
 * broken XML, connections dropped, and CI slow (2–5 s a call). In every case the rows stay, a failure shows CI's
 * (or our) code in the banner, nothing reloads, and the page recovers on its own when the fault expires.
 */
import { expect, test, type Page } from "@playwright/test";
import { E2E } from "./support/env";
import { waitForHydration } from "./support/jobs-page";

const INTERVAL_MS = 5_000;
const LIST = "GET /inventorytriggerjob";

async function setFaults(faults: Record<string, unknown> | null): Promise<void> {
  const res = await fetch(`${E2E.emulatorUrl}/__emulator/faults`, {
    method: faults ? "POST" : "DELETE",
    headers: faults ? { "content-type": "application/json" } : undefined,
    body: faults ? JSON.stringify(faults) : undefined,
  });
  if (!res.ok) throw new Error(`emulator faults: ${res.status} ${await res.text()}`);
}

/** Opens /jobs polling every 5 s; returns the rows and a marker proving later that the document was never reloaded. */
async function openJobs(page: Page) {
  await page.goto("/jobs");
  const rows = page
    .getByRole("region", { name: "Batch jobs table" })
    .locator("tbody")
    .getByRole("row")
    .filter({ has: page.getByRole("link") });
  await expect(rows.first()).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("Interval").selectOption(String(INTERVAL_MS));
  await expect(page.getByTestId("live-status")).toContainText(`every ${INTERVAL_MS / 1000} s`);
  await page.evaluate(() => ((window as unknown as { __drill: string }).__drill = "same document"));
  const ids = () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-job-id")));
  return {
    rows,
    ids,
    sameDocument: () => page.evaluate(() => (window as unknown as { __drill?: string }).__drill === "same document"),
  };
}

test.afterEach(async () => setFaults(null));

const FAILING: { name: string; faults: Record<string, unknown>; code: string }[] = [
  { name: "a SlowDown burst (503 on every list call)", faults: { slowDownRate: 1 }, code: "SlowDown" },
  { name: "malformed XML from CI", faults: { malformedRate: 1 }, code: "BadResponse" },
  { name: "connections dropped", faults: { dropRate: 1 }, code: "NetworkError" },
];

for (const c of FAILING) {
  test(`${c.name}: rows stay, the banner names ${c.code}, recovery is automatic`, async ({ page }) => {
    test.setTimeout(90_000);
    const screen = await openJobs(page);
    const before = await screen.ids();
    await setFaults({ ...c.faults, routes: [LIST], durationMs: 6_000 });
    const banner = page.getByRole("alert").filter({ hasText: "Could not refresh the job list" });
    await expect(banner).toBeVisible({ timeout: 3 * INTERVAL_MS });
    await expect(banner).toContainText(c.code);
    expect(await screen.ids()).toEqual(before);
    // Nobody clears the fault: it expires, the next (backed-off) poll succeeds, the banner goes.
    await expect(banner).toBeHidden({ timeout: 40_000 });
    await expect(screen.rows.first()).toBeVisible();
    expect(await screen.sameDocument()).toBe(true);
  });
}

test("CI slow (2–5 s a call): rows stay, no error, never more than one poll in flight", async ({ page }) => {
  test.setTimeout(90_000);
  const screen = await openJobs(page);
  const before = await screen.ids();
  let inFlight = 0;
  let maxInFlight = 0;
  let answered = 0;
  const isList = (url: string) => new URL(url).pathname === "/api/jobs";
  page.on("request", (r) => {
    if (r.method() === "GET" && isList(r.url())) maxInFlight = Math.max(maxInFlight, ++inFlight);
  });
  const done = (url: string) => {
    if (!isList(url)) return;
    inFlight--;
    answered++;
  };
  page.on("requestfinished", (r) => done(r.url()));
  page.on("requestfailed", (r) => done(r.url()));
  // Below the e2e CI_TIMEOUT_MS (5 s), so the calls are slow but succeed.
  await setFaults({ latencyMs: 2_000, latencyJitterMs: 2_500, routes: [LIST], durationMs: 20_000 });
  await expect.poll(() => answered, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId("poll-error")).toHaveCount(0);
  expect(await screen.ids()).toEqual(before);
  expect(maxInFlight).toBe(1);
  expect(await screen.sameDocument()).toBe(true);
});
