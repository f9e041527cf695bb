/**
 * Drill: CI answers 500 for 30 s while /jobs is open. The rows stay, a banner shows CI's code and the RequestId of
 * the failed answer, polling backs off (fewer /api/jobs requests than the normal rate, a longer pause after the
 * failure), and when the fault expires on its own the page recovers without a reload or a click.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type Response } from "@playwright/test";
import { E2E } from "./support/env";
import { waitForHydration } from "./support/jobs-page";

const OUTAGE_MS = 30_000; // the drill: half a minute of 500s
const MAX_BACKOFF_MS = 60_000; // POLL_MAX_BACKOFF_MS: the longest the page waits between failed polls
const INTERVAL_MS = 5_000; // "Every 5 s", chosen in the page's own control

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${E2E.emulatorUrl}/__emulator/${path}`, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

const listCalls = async () =>
  (await admin<{ routes: Record<string, number> }>("GET", "stats")).routes["GET /inventorytriggerjob"] ?? 0;

/** Every /api/jobs request the page makes (time sent) and every failed answer's error body. */
function watchPolls(page: Page) {
  const sent: number[] = [];
  const failures: { at: number; code: string; requestId?: string }[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/jobs" && r.method() === "GET") sent.push(Date.now());
  });
  page.on("response", async (r: Response) => {
    if (new URL(r.url()).pathname !== "/api/jobs" || r.ok()) return;
    const body = (await r.json().catch(() => null)) as { error?: { code: string; requestId?: string } } | null;
    failures.push({
      at: Date.now(),
      code: body?.error?.code ?? `HTTP ${r.status()}`,
      requestId: body?.error?.requestId,
    });
  });
  return { sent, failures, between: (from: number, to: number) => sent.filter((t) => t >= from && t < to).length };
}

test.beforeEach(async () => {
  await admin("DELETE", "faults");
});
test.afterEach(async () => {
  await admin("DELETE", "faults");
});

test("CI 500s for 30 s: rows stay, the banner names CI's code and RequestId, polling backs off, recovery is automatic", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const polls = watchPolls(page);
  await page.goto("/jobs");
  const table = page.getByRole("region", { name: "Batch jobs table" });
  const rows = table
    .locator("tbody")
    .getByRole("row")
    .filter({ has: page.getByRole("link") });
  await expect(rows.first()).toBeVisible();
  // A choice made before React takes over the page would be reset by hydration.
  await waitForHydration(page);
  await page.getByLabel("Interval").selectOption(String(INTERVAL_MS));
  await expect(page.getByTestId("live-status")).toContainText(`every ${INTERVAL_MS / 1000} s`);
  const rowCount = await rows.count();
  const rowIds = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-job-id")));
  // Marks this document: after recovery it must still be the same one (no reload).
  await page.evaluate(() => ((window as unknown as { __drill: string }).__drill = "same document"));

  // The normal rate: two consecutive polls at the chosen interval (after a third: the first poll after choosing a new
  // interval may come early, as the page moves onto the new interval's beat).
  const before = polls.sent.length;
  await expect.poll(() => polls.sent.length, { timeout: 4 * INTERVAL_MS }).toBeGreaterThanOrEqual(before + 3);
  const normalGap = polls.sent.at(-1)! - polls.sent.at(-2)!;
  expect(normalGap).toBeGreaterThan(INTERVAL_MS - 1_000);
  expect(normalGap).toBeLessThan(INTERVAL_MS + 2_000);

  const callsBefore = await listCalls();
  const faultSetAt = Date.now();
  await admin("POST", "faults", { errorRate: 1, durationMs: OUTAGE_MS, routes: ["GET /inventorytriggerjob"] });

  const banner = page.getByRole("alert").filter({ hasText: "Could not refresh the job list" });
  await expect(banner).toBeVisible({ timeout: INTERVAL_MS + 5_000 });
  await expect(banner).toContainText("InternalError");
  expect(polls.failures.length).toBeGreaterThan(0);
  const failed = polls.failures[0]!;
  expect(failed.code).toBe("InternalError");
  expect(failed.requestId).toBeTruthy();
  await expect(banner).toContainText(`RequestId: ${failed.requestId}`);
  // What we had stays on screen.
  await expect(rows).toHaveCount(rowCount);
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-job-id")))).toEqual(rowIds);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  // Recovery: nobody clears the fault or clicks anything.
  await expect(banner).toBeHidden({ timeout: OUTAGE_MS + MAX_BACKOFF_MS + INTERVAL_MS });
  const recoveredAt = Date.now();
  const callsDuring = (await listCalls()) - callsBefore;
  expect(recoveredAt - faultSetAt).toBeGreaterThanOrEqual(OUTAGE_MS - 500);
  expect(await admin<unknown>("GET", "faults")).toBeNull(); // it expired by itself
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId("live-status")).toContainText(`every ${INTERVAL_MS / 1000} s`);
  expect(await page.evaluate(() => (window as unknown as { __drill?: string }).__drill)).toBe("same document");

  // Back-off: the pause after the first failure is longer than the normal interval…
  const firstFailedPoll = polls.sent.filter((t) => t <= failed.at).at(-1)!;
  const nextPoll = polls.sent.find((t) => t > failed.at)!;
  expect(nextPoll - firstFailedPoll).toBeGreaterThanOrEqual(1.5 * normalGap);
  // …so the outage window saw fewer polls than the normal rate would have sent.
  const inOutage = polls.between(faultSetAt, faultSetAt + OUTAGE_MS);
  expect(inOutage).toBeLessThan(OUTAGE_MS / normalGap);
  // And CI was not hammered: up to the recovery, each failing poll cost at most one bounded retry series (4 calls)
  // and each successful one at most one call.
  const failingPolls = polls.failures.length;
  const okPolls = polls.between(faultSetAt, recoveredAt + 1) - failingPolls;
  expect(callsDuring).toBeLessThanOrEqual(4 * failingPolls + okPolls);
  test.info().annotations.push({
    type: "drill",
    description: `normal gap ${normalGap} ms; gap after failure ${nextPoll - firstFailedPoll} ms; ${inOutage} polls in the ${OUTAGE_MS / 1000} s outage; ${failingPolls} failed; ${callsDuring} CI list calls until recovery; recovered ${recoveredAt - faultSetAt} ms after the fault began`,
  });
});
