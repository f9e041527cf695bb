import { expect, test } from "@playwright/test";
import { emulatorAdmin } from "./support/emulator-admin";
import { triggerJob, uniqueName } from "./support/jobs-api";

test.beforeEach(async () => {
  await emulatorAdmin.reset();
});

test("/audit says the audit chain is intact, with as many rows as the verifier walked", async ({ page, request }) => {
  await triggerJob(request, uniqueName("chain"), `e2e/pause/${Date.now()}/`);
  const report = (await (await request.get("/api/audit/verify")).json()) as { intact: boolean; rows: number };
  expect(report.intact).toBe(true);
  expect(report.rows).toBeGreaterThan(0);
  await page.goto("/audit");
  // Rows written between the two reads (other specs' jobs settling) only ever add to the count.
  await expect(page.getByTestId("audit-chain")).toHaveText(/^Audit chain intact: \d+ rows?$/);
  const shown = Number(/\d+/.exec((await page.getByTestId("audit-chain").textContent()) ?? "")![0]);
  expect(shown).toBeGreaterThanOrEqual(report.rows);
});
