import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { E2E, ssoHeaders } from "./support/env";

test.describe("security boundaries", () => {
  test("pages and API answers carry the security headers", async ({ request }) => {
    for (const path of ["/jobs", "/api/jobs?size=1"]) {
      const res = await request.get(path);
      expect(res.status(), path).toBeLessThan(400);
      const h = res.headers();
      expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(h["x-content-type-options"], path).toBe("nosniff");
      expect(h["referrer-policy"], path).toBeTruthy();
    }
  });

  test("no identity: the API says 401 and the page shows no data", async ({ browser }) => {
    const context = await browser.newContext({ extraHTTPHeaders: {} });
    const page = await context.newPage();
    const api = await page.request.get("/api/jobs?size=1");
    expect(api.status()).toBe(401);
    const response = await page.goto("/jobs");
    expect(response?.status()).toBe(401);
    await expect(page.getByRole("heading", { name: "You are not signed in" })).toBeVisible();
    const html = await page.content();
    expect(html).not.toMatch(/b[0-9a-f]{32}/); // no job IDs rendered for an anonymous caller
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    await context.close();
  });

  test("a viewer cannot trigger; a cross-site request cannot change anything", async ({ playwright }) => {
    const viewer = await playwright.request.newContext({
      baseURL: E2E.appUrl,
      extraHTTPHeaders: ssoHeaders(E2E.viewer),
    });
    const res = await viewer.post("/api/jobs", { data: { Name: "x", Type: "Workflow" } });
    expect(res.status()).toBe(403);
    await viewer.dispose();
    const operator = await playwright.request.newContext({
      baseURL: E2E.appUrl,
      extraHTTPHeaders: { ...ssoHeaders(E2E.operator), origin: "https://evil.example" },
    });
    expect((await operator.post("/api/jobs", { data: { Name: "x" } })).status()).toBe(403);
    await operator.dispose();
  });

  test("served pages never contain the CI secret", async ({ page }) => {
    const secret = E2E.appEnv.CI_SECRET_KEY;
    for (const path of ["/jobs", "/jobs/new"]) {
      await page.goto(path);
      expect(await page.content(), path).not.toContain(secret);
    }
  });
});
