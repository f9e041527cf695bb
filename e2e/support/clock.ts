/** Helpers for tests that drive the page's fake clock (page.clock) instead of waiting in real time. */
import type { Page, Response } from "@playwright/test";

/**
 * Advances the paused page clock in small steps until a response matching `match` arrives, and returns how much
 * page time that took. Small steps (each a round trip) let the page finish handling the previous answer and set
 * its next timer before the clock moves on. Throws after `maxMs` of page time.
 */
export async function advanceUntilResponse(page: Page, match: (r: Response) => boolean, { stepMs = 250, maxMs = 70_000 } = {}): Promise<number> {
  let arrived = false;
  const answered = page.waitForResponse((r) => match(r), { timeout: 0 }).then(() => {
    arrived = true;
  });
  let advanced = 0;
  while (!arrived) {
    if (advanced >= maxMs) throw new Error(`no matching response within ${maxMs} ms of page time`);
    await page.clock.runFor(stepMs);
    advanced += stepMs;
  }
  await answered;
  return advanced;
}

/**
 * Pages poll on the server's beat, read from every API answer's `x-server-time`. Under a fake page clock that beat must
 * be fake time too, or each answer would move the beat by however much real time has passed: this rewrites the header
 * of every /api/ answer (all of them feed the page's estimate of the server clock) to the page's own (fake) now.
 */
export async function serverTimeFollowsPageClock(page: Page): Promise<void> {
  await page.route("**/api/**", async (route) => {
    const response = await route.fetch();
    const pageNow = await page.evaluate(() => Date.now());
    await route.fulfill({ response, headers: { ...response.headers(), "x-server-time": String(pageNow) } });
  });
}
