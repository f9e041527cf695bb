/**
 * CI's error bodies reach the screen as CI's code, message and RequestId: the JSON body some CI front ends send
 * (`{code, message, request_id}`, numeric code, as cos-go-sdk-v5 error.go decodes it) on the job list and on the
 * trigger's Review step, and CI's XML `<Error>` on the job list (the XML case on Review is in trigger-flows.spec.ts).
 * The emulator answers with a chosen error (admin fault `errorAnswer`, emulator/error-answer.ts) and a pinned
 * RequestId, so the test can look for CI's own id on screen.
 */
import { expect, test } from "@playwright/test";
import { emulatorAdmin } from "./support/emulator-admin";
import { jobsScreen } from "./support/jobs-page";
import { basicsAndInput, emulatorTriggers, next, openWizard, uniqueName } from "./trigger-helpers";

test.beforeEach(async () => {
  await emulatorAdmin.reset();
});
test.afterEach(async () => {
  await emulatorAdmin.clearFaults();
});

const LIST_CASES = [
  {
    format: "json",
    label: "a JSON",
    errorAnswer: { format: "json", status: 400, code: 1015, message: "invalid list parameter" },
    shownCode: "1015",
  },
  {
    format: "xml",
    label: "an XML",
    errorAnswer: { format: "xml", status: 400, code: "ResourceAccessDenied", message: "no access to this bucket" },
    shownCode: "ResourceAccessDenied",
  },
] as const;

for (const c of LIST_CASES) {
  test(`${c.label} error on the job list shows CI's code, message and RequestId`, async ({ page }) => {
    const requestId = uniqueName(`e2e-${c.format}-list`);
    await emulatorAdmin.setFaults({
      errorAnswer: { ...c.errorAnswer, requestId },
      routes: ["GET /inventorytriggerjob"],
    });
    const s = jobsScreen(page);
    // A view of its own, so no cached answer (CI_CACHE_MS) stands in for CI.
    await page.goto(`/jobs?name=${requestId}`);
    await expect(s.banner).toBeVisible();
    await expect(s.banner).toContainText("Could not load the job list");
    await expect(s.banner.getByText(c.shownCode, { exact: true })).toBeVisible();
    await expect(s.banner).toContainText(`${c.shownCode}: ${c.errorAnswer.message}`);
    await expect(s.banner.getByText(requestId, { exact: true })).toBeVisible();
    await expect(s.banner).toContainText(`RequestId: ${requestId}`);
  });
}

test("a JSON error refusing a trigger shows CI's code, message and RequestId on Review", async ({ page }) => {
  const requestId = uniqueName("e2e-json-trigger");
  await openWizard(page);
  await basicsAndInput(page, {
    name: uniqueName("e2e-json-err"),
    type: "Workflow",
    input: { kind: "Prefix", value: "in/" },
  });
  await page.getByRole("combobox", { name: "Workflow", exact: true }).selectOption({ label: "Type an ID…" });
  const typed = page.getByRole("textbox", { name: "Workflow ID" });
  await expect(typed).toBeFocused();
  await typed.fill("w7476ff3564ee45b7b490d64bccaba6cc");
  await next(page, 5, "Review");

  await emulatorAdmin.setFaults({
    errorAnswer: { format: "json", status: 400, code: 40001, message: "the queue is paused", requestId },
    routes: ["POST /inventorytriggerjob"],
  });
  const before = (await emulatorTriggers()).length;
  await page.getByRole("button", { name: "Submit job" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "The job was not created" });
  await expect(alert).toBeVisible();
  await expect(alert.getByText("40001", { exact: true })).toBeVisible();
  await expect(alert).toContainText("the queue is paused");
  await expect(alert).toContainText(`RequestId: ${requestId}`);
  await expect(page.getByRole("button", { name: "Submit job" })).toBeEnabled();
  // CI refused before doing anything: the emulator logged no trigger.
  expect((await emulatorTriggers()).length).toBe(before);
});
