/** Helpers for tests that drive the page's fake clock (page.clock) instead of waiting in real time. */
import type { Page, Request } from "@playwright/test";

/**
 * Advances the paused page clock in small steps until the page sends a request matching `match`, then lets that
 * request's answer arrive with the clock standing still, and returns how much page time passed until the request
 * left. Small steps (each a round trip) let the page finish handling the previous answer and set its next timer
 * before the clock moves on. Throws after `maxMs` of page time.
 *
 * Why the clock stops while the request is in flight: the pages poll on the server's beat, so a poll leaves at a
 * fixed page time whatever the previous answer's latency was. Moving the clock while an answer is on its way would
 * turn real network time (a cold route, a busy machine) into page time, so the gap between two *answers* would swing
 * by that latency (a slow first answer made a 3 s poll look like a 2 s one). Measured at the request, and with no
 * page time passing in flight, the gap is the page's own polling interval, to within a step or two.
 */
export async function advanceUntilRequest(page: Page, match: (r: Request) => boolean, { stepMs = 250, maxMs = 70_000 } = {}): Promise<number> {
  let sent: Request | null = null;
  const onRequest = (r: Request) => {
    if (!sent && match(r)) sent = r;
  };
  page.on("request", onRequest);
  try {
    let advanced = 0;
    while (!sent) {
      if (advanced >= maxMs) throw new Error(`no matching request within ${maxMs} ms of page time`);
      await page.clock.runFor(stepMs);
      advanced += stepMs;
      // Requests started during the step are reported after runFor returns: give the events a round trip to arrive.
      if (!sent) await page.evaluate(() => 0);
    }
    const request: Request = sent;
    const response = await request.response();
    if (!response) throw new Error(`request ${request.url()} got no answer`);
    await response.finished();
    return advanced;
  } finally {
    page.off("request", onRequest);
  }
}

/**
 * Pauses the running page clock a little ahead of the page's now. Reading the page's now and pausing are two round
 * trips, and the installed clock keeps running between them: on a busy machine more than the lead can pass, and
 * Playwright refuses to pause in the past. Then try again with a fresh reading and a longer lead. Returns the page time
 * the clock stands at.
 */
export async function pauseClockSoon(page: Page, leadMs = 1_000): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const at = (await page.evaluate(() => Date.now())) + leadMs * 2 ** attempt;
    try {
      await page.clock.pauseAt(at);
      return at;
    } catch (e) {
      if (attempt >= 4 || !/fast-forward to the past/i.test(String(e))) throw e;
    }
  }
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
    await route.fulfill({ response, headers: { ...response.headers(), "x-server-time": String(pageNow) } }).catch((e: unknown) => {
      // The page went away (navigation, test end) while the answer was on its way: nothing is waiting for it.
      if (!/disposed|closed/i.test(String(e))) throw e;
    });
  });
}
