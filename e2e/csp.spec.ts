import { expect, test, type Page } from "@playwright/test";
import { emulatorAdmin } from "./support/emulator-admin";
import { listJobs } from "./support/jobs-api";
import { jobsScreen, waitForHydration } from "./support/jobs-page";

/**
 * The Content-Security-Policy (proxy.ts) in a real browser: a fresh script nonce per request, no 'unsafe-inline' for
 * scripts, and not one violation on any page — Next's own scripts, chunks loaded later ('strict-dynamic') and client
 * navigations all run under it.
 */

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Collects every CSP violation the page reports, by event and by console line. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const consoleLines: string[] = [];
  page.on("console", (m) => {
    const text = m.text();
    if (/Refused to|Content Security Policy/i.test(text)) consoleLines.push(text);
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations!.push(
        `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  return async () => [...consoleLines, ...((await page.evaluate(() => window.__cspViolations)) ?? [])];
}

const directive = (csp: string, name: string) =>
  csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `)) ?? "";

test.beforeEach(async () => {
  await emulatorAdmin.reset();
});

const pages: Array<{ name: string; path: (jobId: string) => string; ready: (page: Page) => Promise<void> }> = [
  { name: "the jobs table", path: () => "/jobs", ready: (page) => jobsScreen(page).ready() },
  {
    name: "the trigger wizard",
    path: () => "/jobs/new",
    ready: (page) => expect(page.getByRole("heading", { level: 2 })).toBeVisible(),
  },
  { name: "a job page", path: (jobId) => `/jobs/${jobId}`, ready: (page) => waitForHydration(page) },
  {
    name: "the audit log",
    path: () => "/audit",
    ready: (page) => expect(page.getByTestId("audit-chain")).toBeVisible(),
  },
  {
    name: "the job-not-found page",
    path: () => "/jobs/b00000000000000000000000000000000",
    ready: (page) => expect(page.getByRole("heading", { name: "Job not found" })).toBeVisible(),
  },
];

for (const { name, path, ready } of pages) {
  test(`${name} runs under a nonce-based CSP with no violation`, async ({ page, request }) => {
    const violations = await watchViolations(page);
    const jobId = (await listJobs(request, { size: 1 })).jobs[0]!.JobId;
    const res = await page.goto(path(jobId));
    const csp = res!.headers()["content-security-policy"] ?? "";
    expect(directive(csp, "script-src")).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
    await ready(page);
    await page.waitForLoadState("networkidle");
    expect(await violations()).toEqual([]);
  });
}

test("a client-side navigation loads the next page's chunks under the CSP ('strict-dynamic')", async ({
  page,
  request,
}) => {
  const violations = await watchViolations(page);
  const jobId = (await listJobs(request, { size: 1 })).jobs[0]!.JobId;
  await page.goto("/jobs");
  await jobsScreen(page).ready();
  await jobsScreen(page).row(jobId).getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${jobId}$`));
  await waitForHydration(page);
  await page.waitForLoadState("networkidle");
  expect(await violations()).toEqual([]);
});

test("the page shown to someone not signed in runs under the CSP too", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: {} });
  const page = await context.newPage();
  const violations = await watchViolations(page);
  await page.goto("/jobs");
  await expect(page.getByRole("heading", { name: "You are not signed in" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(await violations()).toEqual([]);
  await context.close();
});

test("each answer has its own nonce, on every script Next renders, and scripts allow no inline code", async ({
  request,
}) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const res = await request.get("/jobs");
    const csp = res.headers()["content-security-policy"]!;
    const scriptSrc = directive(csp, "script-src");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
    nonces.add(nonce);
    const scripts = (await res.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(3);

  // API answers carry a policy that allows nothing at all (they are data, never a document), and the cross-origin
  // isolation headers too.
  const api = await request.get("/api/jobs?size=1");
  expect(directive(api.headers()["content-security-policy"] ?? "", "default-src")).toBe("default-src 'none'");
  expect(api.headers()["content-security-policy"]).not.toContain("unsafe");
  for (const res of [api, await request.get("/jobs")]) {
    expect(res.headers()["cross-origin-opener-policy"]).toBe("same-origin");
    expect(res.headers()["cross-origin-resource-policy"]).toBe("same-origin");
    expect(res.headers()["strict-transport-security"]).toBeUndefined(); // HSTS_MAX_AGE is unset: off on plain http
  }
});

test("an inline script injected into the page's HTML is refused, and the watcher above reports it", async ({
  page,
}) => {
  const violations = await watchViolations(page);
  // What a stored XSS would look like: markup in the server's answer, without the request's nonce.
  await page.route("**/jobs", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("</body>", "<script>window.__injectedRan = true</script></body>");
    await route.fulfill({ response, body: html });
  });
  await page.goto("/jobs");
  await jobsScreen(page).ready(); // the page's own (nonced) scripts still run
  expect(await page.evaluate(() => (window as { __injectedRan?: boolean }).__injectedRan === true)).toBe(false);
  await expect.poll(violations).toContainEqual(expect.stringContaining("script-src"));
});
