import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { E2E, ssoHeaders } from "./support/env";
import { triggerJob, uniqueName } from "./support/jobs-api";

/**
 * The audit log: CI runs everything under one shared key, so this page is where a person can see who triggered or
 * cancelled a job. Each test seeds its own job with a unique name and filters the log down to it.
 */

async function expectNoSeriousA11yViolations(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  const bad = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const auditRows = (page: Page) =>
  page
    .getByRole("region", { name: "Audit log entries, newest first" })
    .getByRole("row")
    .filter({ has: page.getByRole("cell") });

test.describe("audit log", () => {
  test("shows who triggered and who cancelled a job, with CI's answer", async ({ page, request }) => {
    const name = uniqueName("audit");
    const job = await triggerJob(request, name, "slow/");
    const cancel = await request.post(`/api/jobs/${job.JobId}/cancel`, { headers: { Origin: E2E.appUrl }, data: {} });
    expect(cancel.status()).toBe(200);

    await page.goto(`/audit?jobId=${job.JobId}`);
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    const rows = auditRows(page);
    await expect(rows).toHaveCount(2);
    // Newest first: the cancel, then the trigger; both by the signed-in operator, both accepted by CI.
    await expect(rows.nth(0)).toContainText("cancel");
    await expect(rows.nth(1)).toContainText("trigger");
    for (const i of [0, 1]) {
      await expect(rows.nth(i)).toContainText(E2E.operator.email);
      await expect(rows.nth(i)).toContainText("Success");
      await expect(rows.nth(i).getByRole("link", { name: job.JobId })).toHaveAttribute(
        "href",
        new RegExp(`/jobs/${job.JobId}\\?bucket=`),
      );
    }
    // The trigger row keeps the request as it was sent.
    await rows.nth(1).getByText("Show").click();
    await expect(rows.nth(1).getByLabel("Request as sent")).toContainText(name);
    await expectNoSeriousA11yViolations(page);
  });

  test("keeps filters in the URL and pages with a cursor", async ({ page, request }) => {
    await triggerJob(request, uniqueName("audit-p1"), "ok/");
    await triggerJob(request, uniqueName("audit-p2"), "ok/");

    await page.goto("/audit");
    await page.getByRole("searchbox", { name: "Who" }).fill("OLIVIA.operator");
    await page.getByRole("combobox", { name: "Action" }).selectOption("trigger");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/actor=OLIVIA\.operator/);
    await expect(page).toHaveURL(/action=trigger/);
    const rows = auditRows(page);
    await expect(rows.first()).toBeVisible();
    for (const text of await rows.allInnerTexts()) expect(text).toMatch(/olivia\.operator@example\.com[\s\S]*trigger/i);

    await page.goto("/audit?actor=olivia&action=trigger&limit=1");
    await expect(rows).toHaveCount(1);
    const newest = await rows.first().getAttribute("data-audit-id");
    await page.getByRole("link", { name: "Older entries →" }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(rows).toHaveCount(1);
    expect(Number(await rows.first().getAttribute("data-audit-id"))).toBeLessThan(Number(newest));
    await page.getByRole("link", { name: "← Newest entries" }).click();
    await expect(page).not.toHaveURL(/cursor=/);
    await expect(rows.first()).toHaveAttribute("data-audit-id", newest!);

    await page.goto("/audit?actor=nobody-at-all-x9");
    await expect(page.getByRole("status").filter({ hasText: "No entries match these filters." })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("offers the matching entries as a CSV download", async ({ page, request }) => {
    const job = await triggerJob(request, uniqueName("audit-csv"), "ok/");
    await page.goto(`/audit?jobId=${job.JobId}`);
    await expect(auditRows(page)).toHaveCount(1);
    const link = page.getByRole("link", { name: /Download CSV/ });
    const href = await link.getAttribute("href");
    expect(href).toBe(`/api/audit?jobId=${job.JobId}&format=csv`);
    // Fetched through the API context: a browser download would bypass the SSO headers this harness injects.
    const res = await request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="audit-log-\d{8}T\d{6}Z\.csv"$/);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(job.JobId);
    expect(lines[1]).toContain(E2E.operator.email);
  });

  test.describe("as a viewer", () => {
    test.use({ extraHTTPHeaders: ssoHeaders(E2E.viewer) });

    test("can read the log, and nothing can change or delete an entry", async ({ page, request }) => {
      await page.goto("/audit");
      await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
      await expect(page.getByRole("button", { name: /edit|delete|remove/i })).toHaveCount(0);
      const list = await request.get("/api/audit?limit=1");
      expect(list.status()).toBe(200);
      for (const method of ["post", "put", "patch", "delete"] as const) {
        const res = await request[method]("/api/audit", { headers: { Origin: E2E.appUrl }, data: {} });
        expect(res.status(), method).toBe(405);
      }
    });
  });

  test.describe("without a signed-in user", () => {
    test.use({ extraHTTPHeaders: {} });

    test("shows nothing of the log", async ({ page, request }) => {
      await page.goto("/audit");
      await expect(page.getByRole("heading", { name: "You are not signed in" })).toBeVisible();
      await expect(page.getByRole("table")).toHaveCount(0);
      await expect(page.getByText(E2E.operator.email)).toHaveCount(0);
      expect((await request.get("/api/audit")).status()).toBe(401);
      await expectNoSeriousA11yViolations(page);
    });
  });
});
