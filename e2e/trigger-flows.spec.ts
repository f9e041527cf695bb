import { expect, test, type Page } from "@playwright/test";
import {
  basicsAndInput,
  emulatorTriggers,
  expectStep,
  next,
  noSeriousA11yViolations,
  openWizard,
  pickFirst,
  submitAndGetJobId,
  triggerFor,
  uniqueName,
} from "./trigger-helpers";
import { E2E, ssoHeaders } from "./support/env";

/** A Transcode-with-template job, up to Review. */
async function transcodeToReview(page: Page, name: string, object = "out/${InventoryTriggerJobId}.mp4") {
  await openWizard(page);
  await basicsAndInput(page, { name, type: "Job", input: { kind: "Prefix", value: "incoming/" } });
  await page.getByRole("radio", { name: /^Transcode\b/ }).check();
  await page.getByRole("radio", { name: /^A saved template/ }).check();
  await pickFirst(page, "Template");
  await next(page, 4, "Output & delivery");
  await page.getByRole("textbox", { name: "Object", exact: true }).fill(object);
  await next(page, 5, "Review");
}

test.describe("trigger wizard: duplicate, submit safety, errors, drafts, accessibility", () => {
  test("duplicate a job, change a field, Review shows the change", async ({ page }) => {
    const name = uniqueName("e2e-src");
    await transcodeToReview(page, name);
    const sourceId = await submitAndGetJobId(page);
    const source = await triggerFor(sourceId);

    await page.goto(`/jobs/new?from=${sourceId}`);
    await expect(page.getByRole("heading", { level: 1, name: `Duplicate job ${sourceId}` })).toBeVisible();
    await expectStep(page, 1, "Basics");
    const nameBox = page.getByRole("textbox", { name: "Name" });
    await expect(nameBox).toHaveValue(name);
    await nameBox.fill(`${name}-copy`);
    await next(page, 2, "Input");
    await expect(page.getByRole("textbox", { name: "Prefix", exact: true })).toHaveValue("incoming/");
    await next(page, 3, "Operation");
    await expect(page.getByRole("radio", { name: /^Transcode\b/ })).toBeChecked();
    await expect(page.getByRole("radio", { name: /^A saved template/ })).toBeChecked();
    await next(page, 4, "Output & delivery");
    await page.getByRole("combobox", { name: "Priority (JobLevel)" }).selectOption("2");
    await next(page, 5, "Review");
    const changes = page.getByRole("table", { name: "Changed elements" });
    await expect(changes.getByRole("row", { name: /^Name/ })).toContainText(`${name}-copy`);
    await expect(changes.getByRole("row", { name: /^Operation\.JobLevel/ })).toContainText("2");
    await expect(changes.getByRole("row")).toHaveCount(3); // header + the two changes, nothing else
    const copyId = await submitAndGetJobId(page);
    const copy = await triggerFor(copyId);
    expect(copy.xml).toBe(
      source.xml
        .replace(`<Name>${name}</Name>`, `<Name>${name}-copy</Name>`)
        .replace("</Output>", "</Output><JobLevel>2</JobLevel>"),
    );
  });

  test("double-clicking Submit creates exactly one job", async ({ page }) => {
    const name = uniqueName("e2e-dbl");
    await transcodeToReview(page, name);
    const before = (await emulatorTriggers()).length;
    await page.getByRole("button", { name: "Submit job" }).dblclick();
    await page.waitForURL(/\/jobs\/b[0-9a-f]+/);
    // The toast is raised just before leaving the wizard; the lazily loaded Toaster lives in the root layout, so it shows here.
    await expect(page.getByText(`Job ${name} created`)).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect((await emulatorTriggers()).length).toBe(before + 1);
  });

  test("a CI error shows on Review with code and RequestId, and the form keeps every value", async ({ page }) => {
    const name = uniqueName("e2e-err");
    await openWizard(page);
    await basicsAndInput(page, { name, type: "Workflow", input: { kind: "Prefix", value: "in/" } });
    await page.getByRole("combobox", { name: "Workflow", exact: true }).selectOption({ label: "Type an ID…" });
    const typed = page.getByRole("textbox", { name: "Workflow ID" });
    await expect(typed).toBeFocused();
    await typed.fill("w0000000000000000000000000000dead");
    await next(page, 5, "Review");
    await page.getByRole("button", { name: "Submit job" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "The job was not created" });
    await expect(alert).toContainText("InvalidArgument");
    await expect(alert).toContainText("does not exist");
    await expect(alert).toContainText(/RequestId: \S+/);
    await expect(page.getByRole("button", { name: "Submit job" })).toBeEnabled();
    await noSeriousA11yViolations(page, "Review with a CI error");
    await page.getByRole("button", { name: "Back" }).click();
    await expectStep(page, 3, "Operation");
    await expect(page.getByRole("textbox", { name: "Workflow ID" })).toHaveValue("w0000000000000000000000000000dead");
    await page.getByRole("button", { name: /Basics/ }).click();
    await expect(page.getByRole("textbox", { name: "Name" })).toHaveValue(name);
  });

  test("a 400 naming fields marks them on the form and jumps to the first one's step", async ({ page }) => {
    await transcodeToReview(page, uniqueName("e2e-fields"));
    // The server checks with the same schema, so the browser never sends a request it refuses; stand in for a
    // server-only rule (e.g. an output-bucket allowlist) with a canned answer.
    await page.route("**/api/jobs?*", (route) =>
      route.request().method() === "POST"
        ? route.fulfill({
            status: 400,
            contentType: "application/json",
            body: JSON.stringify({
              error: {
                code: "OutputBucketNotAllowed",
                message: "Operation.Output.Bucket: not an allowed output bucket",
                fields: [{ path: "Operation.Output.Bucket", message: "Allowed: archive-1250000000" }],
              },
            }),
          })
        : route.continue(),
    );
    await page.getByRole("button", { name: "Submit job" }).click();
    await expectStep(page, 4, "Output & delivery");
    const bucket = page.getByRole("textbox", { name: "Bucket", exact: true });
    await expect(bucket).toBeFocused();
    await expect(bucket).toHaveAttribute("aria-invalid", "true");
    await expect(bucket).toHaveAccessibleDescription(/Allowed: archive-1250000000/);
    await bucket.fill("archive-1250000000");
    await expect(bucket).not.toHaveAttribute("aria-invalid", "true");
  });

  test("a viewer can fill the form but not submit", async ({ browser }) => {
    const context = await browser.newContext({ extraHTTPHeaders: ssoHeaders(E2E.viewer) });
    const page = await context.newPage();
    await openWizard(page);
    await basicsAndInput(page, {
      name: uniqueName("e2e-viewer"),
      type: "Workflow",
      input: { kind: "Prefix", value: "in/" },
    });
    await pickFirst(page, "Workflow");
    await next(page, 5, "Review");
    await expect(page.getByText("Your account may view jobs but not trigger them")).toBeVisible();
    await expect(page.getByRole("button", { name: "Submit job" })).toBeDisabled();
    await context.close();
  });

  test("guardrails need an explicit acknowledgement", async ({ page }) => {
    await transcodeToReview(page, uniqueName("e2e-guard"), "incoming/out.mp4");
    await expect(page.getByText(/lies under the input prefix "incoming\/"/)).toBeVisible();
    await expect(page.getByText(/has no \$\{…\} variable/)).toBeVisible();
    const submit = page.getByRole("button", { name: "Submit job" });
    await expect(submit).toBeDisabled();
    await page.getByRole("checkbox", { name: /I understand/ }).check();
    await expect(submit).toBeEnabled();
  });

  test("the draft survives a reload and can be discarded", async ({ page }) => {
    await openWizard(page);
    await page.getByRole("textbox", { name: "Name" }).fill("draft-kept");
    await next(page, 2, "Input");
    await page.getByRole("textbox", { name: "Prefix", exact: true }).fill("keep/me/");
    await page.reload();
    await expectStep(page, 2, "Input");
    await expect(page.getByRole("textbox", { name: "Prefix", exact: true })).toHaveValue("keep/me/");
    await page.getByRole("button", { name: "Discard draft" }).click();
    await expect(page.getByText("Draft discarded")).toBeVisible();
    await expectStep(page, 1, "Basics");
    await expect(page.getByRole("textbox", { name: "Name" })).toHaveValue("");
  });

  test("a lost answer: no automatic resubmit, and a reload + resubmit reuses the key, so still one job", async ({
    page,
  }) => {
    const name = uniqueName("e2e-lost");
    await transcodeToReview(page, name);
    const before = (await emulatorTriggers()).length;
    const keys: string[] = [];
    let firstJobId = "";
    let lose = true;
    await page.route("**/api/jobs?*", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      keys.push(route.request().headers()["idempotency-key"] ?? "");
      if (!lose) return route.continue();
      lose = false;
      // The server creates the job, but its answer never reaches the browser.
      const res = await route.fetch();
      firstJobId = ((await res.json()) as { job: { JobId: string } }).job.JobId;
      await route.abort("connectionreset");
    });
    await page.getByRole("button", { name: "Submit job" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "CI may or may not have created the job" });
    await expect(alert).toBeVisible();
    await expect(alert.getByRole("link", { name: `look for jobs named ${name}` })).toHaveAttribute(
      "href",
      `/jobs?name=${name}`,
    );
    expect(keys).toHaveLength(1); // nothing was resent by itself
    expect((await emulatorTriggers()).length).toBe(before + 1);

    await page.reload();
    await expectStep(page, 5, "Review");
    const jobId = await submitAndGetJobId(page);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(jobId).toBe(firstJobId); // the server answered the first job again
    expect((await emulatorTriggers()).length).toBe(before + 1);
  });

  test("every step passes axe, and a step can be done with the keyboard alone", async ({ page }) => {
    await openWizard(page);
    await noSeriousA11yViolations(page, "Basics");
    // Keyboard only: Tab to Name, type, arrow to Workflow, Enter submits the step.
    for (
      let i = 0;
      i < 30 && !(await page.getByRole("textbox", { name: "Name" }).evaluate((el) => el === document.activeElement));
      i++
    ) {
      await page.keyboard.press("Tab");
    }
    await expect(page.getByRole("textbox", { name: "Name" })).toBeFocused();
    await page.keyboard.type("keyboard-only");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("radio", { name: /^Job\b/ })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("radio", { name: /^Workflow\b/ })).toBeChecked();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    await expectStep(page, 2, "Input");
    await expect(page.getByRole("heading", { level: 2, name: "Step 2 of 5: Input" })).toBeFocused();
    await noSeriousA11yViolations(page, "Input");
    await page.getByRole("textbox", { name: "Prefix", exact: true }).fill("a/");
    await next(page, 3, "Operation");
    await noSeriousA11yViolations(page, "Operation (workflow)");
    await page.getByRole("button", { name: /Basics/ }).click();
    await page.getByRole("radio", { name: /^Job\b/ }).check();
    await next(page, 2, "Input");
    await next(page, 3, "Operation");
    await page.getByRole("radio", { name: /^Transcode\b/ }).check();
    await noSeriousA11yViolations(page, "Operation (Transcode)");
    await next(page, 4, "Output & delivery");
    await page.getByRole("combobox", { name: "Callback type" }).selectOption("TDMQ");
    await noSeriousA11yViolations(page, "Output & delivery");
    await page.getByRole("combobox", { name: "Callback type" }).selectOption("");
    await page.getByRole("textbox", { name: "Object", exact: true }).fill("o/${InventoryTriggerJobId}.mp4");
    await next(page, 5, "Review");
    await noSeriousA11yViolations(page, "Review");
  });
});
