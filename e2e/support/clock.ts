/** Helpers for tests that drive the page's fake clock (page.clock) instead of waiting in real time. */
import { expect, type BrowserContext, type Page } from "@playwright/test";

/** One fetch the page made, as the page itself saw it: its (fake) clock when it left, and whether its answer came. */
export interface SentByPage {
  url: string;
  method: string;
  at: number;
  answered: boolean;
}

declare global {
  interface Window {
    __e2eSent?: SentByPage[];
  }
}

/**
 * Runs in the page: wraps `fetch` so that every request is recorded in `window.__e2eSent` when it leaves, stamped
 * with the page's own clock, and marked answered once its whole body has arrived. Self-contained (no closure over
 * this module), because Playwright serializes it into the page.
 */
function installFetchRecorder(): void {
  if (window.__e2eSent) return;
  const sent: SentByPage[] = (window.__e2eSent = []);
  const realFetch = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const entry: SentByPage = {
      url: new URL(url, location.href).href,
      method: (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase(),
      at: Date.now(),
      answered: false,
    };
    sent.push(entry);
    const answer = realFetch(input, init);
    const settle = () => {
      entry.answered = true;
    };
    // Answered = the whole body is here (read from a copy, so the page's own reading is untouched).
    answer.then((r) => r.clone().arrayBuffer()).then(settle, settle);
    return answer;
  };
}

/**
 * Records every fetch the current page makes from now on (installFetchRecorder). Call it on a loaded page, after
 * `page.clock.install()` (so the stamps are fake time); it lasts until the page navigates (it is not an init script,
 * so a reload is untouched). `recordContextRequests` records from the start of every page of a context instead.
 *
 * Why not Playwright's "request" event: it comes from the browser's network process, not from the page, and is not
 * ordered with `page.evaluate` round trips. On a busy machine it arrived several 250 ms clock steps after the request
 * left, so the clock kept moving while that request was in flight; the measured gap to the *next* poll then came out
 * short by those steps (2000 ms for a 3000 ms poll). The page's own record is read in the same round trip as the clock
 * step, so the clock stops in the very step the request left, and the gap is measured between the page's own stamps.
 * Without a fake clock the stamps are this machine's clock (the server's too): a request event reaches the test
 * process later, by however long a loaded machine delays it, which once put polls 1.2 s off the server's beat.
 */
export async function recordPageRequests(page: Page): Promise<void> {
  await page.evaluate(installFetchRecorder);
}

/** recordPageRequests for every page of `context`, from the moment each page starts (an init script). */
export async function recordContextRequests(context: BrowserContext): Promise<void> {
  await context.addInitScript(installFetchRecorder);
}

/** The requests the page has recorded so far (recordPageRequests / recordContextRequests), oldest first. */
export async function recordedRequests(page: Page): Promise<SentByPage[]> {
  return page.evaluate(() => window.__e2eSent ?? []);
}

/**
 * Advances the paused page clock in small steps until the page sends a request matching `match` (its absolute URL
 * and method), then lets that request's answer arrive with the clock standing still, and returns how much page time
 * passed from the call until the request left, by the page's own stamp. Needs `recordPageRequests` on the page
 * first. Small steps (each a round trip) let the page finish handling the previous answer and set its next timer
 * before the clock moves on. Throws after `maxMs` of page time.
 *
 * Why the clock stops while the request is in flight: the pages poll on the server's beat, so a poll leaves at a
 * fixed page time whatever the previous answer's latency was. Moving the clock while an answer is on its way would
 * turn real network time (a cold route, a busy machine) into page time, so the gap between two *answers* would swing
 * by that latency (a slow first answer made a 3 s poll look like a 2 s one). Measured at the request, and with no
 * page time passing in flight, the gap is the page's own polling interval.
 */
export async function advanceUntilRequest(
  page: Page,
  match: (url: string, method: string) => boolean,
  { stepMs = 250, maxMs = 70_000 } = {},
): Promise<number> {
  const { startedAt, seen } = await page.evaluate(() => ({
    startedAt: Date.now(),
    seen: window.__e2eSent?.length ?? -1,
  }));
  if (seen < 0) throw new Error("advanceUntilRequest needs recordPageRequests(page) on this page first");
  let advanced = 0;
  for (;;) {
    const newer = await page.evaluate(
      (from) => window.__e2eSent!.slice(from).map((s, i) => ({ ...s, index: from + i })),
      seen,
    );
    const hit = newer.find((s) => match(s.url, s.method));
    if (hit) {
      // The clock stands still until the page has the answer (polled in real time: waiting for the page's state).
      await expect
        .poll(() => page.evaluate((i) => window.__e2eSent![i]!.answered, hit.index), { timeout: 30_000 })
        .toBe(true);
      return hit.at - startedAt;
    }
    if (advanced >= maxMs) throw new Error(`no matching request within ${maxMs} ms of page time`);
    await page.clock.runFor(stepMs);
    advanced += stepMs;
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
    // The page went away (navigation, test end) while the answer was on its way: nothing is waiting for it.
    const gone = (e: unknown) => {
      if (!/disposed|closed|test ended/i.test(String(e))) throw e;
    };
    const response = await route.fetch();
    const pageNow = await page.evaluate(() => Date.now()).catch((e: unknown) => gone(e));
    if (pageNow === undefined) return;
    await route.fulfill({ response, headers: { ...response.headers(), "x-server-time": String(pageNow) } }).catch(gone);
  });
}
